import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Floor } from '../../../../src/client/quality/floor.js';

const heard = (floor: Floor, ...ids: string[]) => floor.heard(new Set(ids));

describe('Floor: whose video low-bandwidth mode keeps', () => {
  it('is the first participant until anyone speaks, and never oneself', () => {
    const floor = new Floor();
    assert.equal(floor.among(['a', 'b']), 'a');
    assert.equal(heard(floor, 'self'), false);
    assert.equal(floor.among(['a', 'b']), 'a');
    assert.equal(floor.among([]), undefined);
  });

  it('goes to whoever speaks, and stays with them through their pauses until someone else speaks', () => {
    const floor = new Floor();
    assert.equal(heard(floor, 'self', 'b'), true);
    assert.equal(floor.among(['a', 'b']), 'b');
    // b pauses between words: nobody speaks, b keeps it.
    assert.equal(heard(floor), false);
    assert.equal(floor.among(['a', 'b']), 'b');
    assert.equal(heard(floor, 'b'), false);
    assert.equal(heard(floor), false);
    // a speaks while b is silent: a has it, and keeps it after.
    assert.equal(heard(floor, 'a'), true);
    assert.equal(heard(floor), false);
    assert.equal(floor.among(['a', 'b']), 'a');
  });

  it('stays with the holder while they still speak, whoever else starts', () => {
    const floor = new Floor();
    heard(floor, 'a');
    assert.equal(heard(floor, 'a', 'b'), false);
    assert.equal(heard(floor, 'b', 'a'), false);
    assert.equal(floor.among(['a', 'b']), 'a');
    // a stops while b still speaks: b has it.
    assert.equal(heard(floor, 'b'), true);
    assert.equal(floor.among(['a', 'b']), 'b');
  });

  it('falls back to the first participant while the holder is not in the room, and returns to them', () => {
    const floor = new Floor();
    heard(floor, 'c');
    assert.equal(floor.among(['a', 'b']), 'a');
    assert.equal(floor.among(['a', 'b', 'c']), 'c');
  });
});
