import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chatDraftSchema,
  chatTextSchema,
  displayNameSchema,
  mediaStateSchema,
  parseRoomId,
  peerIdSchema,
} from '../../../src/shared/schemas.js';

describe('room ids', () => {
  it('accepts UUIDs and readable names, normalised to lower case', () => {
    assert.equal(parseRoomId('0b6f3a52-7d4e-4c1a-9a55-2f1f0f4f9e21'), '0b6f3a52-7d4e-4c1a-9a55-2f1f0f4f9e21');
    assert.equal(parseRoomId('team-standup'), 'team-standup');
    assert.equal(parseRoomId('Team_Standup'), 'team_standup');
    assert.equal(parseRoomId('abc'), 'abc');
    assert.equal(parseRoomId('a'.repeat(64)), 'a'.repeat(64));
  });

  it('refuses everything else', () => {
    for (const bad of [
      'ab',
      'a'.repeat(65),
      'a b c',
      '../etc',
      'room.html',
      'caf\u00e9-room',
      '',
      42,
      null,
      {},
      ['room'],
    ]) {
      assert.equal(parseRoomId(bad), undefined, `accepted ${JSON.stringify(bad)}`);
    }
  });

  it("refuses names that are the server's own paths", () => {
    assert.equal(parseRoomId('peerjs'), undefined);
    assert.equal(parseRoomId('PeerJS'), undefined);
    assert.equal(parseRoomId('assets'), undefined);
  });
});

describe('peer ids', () => {
  it('follows the PeerJS id rule', () => {
    assert.ok(peerIdSchema.safeParse('0b6f3a52-7d4e-4c1a-9a55-2f1f0f4f9e21').success);
    assert.ok(peerIdSchema.safeParse('abc_def').success);
    for (const bad of ['', '-abc', 'abc-', 'a b<', 'x'.repeat(65), 7]) {
      assert.equal(peerIdSchema.safeParse(bad).success, false, `accepted ${JSON.stringify(bad)}`);
    }
  });
});

describe('display names', () => {
  it('trims and collapses white space', () => {
    assert.equal(displayNameSchema.parse('  Ada   Lovelace \n'), 'Ada Lovelace');
  });

  it('keeps markup as plain text (rendering escapes it)', () => {
    assert.equal(displayNameSchema.parse('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  });

  it('accepts names in any script', () => {
    assert.equal(displayNameSchema.parse('진혀쿠'), '진혀쿠');
    assert.equal(displayNameSchema.parse('مريم'), 'مريم');
  });

  it('refuses empty, too long, control and direction-override characters', () => {
    for (const bad of [
      '',
      '   ',
      'x'.repeat(49),
      'a\u0000b',
      'evil\u202Egnp.exe',
      'a\u2066b',
      'zero\u200Bwidth',
      'bell\u0007',
    ]) {
      assert.equal(displayNameSchema.safeParse(bad).success, false, `accepted ${JSON.stringify(bad)}`);
    }
  });

  it('counts characters, not UTF-16 units', () => {
    assert.ok(displayNameSchema.safeParse('😀'.repeat(48)).success);
  });
});

describe('media state', () => {
  it('needs both booleans', () => {
    assert.ok(mediaStateSchema.safeParse({ audio: false, video: true }).success);
    assert.equal(mediaStateSchema.safeParse({ audio: 'no', video: true }).success, false);
    assert.equal(mediaStateSchema.safeParse({ audio: true }).success, false);
  });

  it('takes an optional screen flag', () => {
    assert.deepEqual(mediaStateSchema.parse({ audio: true, video: false, screen: true }), {
      audio: true,
      video: false,
      screen: true,
    });
    assert.equal(mediaStateSchema.safeParse({ audio: true, video: true, screen: 'yes' }).success, false);
  });
});

describe('chat messages', () => {
  const problemOf = (text: unknown) => {
    const parsed = chatTextSchema.safeParse(text);
    return parsed.success ? undefined : parsed.error.issues[0]?.message;
  };

  it('keeps the text as written, with line breaks and markup as plain text', () => {
    assert.equal(chatTextSchema.parse('hello'), 'hello');
    assert.equal(chatTextSchema.parse('line one\r\nline two\rthree'), 'line one\nline two\nthree');
    assert.equal(chatTextSchema.parse('\n\n  indented\n\n'), '  indented');
    assert.equal(chatTextSchema.parse('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
    assert.equal(chatTextSchema.parse('שלום \u202Eabc'), 'שלום \u202Eabc', 'direction marks are kept');
  });

  it('refuses empty, too long and control characters, with a reason', () => {
    assert.equal(problemOf(''), 'a message cannot be empty');
    assert.equal(problemOf(' \n\t '), 'a message cannot be empty');
    assert.equal(problemOf('x'.repeat(2001)), 'a message is at most 2000 characters');
    assert.equal(problemOf('x'.repeat(100_000)), 'a message is at most 2000 characters');
    assert.equal(problemOf('bell\u0007'), 'a message cannot contain control characters');
    assert.equal(problemOf('nul\u0000'), 'a message cannot contain control characters');
    assert.equal(problemOf(42), 'Invalid input: expected string, received number');
    assert.ok(chatTextSchema.safeParse('😀'.repeat(2000)).success, 'characters, not UTF-16 units');
  });

  it('needs a clientId of safe characters', () => {
    assert.ok(chatDraftSchema.safeParse({ clientId: 'a1-b_2', text: 'hi' }).success);
    for (const clientId of ['', 'x'.repeat(65), 'a b', '<x>', 7, undefined]) {
      assert.equal(chatDraftSchema.safeParse({ clientId, text: 'hi' }).success, false, `accepted ${String(clientId)}`);
    }
  });
});
