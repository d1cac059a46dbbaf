import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientFrame } from '../../../../src/server/peer/frames.js';
import { peerFrames } from '../../../support/peerFrames.js';

const parse = (frame: unknown) => parseClientFrame(typeof frame === 'string' ? frame : JSON.stringify(frame));
const offer = peerFrames.offer('bo');
const candidate = peerFrames.candidate('bo');

describe('PeerJS client frames', () => {
  it('accepts what peerjs 1.5 sends, and rebuilds it without anything the schema does not name', () => {
    const padded = {
      ...offer,
      src: 'forged',
      padding: 'x'.repeat(1000),
      payload: { ...offer.payload, extra: 'y'.repeat(1000), browser: 'chrome' },
    };
    const parsed = parse(padded);
    assert.equal(typeof parsed, 'object');
    assert.deepEqual(parsed, { type: 'OFFER', dst: 'bo', payload: { ...offer.payload, metadata: null } });
    assert.equal(JSON.stringify(parsed).includes('x'.repeat(10)), false);
    assert.equal(JSON.stringify(parsed).includes('forged'), false);
    const cand = parse({ ...candidate, payload: { ...candidate.payload, pad: 'z'.repeat(500) } });
    assert.deepEqual(cand, candidate);
    assert.deepEqual(parse({ type: 'HEARTBEAT', junk: 1 }), { type: 'HEARTBEAT' });
  });

  it('refuses metadata nested too deep to be written as JSON, without throwing', () => {
    const frame = JSON.stringify({ ...offer, payload: { ...offer.payload, metadata: '@' } });
    assert.equal(parse(frame.replace('"@"', '['.repeat(6000) + ']'.repeat(6000))), 'malformed');
  });

  it('keeps a small metadata object and refuses a large one', () => {
    assert.notEqual(typeof parse({ ...offer, payload: { ...offer.payload, metadata: { topic: 'hi' } } }), 'string');
    assert.equal(parse({ ...offer, payload: { ...offer.payload, metadata: { blob: 'm'.repeat(2000) } } }), 'malformed');
  });

  it('checks data offers like media ones, with a known serialization only', () => {
    const data = {
      ...offer,
      payload: { ...offer.payload, type: 'data', label: 'dc_1', reliable: true, serialization: 'json' },
    };
    assert.notEqual(typeof parse(data), 'string');
    assert.equal(parse({ ...data, payload: { ...data.payload, serialization: 'constructor' } }), 'malformed');
  });

  it('caps each type at its own size', () => {
    const bigCandidate = { ...candidate, payload: { ...candidate.payload, junk: 'j'.repeat(3000) } };
    assert.equal(parse(bigCandidate), 'too-large', 'a candidate carries a kilobyte, not three');
    assert.equal(parse({ type: 'HEARTBEAT', pad: 'p'.repeat(100) }), 'too-large');
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
      [{ ...offer, payload: undefined }, 'malformed'],
      [
        { ...offer, payload: { ...offer.payload, sdp: { type: 'offer', sdp: 'v=0' + 'x'.repeat(33_000) } } },
        'malformed',
      ],
      [{ ...offer, payload: { ...offer.payload, sdp: 'v=0' } }, 'malformed'],
      [{ ...offer, payload: { ...offer.payload, sdp: { type: 'offer', sdp: 'not sdp' } } }, 'malformed'],
      [{ ...offer, payload: { ...offer.payload, sdp: { type: 'answer', sdp: 'v=0\r\n' } } }, 'malformed'],
      [{ ...offer, payload: { ...offer.payload, connectionId: 42 } }, 'malformed'],
      [{ ...offer, payload: { ...offer.payload, connectionId: 'a b' } }, 'malformed'],
      [{ ...offer, payload: { ...offer.payload, type: 'evil' } }, 'malformed'],
      [{ ...candidate, payload: { ...candidate.payload, candidate: 'candidate:1' } }, 'malformed'],
      [{ ...candidate, payload: { ...candidate.payload, candidate: { candidate: 'c'.repeat(1500) } } }, 'malformed'],
      [{ type: 'EXPIRE', dst: 'bo' }, 'unknown-type'],
      [{ type: '__proto__', dst: 'bo' }, 'unknown-type'],
      [{ type: 'toString', dst: 'bo' }, 'unknown-type'],
      [{ type: 'ID-TAKEN', dst: 'bo' }, 'unknown-type'],
      [{ type: 'OPEN' }, 'unknown-type'],
      [{ type: 42, dst: 'bo' }, 'unknown-type'],
      [{ dst: 'bo' }, 'unknown-type'],
    ];
    for (const [frame, reason] of cases) assert.equal(parse(frame), reason, JSON.stringify(frame).slice(0, 120));
  });
});
