import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { errorCodes } from '../../../../src/shared/errors.js';
import { en } from '../../../../src/client/i18n/en.js';
import { formatNumber, formatTime, plainSmallNumbers, plural } from '../../../../src/client/i18n/format.js';
import { ko } from '../../../../src/client/i18n/ko.js';
import { negotiate } from '../../../../src/client/i18n/negotiate.js';
import { language, phrase, say, sayParts, setLanguage, t, type MessageKey } from '../../../../src/client/i18n/index.js';

/**
 * Parameters for saying every message: text parameters are a sign that is in no language, so that any
 * letters in what is said come from the catalogue itself.
 */
const samples = {
  name: '◆',
  first: '◆',
  second: '◇',
  more: 3,
  count: 3,
  capacity: 8,
  time: new Date(2026, 2, 5, 15, 4),
  max: 48,
  label: '◆',
  key: '◆',
  kind: '◆',
  number: 2,
  reason: '◆',
  text: '◆',
  device: 'camera',
  error: '◆',
};
function sayAll(messages: typeof en): Map<string, string> {
  return new Map(
    Object.entries(messages).map(([key, message]) => [
      key,
      typeof message === 'function' ? (message as (params: unknown) => string)(samples) : message,
    ]),
  );
}

describe('the message catalogues', () => {
  it('has every English key in Korean, and no other', () => {
    // The type `Messages` already makes this a compile error; this guards against a cast sneaking in.
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  });

  it('says every message in Korean with Korean text, never an empty or English one', () => {
    const english = sayAll(en);
    for (const [key, text] of sayAll(ko)) {
      assert.ok(text.trim().length > 0, `${key} is empty`);
      assert.match(text, /[\uac00-\ud7a3]|^[^A-Za-z]*$/u, `${key} has no Hangul: ${text}`);
      // A message identical to the English one is a missed translation, unless it is only a format ("◆ (◆)").
      if (text === english.get(key)) assert.doesNotMatch(text, /[A-Za-z]/u, `${key} is still English`);
    }
  });

  it('has a text for every error code the server can send', () => {
    for (const code of errorCodes) {
      assert.ok(`error.${code}` in en, code);
      assert.ok(`error.${code}` in ko, code);
    }
  });

  it('puts the parameters into the text', () => {
    assert.equal(en['notice.joined']({ name: 'Ada' }), 'Ada joined');
    assert.equal(ko['notice.joined']({ name: 'Ada' }), 'Ada님이 참가했어요');
    assert.equal(ko['prejoin.two']({ first: 'Ada', second: 'Bo' }), 'Ada님과 Bo님이 회의에 참가하고 있어요.');
    assert.equal(en['media.busy']({ device: 'microphone' }).startsWith('Your microphone is busy'), true);
    assert.equal(ko['media.notFound']({ device: 'cameraAndMicrophone' }).startsWith('카메라와 마이크를 찾을'), true);
    assert.equal(en['media.failed']({ device: 'camera', error: '' }).includes('()'), false, 'no empty brackets');
  });

  it('chooses plural forms by the language’s rules', () => {
    assert.equal(en['topbar.count']({ count: 1 }), 'Only you here');
    assert.equal(en['topbar.count']({ count: 2 }), '2 people');
    assert.equal(en['prejoin.full']({ capacity: 1 }), 'This meeting is full (1 person). Try again later.');
    assert.equal(en['prejoin.full']({ capacity: 8 }), 'This meeting is full (8 people). Try again later.');
    assert.equal(plural('en', 1000, { one: '# person', other: '# people' }), '1,000 people');
    // Korean has one form for every count; Arabic has six, and the helper picks the right one.
    assert.equal(plural('ko', 1, { one: 'one', other: '#명' }), '1명');
    const arabic = { zero: 'zero', one: 'one', two: 'two', few: 'few', many: 'many', other: 'other' };
    assert.deepEqual(
      [0, 1, 2, 3, 11, 100].map((count) => plural('ar', count, arabic)),
      ['zero', 'one', 'two', 'few', 'many', 'other'],
    );
  });

  it('writes small whole numbers without Intl only where Intl would write them the same', () => {
    for (const language of plainSmallNumbers) {
      for (const tag of [language, `${language}-XX`]) {
        const intl = new Intl.NumberFormat(tag);
        for (const value of [0, 1, 7, 42, 999])
          assert.equal(formatNumber(tag, value), intl.format(value), `${tag} ${value}`);
      }
    }
    assert.equal(formatNumber('en', 1000), '1,000', 'grouping still comes from Intl');
    assert.equal(formatNumber('en', 2.5), '2.5');
    assert.equal(
      formatNumber('ar-EG', 3),
      new Intl.NumberFormat('ar-EG').format(3),
      'other digits still come from Intl',
    );
  });

  it('writes times as people of the language do', () => {
    const afternoon = new Date(2026, 2, 5, 15, 4);
    assert.equal(formatTime('en', afternoon).replace(/\s/gu, ' '), '3:04 PM');
    assert.equal(ko['chat.time']({ time: afternoon }), '오후 3:04');
    assert.equal(ko['chat.time']({ time: new Date(2026, 2, 5, 0, 30) }), '오전 12:30');
    assert.equal(ko['chat.dateTime']({ time: afternoon }), '2026. 3. 5. 오후 3:04');
    assert.match(formatTime('ko', afternoon), /^(오후|PM) 3:04$/u, 'CLDR 48.0 and 48.1 say PM, 48.2 오후');
  });
});

