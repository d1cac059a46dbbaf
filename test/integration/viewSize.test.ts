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

describe('view-size: a receiver tells one sender the size of its tile', () => {
  let server: TestServer;
  const open: { close(): unknown; disconnect?: () => unknown }[] = [];

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const client of open) (client.disconnect ?? client.close).call(client);
    await server.close();
  });

  async function member(room: string, name: string): Promise<{ socket: TestSocket; peer: PeerClient }> {
    const peer = await connectPeer(server.url);
    const socket = await connectSocket(server.url);
    open.push(peer, socket);
    const joined = await socket.emitWithAck('join-room', room, peer.id, { name, peerToken: peer.token });
    assert.ok(joined.ok, JSON.stringify(joined));
    return { socket, peer };
  }

  it('reaches only the participant named, with the sender named by the server', async () => {
    const ada = await member('view-room', 'Ada');
    const bo = await member('view-room', 'Bo');
    const cy = await member('view-room', 'Cy');
    const toBo = nextEvent(bo.socket, 'view-size');
    const cyHearsNothing = noEvent(cy.socket, 'view-size');
    const result = await ada.socket.emitWithAck('view-size', { to: bo.peer.id, width: 320, height: 180 });
    assert.deepEqual(result, { ok: true, data: null });
    assert.deepEqual(await toBo, [{ from: ada.peer.id, width: 320, height: 180 }]);
    assert.equal(await cyHearsNothing, true, 'nobody else hears it');

    const hidden = nextEvent(bo.socket, 'view-size');
    await ada.socket.emitWithAck('view-size', { to: bo.peer.id, width: 0, height: 0 });
    assert.deepEqual(await hidden, [{ from: ada.peer.id, width: 0, height: 0 }], '0×0: not shown at all');
  });

  it('refuses a report to someone in another room, to oneself, or from outside any room, and relays none', async () => {
    const ada = await member('view-a', 'Ada');
    const stranger = await member('view-b', 'Stranger');
    const strangerHearsNothing = noEvent(stranger.socket, 'view-size');
    const across = await ada.socket.emitWithAck('view-size', { to: stranger.peer.id, width: 10, height: 10 });
    assert.equal(!across.ok && across.error.code, 'not-in-room');
    const self = await ada.socket.emitWithAck('view-size', { to: ada.peer.id, width: 10, height: 10 });
    assert.equal(!self.ok && self.error.code, 'not-in-room');
    assert.equal(await strangerHearsNothing, true);

    const outsider = await connectSocket(server.url);
    open.push(outsider);
    const notJoined = await outsider.emitWithAck('view-size', { to: ada.peer.id, width: 10, height: 10 });
    assert.equal(!notJoined.ok && notJoined.error.code, 'not-joined');
  });

  it('refuses sizes that are not whole pixels within bounds, and extra claims about the sender', async () => {
    const ada = await member('view-c', 'Ada');
    const bo = await member('view-c', 'Bo');
    for (const bad of [
      { to: bo.peer.id, width: -1, height: 10 },
      { to: bo.peer.id, width: 10.5, height: 10 },
      { to: bo.peer.id, width: 10, height: 100_000 },
      { to: bo.peer.id, width: '10', height: 10 },
      { to: '<b>', width: 10, height: 10 },
      'big',
    ]) {
      const result = await ada.socket.emitWithAck('view-size', bad as never);
      assert.equal(!result.ok && result.error.code, 'invalid-payload', JSON.stringify(bad));
    }
    // A forged `from` is ignored: the server names the sender.
    const relayed = nextEvent(bo.socket, 'view-size');
    await ada.socket.emitWithAck('view-size', { to: bo.peer.id, width: 1, height: 1, from: 'someone-else' } as never);
    assert.equal((await relayed)[0].from, ada.peer.id);
  });

  it('has its own allowance: a burst passes, a flood is rate-limited', async () => {
    const ada = await member('view-d', 'Ada');
    const bo = await member('view-d', 'Bo');
    const codes = await Promise.all(
      Array.from({ length: 45 }, async (_, index) => {
        const result = await ada.socket.emitWithAck('view-size', { to: bo.peer.id, width: index, height: index });
        return result.ok ? 'ok' : result.error.code;
      }),
    );
    assert.ok(codes.filter((code) => code === 'ok').length >= 30, codes.join());
    assert.ok(codes.includes('rate-limited'), codes.join());
  });
});
