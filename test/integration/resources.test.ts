// test-timeout: 180
// (Thousands of connections: on a loaded machine this takes minutes, not the default minute.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { connectPeer, connectSocket, readMetric, waitUntil, type PeerClient } from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';
import { liveHeapBytes, startServer, type RunningServer } from '../support/server.js';

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** What the server process holds: open file descriptors, resident memory, live heap (after a collection). */
async function holdings(server: RunningServer) {
  const pid = server.process.pid ?? 0;
  const heap = await liveHeapBytes(server);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { fds: readdirSync(`/proc/${pid}/fd`).length, rss: rssKb * 1024, heap };
}

/**
 * Sends an upgrade request and keeps its own side open, as an attacker would; resolves with the status the
 * server answered and whether the server then closed the socket itself (within `ms`).
 */
function hostileUpgrade(
  port: number,
  path: string,
  headers = '',
): Promise<{ status: number; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n`,
      ),
    );
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    // allowHalfOpen is off: the client would answer the server's FIN; a real attacker does not, so neither do we.
    socket.on('end', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), closedByServer: false });
    }, 5000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), closedByServer: true });
    });
  });
}

/** Runs `task` `count` times, at most `parallel` at once. */
async function repeat<T>(count: number, parallel: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

describe('every socket has an end: what thousands of refusals, padded frames and reconnects leave behind', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      PUBLIC_URL: 'https://meet.example.org',
      MAX_CONNECTIONS_PER_IP: '20',
      // For the live heap: a full collection through the inspector (loopback, this test only).
      NODE_OPTIONS: '--inspect=127.0.0.1:0',
    });
  });
  after(() => server.stop());

  /** Waits for the server's descriptors to come back near `baseline` (sockets close asynchronously). */
  const settled = async (baseline: number) => {
    await waitUntil(() => readdirSync(`/proc/${server.process.pid ?? 0}/fd`).length <= baseline + 4, 10_000);
  };

  it('destroys refused and unknown upgrades, whatever the client does with its side', async (t) => {
    const start = await holdings(server);
    // A few dozen at a time: this one address may hold 40 connections (twice MAX_CONNECTIONS_PER_IP), and the
    // server destroys those beyond before reading them (test/integration/addresses.test.ts); these are about
    // what happens to the ones it reads.
    const parallel = 32;
    const unknown = await repeat(1000, parallel, () => hostileUpgrade(server.port, '/nothing-here'));
    const foreign = await repeat(500, parallel, () =>
      hostileUpgrade(server.port, '/peerjs/peerjs?key=peerjs&id=x1&token=t', 'Origin: https://evil.example\r\n'),
    );
    // Upgrades under way count against their address too: a burst of bad queries also meets the cap (429).
    const badQuery = await repeat(500, parallel, () => hostileUpgrade(server.port, '/peerjs/peerjs?id=a&id=b'));
    // The address cap: fill it with held PeerJS sockets, then knock on.
    const held: PeerClient[] = [];
    for (let index = 0; index < 20; index++) held.push(await connectPeer(server.url));
    const beyondCap = await repeat(500, parallel - held.length, () =>
      hostileUpgrade(server.port, '/peerjs/peerjs?key=peerjs&id=late&token=t'),
    );
    for (const peer of held) await peer.close();
    for (const [name, results, statuses] of [
      ['unknown path', unknown, [404]],
      ['foreign origin', foreign, [403]],
      ['query read twice', badQuery, [400, 429]],
      ['over the address cap', beyondCap, [429]],
    ] as const) {
      assert.ok(
        results.every((result) => (statuses as readonly number[]).includes(result.status) && result.closedByServer),
        `${name}: every one answered ${statuses.join(' or ')} and closed by the server`,
      );
    }
    await settled(start.fds);
    const end = await holdings(server);
    t.diagnostic(
      `2,500 refused upgrades held open by their clients: descriptors ${start.fds} → ${end.fds}, ` +
        `RSS ${mib(start.rss)} → ${mib(end.rss)} MiB, heap ${mib(start.heap)} → ${mib(end.heap)} MiB`,
    );
    assert.ok(end.fds <= start.fds + 4, `descriptors released (${start.fds} → ${end.fds})`);
  });

  it(
    'stays bounded under padded frames from a roommate and a thousand reconnections',
    { timeout: 240_000 },
    async (t) => {
      const start = await holdings(server);
      const ada = await connectPeer(server.url);
      const adaSocket = await connectSocket(server.url);
      const mallory = await connectPeer(server.url);
      const mallorySocket = await connectSocket(server.url);
      for (const [socket, peer] of [
        [adaSocket, ada],
        [mallorySocket, mallory],
      ] as const) {
        const joined = await socket.emitWithAck('join-room', 'bounded-room', peer.id, { peerToken: peer.token });
        assert.ok(joined.ok);
      }
      const offer = peerFrames.offer(ada.id);
      for (let index = 0; index < 2000; index++) {
        mallory.send({
          ...offer,
          pad: 'x'.repeat(4000),
          payload: { ...offer.payload, connectionId: `mc_${index}`, pad: 'y'.repeat(4000) },
        });
      }
      await waitUntil(() => mallory.socket.readyState !== mallory.socket.OPEN || ada.messages.length > 0, 5000);
      const received = ada.messages.filter((message) => message.type === 'OFFER');
      const receivedBytes = received.reduce((sum, message) => sum + JSON.stringify(message).length, 0);
      assert.ok(received.length <= 8, `a burst of offers reached Ada, no more (${received.length})`);
      assert.ok(receivedBytes < 8 * 1000, `and none of their padding (${receivedBytes} bytes)`);

      for (const socket of [adaSocket, mallorySocket]) socket.disconnect();
      for (const peer of [ada, mallory]) await peer.close();
      await settled(start.fds);

      // 1,000 people come and go (PeerJS socket, socket.io connection, a join, a leave, both closed), a few at a
      // time: the address cap (20 sockets) holds meanwhile.
      await repeat(1000, 4, async (index) => {
        const peer = await connectPeer(server.url);
        const socket = await connectSocket(server.url);
        const joined = await socket.emitWithAck('join-room', `churn-${index % 50}`, peer.id, { peerToken: peer.token });
        assert.ok(joined.ok || joined.error.code === 'rate-limited');
        if (joined.ok) await socket.emitWithAck('leave-room');
        socket.disconnect();
        await peer.close();
      });
      await settled(start.fds);
      const end = await holdings(server);
      t.diagnostic(
        `2,000 padded offers, then 1,000 reconnections (joins as the allowance lets them): descriptors ${start.fds} → ${end.fds}, ` +
          `RSS ${mib(start.rss)} → ${mib(end.rss)} MiB, heap ${mib(start.heap)} → ${mib(end.heap)} MiB`,
      );
      assert.ok(end.fds <= start.fds + 4, 'descriptors released');
      // What stays: the ids of people gone in the last ten minutes (theirs to come back to), a few bytes each.
      assert.ok(end.heap - start.heap < 4 * 1024 * 1024, `live heap bounded (+${mib(end.heap - start.heap)} MiB)`);
      assert.equal(await readMetric(server, 'parley_participants'), 0, 'every seat released');
      assert.equal(await readMetric(server, 'parley_peer_sockets'), 0, 'every PeerJS socket gone');
    },
  );
});
