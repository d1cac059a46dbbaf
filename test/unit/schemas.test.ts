import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayNameSchema, mediaStateSchema, parseRoomId, peerIdSchema } from '../../src/shared/schemas.js';

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
});
