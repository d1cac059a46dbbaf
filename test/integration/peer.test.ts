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

/** A participant in a room: its PeerJS socket and its socket.io membership. */
async function member(server: TestServer, roomId: string): Promise<{ peer: PeerClient; socket: TestSocket }> {
  const peer = await connectPeer(server.url);
  const socket = await connectSocket(server.url);
  const joined = await socket.emitWithAck('join-room', roomId, peer.id);
  assert.ok(joined.ok);
  return { peer, socket };
}

/** Polls an asynchronous condition (a metric) until it holds, or fails after `timeoutMs`. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const dropped = (server: TestServer, reason: string) =>
  readMetric(server, `parley_signaling_dropped_total{reason="${reason}"}`);

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

  it('relays signaling within a room and stamps the true sender', async () => {
    const alice = await member(server, 'relay-room');
    const bob = await member(server, 'relay-room');
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
    const alice = await member(server, 'guarded-room');
    const bob = await member(server, 'guarded-room');
    const mallory = await member(server, 'other-room');
    const outsider = await connectPeer(server.url);
    const before = {
      otherRoom: await dropped(server, 'other-room'),
      outsider: await dropped(server, 'sender-not-in-room'),
    };

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
    assert.equal(await dropped(server, 'other-room'), before.otherRoom + 3);
    assert.equal(await dropped(server, 'sender-not-in-room'), before.outsider + 1);
    assert.equal(mallory.peer.socket.readyState, WebSocket.OPEN, 'the sender stays connected');
    for (const side of [alice, bob, mallory]) {
      side.socket.disconnect();
      await side.peer.close();
    }
    await outsider.close();
  });

  it('relays nothing to oneself, and one answer per offer', async () => {
    const alice = await member(server, 'answer-room');
    const bob = await member(server, 'answer-room');
    const before = { toSelf: await dropped(server, 'to-self'), answers: await dropped(server, 'too-many-answers') };
    alice.peer.send(peerFrames.offer(alice.peer.id));
    alice.peer.send(peerFrames.offer(bob.peer.id));
    for (let index = 0; index < 5; index++) bob.peer.send(peerFrames.answer(alice.peer.id));
    await eventually(async () => (await dropped(server, 'too-many-answers')) === before.answers + 4);
    assert.equal(await dropped(server, 'to-self'), before.toSelf + 1);
    await waitUntil(() => alice.peer.messages.some((message) => message.type === 'ANSWER'));
    assert.equal(alice.peer.messages.filter((message) => message.type === 'ANSWER').length, 1);
    assert.equal(alice.peer.messages.filter((message) => message.type === 'OFFER').length, 0, 'not her own offer');
    for (const side of [alice, bob]) {
      side.socket.disconnect();
      await side.peer.close();
    }
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

describe('a signaling socket that stopped reading', () => {
  let server: TestServer;
  // A room of 41 from one address: neither the per-address caps nor the room's size are what is tested.
  before(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: '0', ROOM_CAPACITY: '50' });
  });
  after(() => server.close());

  it('keeps at most about 1 MiB for a socket that stopped reading: what comes after is dropped as backlogged', async (t) => {
    const reader = await member(server, 'backlog-room');
    // Stops reading: the server's writes pile up in the kernel's buffers, then in its own.
    // (`_socket` is ws's underlying net.Socket, not in its types.)
    const stream = (reader.peer.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    stream.pause();
    const senders = [];
    for (let index = 0; index < 40; index++) senders.push(await member(server, 'backlog-room'));
    const before = await dropped(server, 'backlogged');
    const bigSdp = `v=0\r\n${'a=x-filler:'.padEnd(32 * 1024 - 200, 'x')}\r\n`;
    let sent = 0;
    for (const [index, sender] of senders.entries()) {
      for (let call = 0; call < 8; call++) {
        const offer = peerFrames.offer(reader.peer.id);
        sender.peer.send({
          ...offer,
          payload: { ...offer.payload, sdp: { type: 'offer', sdp: bigSdp }, connectionId: `mc_${index}_${call}` },
        });
        sent += bigSdp.length;
      }
    }
    // Every offer is counted one way or the other: relayed (kept for the reader) or dropped as backlogged.
    await eventually(async () => (await dropped(server, 'backlogged')) > before, 10_000);
    const kept = senders.length * 8 - ((await dropped(server, 'backlogged')) - before);
    assert.ok(kept * bigSdp.length < sent, `part of ${Math.round(sent / 1024)} KB dropped (${kept} offers kept)`);
    // The kernel's socket buffers take their share first (about 4 MB of 10 on loopback here).
    t.diagnostic(`${kept} of ${senders.length * 8} offers of 32 KB kept for the socket that does not read`);
    for (const sender of senders) assert.equal(sender.peer.socket.readyState, WebSocket.OPEN, 'senders stay');
    stream.resume();
    for (const side of [reader, ...senders]) {
      side.socket.disconnect();
      await side.peer.close();
    }
  });
});
