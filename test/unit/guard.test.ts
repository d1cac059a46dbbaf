import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSignal } from '../../src/server/peer/guard.js';
import { peerFrames } from '../support/peerFrames.js';

const rooms: Record<string, string> = { ada: 'room-a', bo: 'room-a', cy: 'room-b' };
const roomOf = (peerId: string) => rooms[peerId];
const check = (frame: unknown, sender = 'ada') =>
  checkSignal(typeof frame === 'string' ? frame : JSON.stringify(frame), sender, roomOf);

const frames = {
  OFFER: peerFrames.offer('bo'),
  ANSWER: peerFrames.answer('bo'),
  CANDIDATE: peerFrames.candidate('bo'),
  LEAVE: peerFrames.leave('bo'),
};

describe('PeerServer guard', () => {
  it('relays call set-up between members of the same room', () => {
    for (const frame of Object.values(frames)) assert.deepEqual(check(frame), { ok: true }, frame.type);
  });

  it('always lets heartbeats and a bare LEAVE through', () => {
    assert.deepEqual(check({ type: 'HEARTBEAT' }, 'stranger'), { ok: true });
    assert.deepEqual(check({ type: 'LEAVE' }, 'stranger'), { ok: true });
  });

  it('drops signaling to another room, to absent peers and from non-members', () => {
    assert.deepEqual(check({ ...frames.OFFER, dst: 'cy' }), { ok: false, reason: 'other-room' });
    assert.deepEqual(check({ ...frames.OFFER, dst: 'nobody' }), { ok: false, reason: 'other-room' });
    assert.deepEqual(check({ ...frames.OFFER, dst: 'ada' }, 'stranger'), { ok: false, reason: 'sender-not-in-room' });
  });

  it('drops frames that are not PeerJS client messages', () => {
    const cases: [unknown, string][] = [
      ['{not json', 'malformed'],
      ['null', 'malformed'],
      ['[1,2]', 'malformed'],
      ['"OFFER"', 'malformed'],
      [{ type: 'OFFER' }, 'malformed'],
      [{ type: 'OFFER', dst: { $ne: null } }, 'malformed'],
      [{ type: 'OFFER', dst: '<script>' }, 'malformed'],
      [{ ...frames.OFFER, payload: undefined }, 'malformed'],
      [
        { ...frames.OFFER, payload: { ...frames.OFFER.payload, sdp: { type: 'offer', sdp: 'x'.repeat(40_000) } } },
        'malformed',
      ],
      [{ ...frames.OFFER, payload: { ...frames.OFFER.payload, sdp: 'v=0' } }, 'malformed'],
      [{ ...frames.OFFER, payload: { ...frames.OFFER.payload, connectionId: 42 } }, 'malformed'],
      [{ ...frames.OFFER, payload: { ...frames.OFFER.payload, type: 'evil' } }, 'malformed'],
      [{ ...frames.CANDIDATE, payload: { ...frames.CANDIDATE.payload, candidate: 'candidate:1' } }, 'malformed'],
      [
        { ...frames.CANDIDATE, payload: { ...frames.CANDIDATE.payload, candidate: { candidate: 'c'.repeat(2000) } } },
        'malformed',
      ],
      [{ type: 'EXPIRE', dst: 'bo' }, 'unknown-type'],
      [{ type: '__proto__', dst: 'bo' }, 'unknown-type'],
      [{ type: 'toString', dst: 'bo' }, 'unknown-type'],
      [{ type: 'ID-TAKEN', dst: 'bo' }, 'unknown-type'],
      [{ type: 42, dst: 'bo' }, 'unknown-type'],
      [{ dst: 'bo' }, 'unknown-type'],
    ];
    for (const [frame, reason] of cases) assert.deepEqual(check(frame), { ok: false, reason }, JSON.stringify(frame));
  });
});
