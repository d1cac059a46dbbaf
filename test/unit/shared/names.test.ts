import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameKeys, skeleton, uniqueDisplayName, uniqueDisplayNameAmong } from '../../../src/shared/nameSkeleton.js';
import { graphemes, nameProblem, normalizeName } from '../../../src/shared/names.js';
import { displayNameSchema } from '../../../src/shared/schemas.js';

/** What the client's pre-join check says about a name as typed. */
const clientProblem = (raw: string) => nameProblem(normalizeName(raw));

/** What the server's schema says: the same policy, with the look-alike check. */
const serverProblem = (raw: unknown) => {
  const parsed = displayNameSchema.safeParse(raw);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

const zwj = '\u200D';
const zwnj = '\u200C';

describe('display name policy', () => {
  it('accepts real names in every script, and emoji', () => {
    for (const name of [
      'José',
      'Zoë',
      '李小龍',
      'محمد',
      'Ngũgĩ wa Thiong’o',
      'O’Brien-Smith',
      'ஸ்ரீ',
      `می${zwnj}خواهم`, // Persian "I want", with the non-joiner its spelling needs
      `क्${zwj}ष`, // Devanagari half form
      `क्${zwnj}ष`, // Devanagari explicit virama
      `ශ්${zwj}රී`, // Sinhala "Sri", with its ZWJ
      'Nguyễn Thị Minh Khai',
      'שָׁלוֹם',
      '👨‍👩‍👧',
      '🏳️‍🌈',
      '👩🏽‍💻',
      '👩🏽‍❤️‍💋‍👨🏿',
      '🇰🇷',
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿', // Scotland: tag characters, but the emoji that Unicode spells with them
      '#️⃣',
      '葛\u{E0100}飾', // a Japanese name's kanji with its ideographic variation selector
      'Ada 2',
      '#1 fan',
      '<img src=x onerror=alert(1)>', // rendered as text
    ]) {
      assert.equal(clientProblem(name), undefined, `client refused ${JSON.stringify(name)}`);
      assert.equal(serverProblem(name), undefined, `server refused ${JSON.stringify(name)}`);
      assert.equal(displayNameSchema.parse(name), name.normalize('NFC'));
    }
  });

  it('refuses what changes text direction, hides or draws nothing, each with its reason', () => {
    const direction = 'a name cannot contain characters that change text direction';
    const invisible = 'a name cannot contain invisible characters';
    for (const [name, problem] of [
      ['evil\u202Egnp.exe', direction], // RIGHT-TO-LEFT OVERRIDE
      ['a\u2066b', direction], // LEFT-TO-RIGHT ISOLATE
      ['a\u061Cb', direction], // ARABIC LETTER MARK
      ['Alice\u200F', direction], // RIGHT-TO-LEFT MARK
      ['\u3164', invisible], // HANGUL FILLER alone
      ['Al\u3164ice', invisible], // and inside a name
      ['\u115F\u1160', invisible],
      ['\uFFA0', invisible],
      ['\u2800', invisible], // BRAILLE PATTERN BLANK
      ['A\u2800B', invisible],
      ['Bob\u180E', invisible], // MONGOLIAN VOWEL SEPARATOR
      ['zero\u200Bwidth', invisible], // ZERO WIDTH SPACE
      ['\u00AD', invisible], // SOFT HYPHEN alone
      ['a\uFEFFb', invisible],
      ['Bob\u{E0041}\u{E0042}', 'a name cannot contain invisible tag characters'],
      ['🏴\u{E0041}\u{E007F}', 'a name cannot contain invisible tag characters'],
      ['a\u0000b', 'a name cannot contain control characters'],
      ['bell\u0007', 'a name cannot contain control characters'],
      ['a\u2028b', 'a name cannot contain line or paragraph breaks'],
      ['\uE000x', 'a name cannot contain private-use characters'],
      ['x\u{50000}', 'a name cannot contain unassigned characters'],
      ['x\uD800', 'a name cannot contain broken characters (unpaired surrogates)'],
      ['\u0600\u0661', 'a name cannot contain formatting characters'],
    ] as const) {
      assert.equal(clientProblem(name), problem, JSON.stringify(name));
      assert.equal(serverProblem(name), problem, JSON.stringify(name));
    }
  });

  it('allows the joiners only where a script or an emoji uses them', () => {
    const joiner = 'a name can only use a zero width joiner between emoji or inside a word in a script that needs it';
    const nonJoiner = 'a name can only use a zero width non-joiner between two letters';
    assert.equal(clientProblem(`Al${zwj}ice`), joiner, 'ZWJ changes nothing in Latin: it only hides');
    assert.equal(clientProblem(`👨${zwj}`), joiner);
    assert.equal(clientProblem(`${zwj}👨`), joiner);
    assert.equal(clientProblem(`👨${zwj}${zwj}👩`), joiner);
    assert.equal(clientProblem(`Ali${zwnj}`), nonJoiner);
    assert.equal(clientProblem(`${zwnj}Ali`), nonJoiner);
    assert.equal(clientProblem(`Ali ${zwnj}ce`), nonJoiner);
    assert.equal(clientProblem(`a${zwnj}${zwnj}b`), nonJoiner);
    assert.equal(clientProblem(`Auf${zwnj}lage`), undefined, 'a letter, ZWNJ, a letter: German ligature breaking');
  });

  it('refuses a variation selector that chooses nothing', () => {
    const problem = 'a name can only use a variation selector right after a letter, digit or symbol';
    assert.equal(clientProblem('\uFE0Fabc'), problem);
    assert.equal(clientProblem('abc \uFE0F'), problem);
    assert.equal(clientProblem('a\uFE0F\uFE0F'), problem, 'one per character: no hidden payload');
  });

  it('refuses piles of combining marks ("Zalgo") but not the two or three real text stacks', () => {
    const zalgo = `Z${'\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309'}algo`;
    assert.equal(clientProblem(zalgo), 'a name cannot stack more than 3 marks on one character');
    assert.equal(clientProblem('a\u0300\u0301\u0302\u0303'), 'a name cannot stack more than 3 marks on one character');
    assert.equal(clientProblem('a\u0300\u0301\u0302'), undefined);
  });

  it('bounds emoji sequences and grapheme clusters, which count as one character each', () => {
    assert.equal(clientProblem(`${'😀' + zwj}`.repeat(4) + '😀'), 'a name cannot join more than 4 emoji into one');
    assert.equal(clientProblem(`${'😀' + zwj}`.repeat(3) + '😀'), undefined);
    // Devanagari conjuncts chain into one grapheme (Unicode 15.1): a name cannot hide a paragraph in one.
    assert.match(
      clientProblem('क्'.repeat(10) + 'क') ?? '',
      /a name cannot build one character from more than 12 parts/,
    );
  });

  it('needs something to see, and refuses empty names', () => {
    assert.equal(clientProblem(''), 'a name cannot be empty');
    assert.equal(clientProblem('   \t\n '), 'a name cannot be empty');
    assert.equal(clientProblem('...'), 'a name needs at least one letter, digit or emoji');
    assert.equal(clientProblem('- ( ) -'), 'a name needs at least one letter, digit or emoji');
    assert.equal(clientProblem('\u0301\u0301'), 'a name needs at least one letter, digit or emoji');
  });

  it('counts the 48-character limit in graphemes', () => {
    assert.equal(clientProblem('x'.repeat(48)), undefined);
    assert.equal(clientProblem('x'.repeat(49)), 'a name is at most 48 characters');
    assert.equal(clientProblem('👨‍👩‍👧'.repeat(48)), undefined, 'a family emoji is one character');
    assert.equal(clientProblem('👨‍👩‍👧'.repeat(49)), 'a name is at most 48 characters');
    assert.equal(graphemes('👨‍👩‍👧🇰🇷é').length, 3);
    assert.equal(serverProblem('x'.repeat(100_000)), 'a name is at most 48 characters', 'bounded before any work');
  });

  it('counts without a segmenter only where every code point is a character of its own', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const segmented = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);
    // Every code point of the shortcut's ranges, in runs that put each next to its neighbours.
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0xac00, 0xd7a3],
    ];
    for (const [from, to] of ranges) {
      for (let start = from; start <= to; start += 40) {
        const text = String.fromCodePoint(...Array.from({ length: Math.min(40, to - start + 1) }, (_, i) => start + i));
        assert.deepEqual(graphemes(text), segmented(text), `U+${start.toString(16)}`);
      }
    }
    // Just outside them, the segmenter decides: a combining accent, a trailing jamo, CR LF, a ZWJ sequence.
    for (const text of ['e\u0301', '\uAC00\u11A8', 'a\r\nb', '\u{1F468}\u200D\u{1F469}', '\u1100\u1161', 'x\uFE0F']) {
      assert.deepEqual(graphemes(text), segmented(text), JSON.stringify(text));
    }
    assert.equal(graphemes('\uAC00\u11A8').length, 1, 'a syllable and its final jamo are one');
  });

  it('normalises to NFC and collapses spaces, but leaves other white space to be refused', () => {
    assert.equal(normalizeName('  Ada \u00A0 Lovelace \n'), 'Ada Lovelace');
    assert.equal(normalizeName('Jose\u0301'), 'José');
    assert.equal(normalizeName('Ida\u3000Pfeiffer'), 'Ida Pfeiffer');
    assert.equal(normalizeName('a\u2028b'), 'a\u2028b');
  });

  it('refuses "(you)" and what looks like it: the client adds it to your own tile', () => {
    const problem = 'a name cannot contain "(you)": Parley adds it to your own tile';
    for (const name of ['Alice (you)', 'Alice(you)', 'Alice（you）', 'Alice ( YOU )', 'Alice ⁽ʸᵒᵘ⁾', '(you) Alice']) {
      assert.equal(clientProblem(name), problem, name);
      assert.equal(serverProblem(name), problem, name);
    }
    // Cyrillic у and о: only the server has the confusables table, and its schema refuses them.
    assert.equal(serverProblem('Alice (\u0443\u043Eu)'), problem);
    assert.equal(clientProblem('Alice (you2)'), undefined);
    assert.equal(clientProblem('Yours truly'), undefined);
  });
});

