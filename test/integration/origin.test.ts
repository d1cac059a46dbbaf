import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { connectPeer, startTestServer, type TestServer } from '../support/clients.js';

/** Resolves 'connected' or the error message of a socket.io connection made with this Origin header. */
function socketIoWithOrigin(url: string, origin: string): Promise<string> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

function peerWithOrigin(url: string, origin: string): Promise<string> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/peerjs/peerjs?key=peerjs&id=origin-test&token=t`, {
    origin,
  });
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    socket.once('error', (error) => resolve(error.message));
  });
}

describe('PUBLIC_URL: only pages from the public address may open sockets', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://meet.example.org' });
  });
  after(() => server.close());

  it('accepts socket.io from the public origin and from clients without an Origin', async () => {
    assert.equal(await socketIoWithOrigin(server.url, 'https://meet.example.org'), 'connected');
    const plain = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => plain.once('connect', () => resolve()));
    plain.disconnect();
  });

  it('refuses socket.io and PeerJS sockets opened by a page of another site', async () => {
    assert.notEqual(await socketIoWithOrigin(server.url, 'https://evil.example'), 'connected');
    assert.equal(await peerWithOrigin(server.url, 'https://evil.example'), '403');
    assert.equal(await peerWithOrigin(server.url, 'https://meet.example.org'), 'open');
    const peer = await connectPeer(server.url);
    await peer.close();
  });
});

describe('without PUBLIC_URL', () => {
  it('accepts any origin (a proxy may rewrite Host)', async () => {
    const server = await startTestServer();
    assert.equal(await socketIoWithOrigin(server.url, 'https://elsewhere.example'), 'connected');
    await server.close();
  });
});
