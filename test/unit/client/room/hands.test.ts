import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handQueue } from '../../../../src/client/room/hands.js';

describe('the queue of raised hands', () => {
  it('orders hands by when they went up, leaves lowered hands out, and puts unnumbered ones last', () => {
    const queue = handQueue([
      { peerId: 'ada', hand: true, handOrder: 7 },
      { peerId: 'bo', hand: false },
      { peerId: 'self', hand: true },
      { peerId: 'cy', hand: true, handOrder: 3 },
      { peerId: 'dee', hand: true, handOrder: 12 },
    ]);
    assert.deepEqual(
      [...queue],
      [
        ['cy', 1],
        ['ada', 2],
        ['dee', 3],
        ['self', 4],
      ],
    );
  });

  it('is empty when no hand is up', () => {
    assert.equal(handQueue([{ peerId: 'ada', hand: false }]).size, 0);
  });
});
