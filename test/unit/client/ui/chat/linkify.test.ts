import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkify } from '../../../../../src/client/ui/chat/linkify.js';

const links = (text: string) => linkify(text).filter((part) => part.kind === 'link');

describe('linkify', () => {
  it('finds http, https and www addresses in text, and keeps the rest as text', () => {
    assert.deepEqual(linkify('see https://example.org/a?b=1 now'), [
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: ' now' },
    ]);
    assert.deepEqual(links('www.example.org and http://x.org'), [
      { kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it('leaves sentence punctuation and unbalanced parentheses out of the address', () => {
    assert.equal(links('Read https://example.org/page.')[0]?.text, 'https://example.org/page');
    assert.equal(links('(see https://example.org/x)')[0]?.text, 'https://example.org/x');
    assert.equal(
      links('https://en.wikipedia.org/wiki/Mesh_(networking), ok')[0]?.text,
      'https://en.wikipedia.org/wiki/Mesh_(networking)',
    );
  });

  it('never makes a link of other schemes or markup', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '<a href="javascript:alert(1)">x</a>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '<img src=x onerror=alert(1)>',
    ]) {
      assert.deepEqual(links(hostile), [], hostile);
      assert.equal(
        linkify(hostile)
          .map((part) => part.text)
          .join(''),
        hostile,
        'the text is kept whole',
      );
    }
    assert.deepEqual(links('https://"onmouseover=alert(1)'), []);
  });

  it('keeps the whole text, in order, whatever it holds', () => {
    const text = 'a https://x.org b www.y.org. c\nhttps://z.org/(q) d';
    assert.equal(
      linkify(text)
        .map((part) => part.text)
        .join(''),
      text,
    );
  });
});