describe('name skeletons', () => {
  it('folds case, width and look-alike letters together', () => {
    assert.equal(skeleton('Alice'), skeleton('alice'));
    assert.equal(skeleton('Alice'), skeleton('\u0410lice'), 'Cyrillic А');
    assert.equal(skeleton('Alice'), skeleton('ＡＬＩＣＥ'), 'full width');
    assert.equal(skeleton('Ivan'), skeleton('\u2160van'), 'Roman numeral one');
    assert.equal(skeleton('Alice'), skeleton('A\u00ADlice'), 'ignorables dropped');
    assert.equal(skeleton('Straße'), skeleton('STRASSE'));
    assert.notEqual(skeleton('Alice'), skeleton('Alicia'));
  });

  it('keeps spaced-out letters apart: "A l i c e" does not look like "Alice"', () => {
    // A decision: spaces are visible, so a spaced name reads differently and is not a duplicate.
    assert.notEqual(skeleton('A l i c e'), skeleton('Alice'));
  });

  it('catches look-alikes that differ only in case, as capital I and small l', () => {
    const [, ivan] = nameKeys('Ivan');
    const [, lvan] = nameKeys('lvan');
    assert.equal(ivan, lvan);
  });
});

describe('uniqueDisplayName', () => {
  it('returns a name nobody looks like unchanged', () => {
    assert.equal(uniqueDisplayName('Alice', []), 'Alice');
    assert.equal(uniqueDisplayName('Alice', ['Bob', 'Carol', 'A l i c e']), 'Alice');
  });

  it('suffixes duplicates and look-alikes', () => {
    assert.equal(uniqueDisplayName('Alice', ['Alice']), 'Alice (2)');
    assert.equal(uniqueDisplayName('alice', ['Alice']), 'alice (2)');
    assert.equal(uniqueDisplayName('\u0410lice', ['Alice']), '\u0410lice (2)');
    assert.equal(uniqueDisplayName('\u2160van', ['Ivan']), '\u2160van (2)');
    assert.equal(uniqueDisplayName('lvan', ['Ivan']), 'lvan (2)');
    assert.equal(uniqueDisplayName('Guest ABCD', ['Guest ABCD']), 'Guest ABCD (2)');
  });

  it('takes the first free suffix whose own skeleton is free', () => {
    assert.equal(uniqueDisplayName('Alice', ['Alice', 'Alice (2)']), 'Alice (3)');
    assert.equal(uniqueDisplayName('Alice', ['Alice', 'alice (2)', 'ALICE (3)']), 'Alice (4)');
    assert.equal(uniqueDisplayName('Alice', ['Alice', 'Alice (3)']), 'Alice (2)');
    assert.equal(uniqueDisplayName('Alice (2)', ['Alice (2)']), 'Alice (2) (2)');
  });

  it('assigns suffixes in order and keeps a full room unique', () => {
    const room: string[] = [];
    const spellings = ['Alice', 'alice', '\u0410lice', 'ALICE', 'Аlicе', 'Alice'];
    for (const spelling of [...spellings, ...spellings, ...spellings]) room.push(uniqueDisplayName(spelling, room));
    assert.deepEqual(room.slice(0, 4), ['Alice', 'alice (2)', '\u0410lice (3)', 'ALICE (4)']);
    const skeletons = room.map(skeleton);
    assert.equal(new Set(skeletons).size, room.length, 'no two look the same');
    for (const name of room) assert.equal(nameProblem(name), undefined, `${name} is itself a valid name`);
  });

  it('stays within the length limit when a suffix is needed', () => {
    const long = 'x'.repeat(48);
    const unique = uniqueDisplayName(long, [long]);
    assert.equal(unique, `${'x'.repeat(44)} (2)`);
    assert.equal(nameProblem(unique), undefined);
    const family = '👨‍👩‍👧'.repeat(48);
    assert.equal(graphemes(uniqueDisplayName(family, [family])).length, 48);
  });

  it('compares with precomputed keys as it does with names', () => {
    const taken = ['Alice', 'Bob'].map(nameKeys);
    assert.equal(uniqueDisplayNameAmong('alice', taken), 'alice (2)');
    assert.equal(uniqueDisplayNameAmong('Carol', taken), 'Carol');
  });
});
