import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshRoomName, roomNameBits } from '../../../../src/server/http/roomNames.js';
import { parseRoomId } from '../../../../src/shared/schemas.js';

describe('fresh room names', () => {
  it('read like abcd-efgh-ijkl, are valid room ids, and carry at least 56 bits', () => {
    const names = Array.from({ length: 2000 }, freshRoomName);
    for (const name of names) {
      assert.match(name, /^[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
      assert.equal(parseRoomId(name), name);
    }
    assert.equal(new Set(names).size, names.length, 'no repeats among 2,000');
    assert.ok(roomNameBits >= 56, `${roomNameBits.toFixed(1)} bits`);
  });

  it('uses every letter in every position, about evenly', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 5200; index++) {
      const letter = freshRoomName()[5] ?? '';
      counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
    assert.equal(counts.size, 26);
    // 200 expected per letter; a biased generator (e.g. modulo a byte) stays within this too, but a broken
    // one (a fixed letter, half the alphabet) does not.
    for (const [letter, count] of counts) assert.ok(count > 100 && count < 320, `${letter}: ${count}`);
  });
});
