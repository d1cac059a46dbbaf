import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectPeer, startTestServer, waitUntil, type TestServer } from '../support/clients.js';

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

  it('relays signaling between peers and stamps the true sender', async () => {
    const alice = await connectPeer(server.url);
    const bob = await connectPeer(server.url);
    alice.send({ type: 'OFFER', dst: bob.id, src: 'someone-else', payload: { sdp: 'v=0' } });
    await waitUntil(() => bob.messages.some((message) => message.type === 'OFFER'));
    const offer = bob.messages.find((message) => message.type === 'OFFER');
    assert.equal(offer?.src, alice.id);
    await alice.close();
    await bob.close();
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
