import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallBook } from '../../../../src/server/peer/calls.js';
import { parseClientFrame } from '../../../../src/server/peer/frames.js';
import { checkRelay, costsStrike, dropReasons, type Addressed } from '../../../../src/server/peer/guard.js';
import { peerFrames } from '../../../support/peerFrames.js';

const rooms: Record<string, string> = { ada: 'room-a', bo: 'room-a', cy: 'room-b' };

function setup() {
  const calls = new CallBook({ perPair: 4, candidatesPerSide: 3, offers: { capacity: 3, perSecond: 0.5 } });
  const check = (frame: object, sender = 'ada', { isLive = true, now = 0 } = {}) => {
    const parsed = parseClientFrame(JSON.stringify(frame));
    assert.equal(typeof parsed, 'object', 'a valid frame');
    return checkRelay(parsed as Addressed, sender, { roomOf: (id) => rooms[id], calls, now, isLive });
  };
  return { calls, check };
}

describe('relaying signaling', () => {
  it('relays a call set-up between members of the same room, in both directions', () => {
    const { check } = setup();
    assert.deepEqual(check(peerFrames.offer('bo')), { ok: true });
    assert.deepEqual(check(peerFrames.candidate('bo')), { ok: true });
    assert.deepEqual(check(peerFrames.answer('ada'), 'bo'), { ok: true });
    assert.deepEqual(check(peerFrames.candidate('ada'), 'bo'), { ok: true });
    assert.deepEqual(check(peerFrames.leave('bo')), { ok: true });
  });

  it('drops signaling to another room, to ids nobody holds, and from people in no room', () => {
    const { check } = setup();
    assert.deepEqual(check(peerFrames.offer('cy')), { ok: false, reason: 'other-room' });
    assert.deepEqual(check(peerFrames.offer('nobody')), { ok: false, reason: 'other-room' });
    assert.deepEqual(check(peerFrames.offer('ada'), 'stranger'), { ok: false, reason: 'sender-not-in-room' });
    assert.deepEqual(check(peerFrames.leave('cy')), { ok: false, reason: 'other-room' });
  });

  it('queues nothing for a member whose socket is not open: dropped as absent', () => {
    const { check } = setup();
    assert.deepEqual(check(peerFrames.offer('bo'), 'ada', { isLive: false }), { ok: false, reason: 'absent' });
  });

  it('relays answers and candidates only within a call that was offered between the same two people', () => {
    const { check } = setup();
    assert.deepEqual(check(peerFrames.candidate('bo')), { ok: false, reason: 'unknown-call' }, 'no offer yet');
    assert.deepEqual(check(peerFrames.answer('bo')), { ok: false, reason: 'unknown-call' });
    check(peerFrames.offer('bo'));
    assert.deepEqual(check(peerFrames.answer('bo')), { ok: false, reason: 'unknown-call' }, 'the caller cannot answer');
    const other = (frame: { payload: object }) => ({
      ...frame,
      payload: { ...frame.payload, connectionId: 'mc_other' },
    });
    assert.deepEqual(check(other(peerFrames.candidate('bo'))), { ok: false, reason: 'unknown-call' });
  });

  it('bounds candidates per call and side, and offers per pair', () => {
    const { check } = setup();
    check(peerFrames.offer('bo'));
    for (let index = 0; index < 3; index++) assert.deepEqual(check(peerFrames.candidate('bo')), { ok: true });
    assert.deepEqual(check(peerFrames.candidate('bo')), { ok: false, reason: 'too-many-candidates' });
    assert.deepEqual(check(peerFrames.candidate('ada'), 'bo'), { ok: true }, 'the other side has its own allowance');
    check(peerFrames.offer('bo'));
    check(peerFrames.offer('bo'));
    assert.deepEqual(check(peerFrames.offer('bo')), { ok: false, reason: 'too-many-offers' });
    assert.deepEqual(check(peerFrames.offer('bo'), 'ada', { now: 2000 }), { ok: true }, 'one more every 2 s');
  });

  it('relays one answer per offer of the call (a renegotiation is another), no more', () => {
    const { check } = setup();
    check(peerFrames.offer('bo'));
    assert.deepEqual(check(peerFrames.answer('ada'), 'bo'), { ok: true });
    assert.deepEqual(check(peerFrames.answer('ada'), 'bo'), { ok: false, reason: 'too-many-answers' });
    check(peerFrames.offer('bo'));
    assert.deepEqual(check(peerFrames.answer('ada'), 'bo'), { ok: true }, 'the renegotiation is answered');
    assert.deepEqual(check(peerFrames.answer('ada'), 'bo'), { ok: false, reason: 'too-many-answers' });
  });

  it('relays nothing from anyone to themselves (a socket that does not read would keep it in the server)', () => {
    const { check } = setup();
    for (const frame of [peerFrames.offer('ada'), peerFrames.answer('ada'), peerFrames.candidate('ada')]) {
      assert.deepEqual(check(frame), { ok: false, reason: 'to-self' });
    }
  });
});

describe('CallBook', () => {
  it('remembers a bounded number of calls per pair, and forgets all of someone who left', () => {
    const calls = new CallBook({ perPair: 2, candidatesPerSide: 10, offers: { capacity: 100, perSecond: 100 } });
    for (const id of ['c1', 'c2', 'c3']) calls.offer('ada', 'bo', id);
    assert.equal(calls.size, 2);
    assert.equal(calls.candidate('ada', 'bo', 'c1'), 'unknown-call', 'the oldest was forgotten');
    assert.equal(calls.candidate('bo', 'ada', 'c3'), 'ok');
    calls.offer('ada', 'cy', 'c4');
    calls.forgetPeer('bo');
    assert.equal(calls.size, 1);
    assert.equal(calls.candidate('ada', 'cy', 'c4'), 'ok');
  });
});

describe('strikes', () => {
  it("cost the sender nothing for frames someone else's leaving made undeliverable", () => {
    const { calls, check } = setup();
    assert.deepEqual(check(peerFrames.offer('bo')), { ok: true });
    // Bo leaves: his room is gone (other-room), or he is between sockets (absent)...
    const gone = checkRelay(parseClientFrame(JSON.stringify(peerFrames.candidate('bo'))) as Addressed, 'ada', {
      roomOf: (id) => (id === 'bo' ? undefined : rooms[id]),
      calls,
      now: 0,
      isLive: false,
    });
    assert.deepEqual(gone, { ok: false, reason: 'other-room' });
    assert.deepEqual(check(peerFrames.candidate('bo'), 'ada', { isLive: false }), { ok: false, reason: 'absent' });
    // ...or he left and came back, and the call he was part of was forgotten with his first seat.
    calls.forgetPeer('bo');
    const late = check(peerFrames.candidate('bo'));
    assert.deepEqual(late, { ok: false, reason: 'unknown-call' });
    for (const reason of ['other-room', 'absent', 'unknown-call'] as const) assert.equal(costsStrike(reason), false);
    // Nor does one whose seat was just let go while its candidates were in flight.
    assert.equal(costsStrike('sender-not-in-room'), false);
  });

  it('cost the sender a strike for what is its own doing: bad, big or fast', () => {
    const own = dropReasons.filter(costsStrike);
    assert.deepEqual(own, [
      'malformed',
      'unknown-type',
      'too-large',
      'too-many-candidates',
      'too-many-offers',
      'too-many-answers',
      'to-self',
      'rate-limited',
    ]);
    assert.equal(costsStrike('backlogged'), false, 'a receiver that does not read is not the sender’s doing');
  });
});
