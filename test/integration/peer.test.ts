import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import {
  connectPeer,
  connectSocket,
  readMetric,
  startTestServer,
  waitUntil,
  type PeerClient,
  type TestServer,
  type TestSocket,
} from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';

describe('PeerServer mounted at /peerjs', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('gives out ids the way a stock PeerJS client asks for them', async () => {
    const response = await fetch(`${server.url}/peerjs/peerjs/id`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /^[0-9a-f-]{36}$/);
  });

  it('keeps peer discovery off', async () => {
    const response = await fetch(`${server.url}/peerjs/peerjs/peers`);
    assert.equal(response.status, 401);
  });

  /** A participant in a room: its PeerJS socket and its socket.io membership. */
  async function member(roomId: string): Promise<{ peer: PeerClient; socket: TestSocket }> {
    const peer = await connectPeer(server.url);
    const socket = await connectSocket(server.url);
    const joined = await socket.emitWithAck('join-room', roomId, peer.id);
    assert.ok(joined.ok);
    return { peer, socket };
  }

  const dropped = (reason: string) => readMetric(server, `parley_signaling_dropped_total{reason="${reason}"}`);

  it('relays signaling within a room and stamps the true sender', async () => {
    const alice = await member('relay-room');
    const bob = await member('relay-room');
    alice.peer.send({ ...peerFrames.offer(bob.peer.id), src: 'someone-else' });
    await waitUntil(() => bob.peer.messages.some((message) => message.type === 'OFFER'));
    const offer = bob.peer.messages.find((message) => message.type === 'OFFER');
    assert.equal(offer?.src, alice.peer.id);
    for (const side of [alice, bob]) {
      side.socket.disconnect();
      await side.peer.close();
    }
  });

  it('drops and counts signaling across rooms, from outsiders and to absent peers; senders stay connected', async () => {
    const alice = await member('guarded-room');
    const bob = await member('guarded-room');
    const mallory = await member('other-room');
    const outsider = await connectPeer(server.url);
    const before = { otherRoom: await dropped('other-room'), outsider: await dropped('sender-not-in-room') };

    mallory.peer.send(peerFrames.offer(alice.peer.id));
    mallory.peer.send(peerFrames.candidate(bob.peer.id));
    mallory.peer.send(peerFrames.offer('absent-peer-id'));
    outsider.send(peerFrames.offer(alice.peer.id));
    // A frame sent after them, within the room, arrives: the others were dropped, not delayed.
    bob.peer.send(peerFrames.offer(alice.peer.id));
    await waitUntil(() => alice.peer.messages.some((message) => message.type === 'OFFER'));

    assert.deepEqual(
      alice.peer.messages.filter((message) => message.type === 'OFFER').map((message) => message.src),
      [bob.peer.id],
    );
    assert.equal(
      bob.peer.messages.some((message) => message.type === 'CANDIDATE'),
      false,
    );
    assert.equal(await dropped('other-room'), before.otherRoom + 3);
    assert.equal(await dropped('sender-not-in-room'), before.outsider + 1);
    assert.equal(mallory.peer.socket.readyState, WebSocket.OPEN, 'the sender stays connected');
    for (const side of [alice, bob, mallory]) {
      side.socket.disconnect();
      await side.peer.close();
    }
    await outsider.close();
  });

  it('refuses an id already in use with another token', async () => {
    const owner = await connectPeer(server.url, 'taken-id', 'token-a');
    await assert.rejects(connectPeer(server.url, 'taken-id', 'token-b'), /ID-TAKEN/);
    await owner.close();
  });

  it('closes frames above the size limit without disturbing others', async () => {
    const bystander = await connectPeer(server.url);
    const flooder = await connectPeer(server.url);
    const closed = new Promise<number>((resolve) => flooder.socket.once('close', (code) => resolve(code)));
    flooder.socket.send('x'.repeat(200 * 1024));
    assert.equal(await closed, 1009, 'message too big');
    assert.equal(bystander.socket.readyState, WebSocket.OPEN);
    await bystander.close();
  });

  it('leaves other upgrade paths alone: socket.io keeps its own', async () => {
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /"upgrades":\["websocket"\]/);
  });
});
