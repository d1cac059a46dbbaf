import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  connectPeer,
  connectSocket,
  nextEvent,
  noEvent,
  startTestServer,
  type PeerClient,
  type TestServer,
  type TestSocket,
} from '../support/clients.js';

describe('rooms over socket.io', () => {
  let server: TestServer;
  const open: { close(): unknown; disconnect?: () => unknown }[] = [];

  before(async () => {
    server = await startTestServer({ ROOM_CAPACITY: '3' });
  });
  after(async () => {
    for (const client of open) (client.disconnect ?? client.close).call(client);
    await server.close();
  });

  /** A participant as Parley's client is: a PeerJS id registered first, then a socket. */
  async function participant(): Promise<{ socket: TestSocket; peer: PeerClient }> {
    const peer = await connectPeer(server.url);
    const socket = await connectSocket(server.url);
    open.push(peer, socket);
    return { socket, peer };
  }

  it('socket.io runs over WebSocket, also when it starts on long-polling and upgrades', async () => {
    const direct = await connectSocket(server.url, ['websocket']);
    assert.equal(direct.io.engine.transport.name, 'websocket');
    const upgraded = await connectSocket(server.url, ['polling', 'websocket']);
    open.push(direct, upgraded);
    await new Promise<void>((resolve, reject) => {
      if (upgraded.io.engine.transport.name === 'websocket') return resolve();
      upgraded.io.engine.once('upgrade', () => resolve());
      upgraded.io.engine.once('upgradeError', reject);
    });
    assert.equal(upgraded.io.engine.transport.name, 'websocket');
  });

  it('acknowledges a join with the members present, and tells them who came', async () => {
    const ada = await participant();
    const first = await ada.socket.emitWithAck('join-room', 'ack-room', ada.peer.id, { name: 'Ada' });
    assert.deepEqual(first, {
      ok: true,
      data: {
        roomId: 'ack-room',
        self: { peerId: ada.peer.id, name: 'Ada', audio: true, video: true, screen: false, hand: false, host: true },
        members: [],
        capacity: 3,
        ice: { servers: [] },
        chat: [],
        resumeToken: first.ok ? first.data.resumeToken : '',
        control: { mode: 'open', passcode: false, hosts: [ada.peer.id] },
        lobby: [],
        hostKey: first.ok ? first.data.hostKey : '',
      },
    });
    assert.ok(first.ok && (first.data.hostKey ?? '').length >= 32, 'the first person in a room holds its host key');
    assert.ok(first.ok && first.data.resumeToken.length >= 32, 'a resume token for this participant only');

    const bo = await participant();
    const announced = nextEvent(ada.socket, 'user-connected');
    const second = await bo.socket.emitWithAck('join-room', 'ACK-room', bo.peer.id, { name: 'Bo', video: false });
    assert.ok(second.ok);
    assert.equal(second.data.roomId, 'ack-room', 'room names are case-insensitive');
    assert.deepEqual(second.data.members, [
      { peerId: ada.peer.id, name: 'Ada', audio: true, video: true, screen: false, hand: false, host: true },
    ]);
    assert.equal(second.data.hostKey, undefined, 'only the first person is given the host key');
    assert.deepEqual(await announced, [
      bo.peer.id,
      { peerId: bo.peer.id, name: 'Bo', audio: true, video: false, screen: false, hand: false, host: false },
    ]);
  });

  it('speaks the seed protocol: join-room(roomId, peerId) without acknowledgement, names by default', async () => {
    const parley = await participant();
    await parley.socket.emitWithAck('join-room', 'seed-room', parley.peer.id, { name: 'Parley' });
    const seed = await participant();
    const announced = nextEvent(parley.socket, 'user-connected');
    seed.socket.emit('join-room', 'seed-room', seed.peer.id);
    const [peerId, info] = await announced;
    assert.equal(peerId, seed.peer.id);
    assert.match(info?.name ?? '', /^Guest [0-9A-F]{4}$/);

    const gone = nextEvent(parley.socket, 'user-disconnected');
    seed.socket.disconnect();
    assert.deepEqual(await gone, [seed.peer.id]);
  });

  it('tells the room when someone leaves, by leave-room or by disconnecting', async () => {
    const a = await participant();
    const b = await participant();
    const c = await participant();
    await a.socket.emitWithAck('join-room', 'leave-room', a.peer.id);
    await b.socket.emitWithAck('join-room', 'leave-room', b.peer.id);
    await c.socket.emitWithAck('join-room', 'leave-room', c.peer.id);

    const seenByB = nextEvent(b.socket, 'user-disconnected');
    const seenByC = nextEvent(c.socket, 'user-disconnected');
    assert.deepEqual(await a.socket.emitWithAck('leave-room'), { ok: true, data: null });
    assert.deepEqual(await seenByB, [a.peer.id]);
    assert.deepEqual(await seenByC, [a.peer.id]);

    const again = nextEvent(c.socket, 'user-disconnected');
    b.socket.disconnect();
    assert.deepEqual(await again, [b.peer.id]);
  });

  it('treats a repeated join as harmless: same answer, no second announcement', async () => {
    const a = await participant();
    const b = await participant();
    await a.socket.emitWithAck('join-room', 'twice-room', a.peer.id);
    await b.socket.emitWithAck('join-room', 'twice-room', b.peer.id);
    const quiet = noEvent(a.socket, 'user-connected');
    const repeat = await b.socket.emitWithAck('join-room', 'twice-room', b.peer.id);
    assert.ok(repeat.ok);
    assert.deepEqual(
      repeat.data.members.map((member: { peerId: string }) => member.peerId),
      [a.peer.id],
    );
    assert.equal(await quiet, true);
  });

  it('binds a peer id to the connection that joined with it', async () => {
    const owner = await participant();
    await owner.socket.emitWithAck('join-room', 'bind-room', owner.peer.id);
    const thief = await connectSocket(server.url);
    open.push(thief);
    const taken = await thief.emitWithAck('join-room', 'bind-room', owner.peer.id);
    assert.deepEqual(taken, {
      ok: false,
      error: { code: 'peer-id-taken', message: 'this peer id belongs to another participant' },
    });
    const elsewhere = await owner.socket.emitWithAck('join-room', 'other-room', owner.peer.id);
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'already-joined');
  });

  it('refuses a peer id that is not connected to the PeerServer', async () => {
    const socket = await connectSocket(server.url);
    open.push(socket);
    const result = await socket.emitWithAck('join-room', 'ghost-room', 'never-registered-id');
    assert.equal(!result.ok && result.error.code, 'peer-not-connected');
  });

  it('refuses newcomers to a full room with a clear error', async () => {
    const members = [await participant(), await participant(), await participant()];
    for (const member of members)
      assert.ok((await member.socket.emitWithAck('join-room', 'full-room', member.peer.id)).ok);
    const late = await participant();
    const result = await late.socket.emitWithAck('join-room', 'full-room', late.peer.id);
    assert.deepEqual(result, {
      ok: false,
      error: { code: 'room-full', message: 'this room is full (3 participants)' },
    });
  });

  it('answers bad join payloads with the exact error code', async () => {
    const { socket, peer } = await participant();
    const cases: [unknown[], string][] = [
      [['x', peer.id], 'invalid-room'],
      [['../../etc/passwd', peer.id], 'invalid-room'],
      [[{ $gt: '' }, peer.id], 'invalid-room'],
      [['peerjs', peer.id], 'invalid-room'],
      [['good-room', '<script>'], 'invalid-peer-id'],
      [['good-room', 12345], 'invalid-peer-id'],
      [['good-room', peer.id, 'not-an-object'], 'invalid-payload'],
      [['good-room', peer.id, { audio: 'yes' }], 'invalid-payload'],
      [['good-room', peer.id, { name: 'a\u202Eb' }], 'invalid-name'],
      [['good-room', peer.id, { name: 'x'.repeat(200) }], 'invalid-name'],
      [['good-room', peer.id, { name: 42 }], 'invalid-name'],
    ];
    for (const [index, [args, code]] of cases.entries()) {
      // A fresh connection every few cases: one connection may only try to join so often.
      const sender = index % 4 === 0 ? socket : await connectSocket(server.url);
      const result = (await (sender.emitWithAck as (...a: unknown[]) => Promise<unknown>)('join-room', ...args)) as {
        ok: boolean;
        error?: { code: string };
      };
      assert.equal(result.ok, false, `accepted ${JSON.stringify(args)}`);
      assert.equal(result.error?.code, code, `wrong code for ${JSON.stringify(args)}`);
      if (sender !== socket) sender.disconnect();
    }
    assert.equal(server.app.roster.memberOf(socket.id ?? ''), undefined);
  });

  it('reports errors as parley-error events when no acknowledgement was asked for', async () => {
    const socket = await connectSocket(server.url);
    open.push(socket);
    const error = nextEvent(socket, 'parley-error');
    socket.emit('join-room', 'no', 'x');
    assert.equal((await error)[0].code, 'invalid-room');
    assert.equal(socket.connected, true, 'the sender stays connected');
  });
});
