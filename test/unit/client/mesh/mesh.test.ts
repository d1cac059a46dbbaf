import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { Peer } from 'peerjs';
import { Mesh, type CallPolicy, type LinkState } from '../../../../src/client/mesh/mesh.js';
import {
  callsStayConnecting,
  FakeCall,
  FakePeer,
  incomingCall,
  local,
  remote,
  shapesAsked,
  stayConnecting,
  stream,
} from './fakes.js';

describe('Mesh', () => {
  let peer: FakePeer;
  let policy: ReturnType<typeof mock.fn<CallPolicy>>;
  let streams: string[];
  let states: [string, LinkState][];
  let outcomes: string[];
  let mesh: Mesh;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    peer = new FakePeer();
    policy = mock.fn<CallPolicy>(() => 'answer');
    streams = [];
    states = [];
    outcomes = [];
    shapesAsked.length = 0;
    mesh = new Mesh(peer as unknown as Peer, local, policy, {
      onMedia: (peerId) => streams.push(peerId),
      onLinkState: (peerId, state) => states.push([peerId, state]),
      onCallOutcome: (outcome) => outcomes.push(outcome),
    });
  });
  afterEach(() => {
    mesh.close();
    mock.timers.reset();
  });

  it('places a call again when it produced no media within 4 s', () => {
    mesh.call('bob');
    assert.equal(peer.placed.length, 1);
    mock.timers.tick(3999);
    assert.equal(peer.placed.length, 1);
    mock.timers.tick(1);
    assert.equal(peer.placed.length, 2, 'placed again');
    assert.equal(peer.placed[0]?.closed, true, 'the silent call is closed');
    assert.deepEqual(outcomes, ['failed']);
  });

  it('waits longer for each new attempt', () => {
    mesh.call('bob');
    mock.timers.tick(4000);
    assert.equal(peer.placed.length, 2);
    mock.timers.tick(7999);
    assert.equal(peer.placed.length, 2, 'the second attempt gets 8 s');
    mock.timers.tick(1);
    assert.equal(peer.placed.length, 3);
    mock.timers.tick(16_000);
    assert.equal(peer.placed.length, 4, 'the third gets 16 s');
    assert.deepEqual(
      states.map(([, state]) => state),
      ['connecting', 'connecting', 'failed', 'failed'],
      'after two silent calls the tile says the connection fails',
    );
  });

  it('gives a call that is still connecting more time instead of starting over', () => {
    callsStayConnecting(peer);
    mesh.call('bob');
    for (const wait of [4000, 8000, 16_000]) mock.timers.tick(wait);
    assert.equal(peer.placed.length, 1, 'not placed again while ICE is checking');
    peer.placed[0]?.emit('stream', remote);
    assert.equal(mesh.isConnected('bob'), true);
    assert.deepEqual(outcomes, ['connected']);
  });

  it('places a call that never gets past setting up again after the longest wait', () => {
    callsStayConnecting(peer);
    mesh.call('bob');
    for (const wait of [4000, 8000, 16_000]) mock.timers.tick(wait);
    assert.equal(peer.placed.length, 1);
    mock.timers.tick(32_000);
    assert.equal(peer.placed.length, 2);
    assert.deepEqual(outcomes, ['failed']);
  });

  it('places a call again sooner when its ICE path is up but its DTLS handshake never finishes', () => {
    callsStayConnecting(peer, 'connected');
    mesh.call('bob');
    mock.timers.tick(4000);
    assert.equal(peer.placed.length, 1, 'a handshake gets some time');
    mock.timers.tick(7999);
    assert.equal(peer.placed.length, 1);
    mock.timers.tick(1);
    assert.equal(peer.placed.length, 2, 'placed again 12 s after the first try, not 60 s');
    assert.deepEqual(outcomes, ['failed']);
  });

  it('places a call again when its stream came with the answer but its DTLS handshake never finishes', () => {
    // PeerJS reports the other side's stream once the answer is applied, before ICE and DTLS: not proof of media.
    callsStayConnecting(peer, 'connected');
    mesh.call('bob');
    peer.placed[0]?.emit('stream', remote);
    mock.timers.tick(4000);
    mock.timers.tick(7999);
    assert.equal(peer.placed.length, 1);
    mock.timers.tick(1);
    assert.equal(peer.placed.length, 2, 'placed again 12 s after the first try');
    assert.equal(peer.placed[0]?.closed, true);
  });

  it('keeps a call whose connection comes up after its stream, whatever happens to it later', () => {
    callsStayConnecting(peer);
    mesh.call('bob');
    peer.placed[0]?.emit('stream', remote);
    mock.timers.tick(2000);
    peer.placed[0]?.connectNow();
    const connection = peer.placed[0]?.peerConnection;
    if (connection) connection.connectionState = 'disconnected';
    for (const wait of [4000, 8000, 16_000, 32_000, 64_000]) mock.timers.tick(wait);
    assert.equal(peer.placed.length, 1, 'once up, a call is PeerJS and the network monitor’s to judge');
    assert.equal(mesh.isConnected('bob'), true);
  });

  it('keeps a call that delivers media', () => {
    mesh.call('bob');
    peer.placed[0]?.emit('stream', remote);
    mock.timers.tick(20_000);
    assert.equal(peer.placed.length, 1);
    assert.deepEqual(streams, ['bob']);
    assert.equal(mesh.isConnected('bob'), true);
    assert.deepEqual(states.at(-1), ['bob', 'connected']);
    assert.deepEqual(outcomes, ['connected']);
  });

  it('places a dropped call again, with growing delays, while the participant is there', () => {
    mesh.call('bob');
    peer.placed[0]?.emit('stream', remote);
    peer.placed[0]?.close();
    assert.deepEqual(states.at(-1), ['bob', 'reconnecting']);
    mock.timers.tick(1200);
    assert.equal(peer.placed.length, 2);
  });

  it('stops calling someone who was removed', () => {
    mesh.call('bob');
    mesh.remove('bob');
    assert.equal(peer.placed[0]?.closed, true);
    mock.timers.tick(60_000);
    assert.equal(peer.placed.length, 1);
  });

  it('holds calls that arrive before the room is known, then answers or refuses them', () => {
    policy.mock.mockImplementation(() => 'defer');
    const early = new FakeCall('alice');
    const stranger = new FakeCall('mallory');
    peer.emit('call', early);
    peer.emit('call', stranger);
    assert.equal(early.answeredWith, undefined);

    policy.mock.mockImplementation((peerId: string) => (peerId === 'alice' ? 'answer' : 'refuse'));
    mesh.settleDeferred();
    assert.equal(early.answeredWith, stream, 'answered with the local stream');
    assert.equal(stranger.closed, true, 'a caller who is not in the room is refused');
  });

  it('keeps one call per participant: a new call from the same peer replaces the old one', () => {
    const first = new FakeCall('alice');
    const second = new FakeCall('alice');
    peer.emit('call', first);
    first.emit('stream', remote);
    peer.emit('call', second);
    assert.equal(first.closed, true);
    assert.equal(second.answeredWith, stream);
    first.emit('stream', remote);
    assert.deepEqual(streams, ['alice'], 'the replaced call is ignored');
  });

  it('offers every call with a second video for the screen, and answers in the shape it was offered', () => {
    mesh.call('bob');
    assert.deepEqual(peer.placed[0]?.metadata, { video: ['camera', 'screen'] });
    const parley = new FakeCall('alice');
    parley.metadata = { video: ['camera', 'screen'] };
    const seed = new FakeCall('sam');
    peer.emit('call', parley);
    peer.emit('call', seed);
    assert.deepEqual(shapesAsked, ['dual', 'dual', 'single'], 'a call without the metadata (the seed) gets one video');
  });

  it('calls back a Parley caller whose call it answered when the DTLS handshake never finishes on its side', () => {
    // The caller may see its side done (the handshake's last flight lost one way) and never place it again.
    const stuck = stayConnecting(incomingCall('alice'), 'connected');
    peer.emit('call', stuck);
    stuck.emit('stream', remote);
    mock.timers.tick(19_999);
    assert.equal(peer.placed.length, 0, 'the caller gets time to place it again itself');
    mock.timers.tick(1);
    assert.equal(peer.placed.length, 1, 'called back 20 s after answering');
    assert.equal(peer.placed[0]?.peer, 'alice');
    assert.equal(stuck.closed, true, 'the stuck call is hung up');
    assert.deepEqual(outcomes, ['connected', 'failed']);
  });

  it('calls back nobody whose answered call is still checking ICE, comes up, is replaced, or came from the seed', () => {
    const checking = stayConnecting(incomingCall('alice'));
    const upLater = stayConnecting(incomingCall('bob'), 'connected');
    const replaced = stayConnecting(incomingCall('cy'), 'connected');
    const seed = stayConnecting(incomingCall('sam', { dual: false }), 'connected');
    for (const call of [checking, upLater, replaced, seed]) peer.emit('call', call);
    mock.timers.tick(5000);
    upLater.connectNow();
    mock.timers.tick(7000);
    peer.emit('call', incomingCall('cy'));
    for (const wait of [8000, 20_000, 20_000]) mock.timers.tick(wait);
    assert.equal(peer.placed.length, 0);
    assert.equal(replaced.closed, true);
  });

  it('does not call back a participant whose call it answered', () => {
    const incoming = new FakeCall('alice');
    peer.emit('call', incoming);
    incoming.emit('stream', remote);
    incoming.close();
    mock.timers.tick(60_000);
    assert.equal(peer.placed.length, 0, 'the caller is the one to call again');
  });
});