describe('choosing the language', () => {
  const supported = ['en', 'ko'] as const;

  it('takes the first of the browser’s languages that the page speaks', () => {
    assert.equal(negotiate(['ko-KR', 'ko', 'en-US', 'en'], supported, 'en'), 'ko');
    assert.equal(negotiate(['en-GB', 'ko'], supported, 'en'), 'en');
    assert.equal(negotiate(['de-DE', 'ko'], supported, 'en'), 'ko', 'German is skipped, Korean is next');
    assert.equal(negotiate(['KO_kr'], supported, 'en'), 'ko', 'any case, an underscore');
  });

  it('falls back to English when none matches, or the browser names none', () => {
    assert.equal(negotiate(['de-DE', 'fr'], supported, 'en'), 'en');
    assert.equal(negotiate([], supported, 'en'), 'en');
  });
});

describe('speaking a language on the page', () => {
  after(() => setLanguage('en'));

  it('says phrases in the language chosen when they are said, not when they were made', async () => {
    const notice = phrase('notice.left', { name: 'Bo' });
    assert.equal(say(notice), 'Bo left');
    await setLanguage('ko');
    assert.equal(language.get(), 'ko');
    assert.equal(say(notice), 'Bo님이 나갔어요');
    assert.equal(t('prejoin.join'), '지금 참가하기');
    assert.equal(t('chat.time', { time: new Date(2026, 2, 5, 9, 30) }), '오전 9:30');
    await setLanguage('en');
    assert.equal(say(notice), 'Bo left');
  });

  it('keeps the last choice when two are made quickly', async () => {
    await Promise.all([setLanguage('ko'), setLanguage('en')]);
    assert.equal(language.get(), 'en');
    assert.equal(t('prejoin.join'), 'Join now');
  });

  it('cuts a phrase where its text parameters stand, so the page can isolate names', () => {
    assert.deepEqual(sayParts(phrase('prejoin.two', { first: 'أحمد', second: 'Bo' })), [
      { text: 'أحمد', param: 'first' },
      { text: ' and ' },
      { text: 'Bo', param: 'second' },
      { text: ' are in this meeting.' },
    ]);
    assert.deepEqual(sayParts(phrase('prejoin.full', { capacity: 3 })), [
      { text: 'This meeting is full (3 people). Try again later.' },
    ]);
    // The parts join back into exactly what say() gives, for every parameterised message.
    for (const key of Object.keys(en) as MessageKey[]) {
      const said = { key, args: typeof en[key] === 'function' ? [samples] : [] } as never;
      assert.equal(
        sayParts(said)
          .map((part) => part.text)
          .join(''),
        say(said),
        key,
      );
    }
  });
});
