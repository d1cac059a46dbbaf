import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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

const turnSecret = 'integration-test-secret-0123456789';

describe('health, readiness, metrics and ICE servers', () => {
  let server: TestServer;
  const open: { close(): unknown }[] = [];
  before(async () => {
    server = await startTestServer({
      ICE_SERVERS: 'stun:127.0.0.1:3478',
      TURN_URLS: 'turn:127.0.0.1:3478?transport=udp',
      TURN_SECRET: turnSecret,
      TURN_TTL: '600',
    });
  });
  after(async () => {
    for (const client of open) client.close();
    await server.close();
  });

  async function participant(): Promise<{ socket: TestSocket; peer: PeerClient }> {
    const peer = await connectPeer(server.url);
    const socket = await connectSocket(server.url);
    open.push(peer, { close: () => socket.disconnect() });
    return { socket, peer };
  }

  const metric = (line: string) => readMetric(server, line);

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
  });

  it('keeps metrics off the public port: they have their own listener, on loopback', async () => {
    assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
    assert.match(server.metricsUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.metricsUrl, server.url);
  });

  it('serves Prometheus metrics, with process metrics and event-loop lag', async () => {
    const response = await fetch(`${server.metricsUrl}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    const text = await response.text();
    for (const name of [
      'parley_participants',
      'parley_rooms',
      'parley_joins_total',
      'parley_process_resident_memory_bytes',
      'parley_nodejs_eventloop_lag_seconds',
    ]) {
      assert.match(text, new RegExp(`^${name} `, 'm'), name);
    }
  });

  it('counts participants, rooms, joins, leaves and refusals as they happen', async () => {
    const before = {
      participants: await metric('parley_participants'),
      rooms: await metric('parley_rooms'),
      joins: await metric('parley_joins_total'),
      leaves: await metric('parley_leaves_total{cause="disconnected"}'),
      invalidRoom: await metric('parley_errors_total{code="invalid-room"}'),
    };
    const a = await participant();
    const b = await participant();
    await a.socket.emitWithAck('join-room', 'metrics-room', a.peer.id);
    await b.socket.emitWithAck('join-room', 'metrics-room', b.peer.id);
    await b.socket.emitWithAck('join-room', 'x', b.peer.id);
    assert.equal(await metric('parley_participants'), before.participants + 2);
    assert.equal(await metric('parley_rooms'), before.rooms + 1);
    assert.equal(await metric('parley_joins_total'), before.joins + 2);
    assert.equal(await metric('parley_errors_total{code="invalid-room"}'), before.invalidRoom + 1);

    a.socket.disconnect();
    await waitUntil(() => server.app.roster.participantCount === before.participants + 1);
    assert.equal(await metric('parley_participants'), before.participants + 1);
    assert.equal(await metric('parley_leaves_total{cause="disconnected"}'), before.leaves + 1);
  });

  it('counts calls as the browsers report them, from members only', async () => {
    const a = await participant();
    await a.socket.emitWithAck('join-room', 'calls-room', a.peer.id);
    const connected = await metric('parley_calls_total{outcome="connected"}');
    const failed = await metric('parley_calls_total{outcome="failed"}');
    assert.deepEqual(await a.socket.emitWithAck('call-report', { outcome: 'connected' }), { ok: true, data: null });
    await a.socket.emitWithAck('call-report', { outcome: 'failed' });
    const bad = await a.socket.emitWithAck('call-report', { outcome: 'great' } as never);
    assert.equal(!bad.ok && bad.error.code, 'invalid-payload');
    const stranger = await connectSocket(server.url);
    open.push({ close: () => stranger.disconnect() });
    const refused = await stranger.emitWithAck('call-report', { outcome: 'connected' });
    assert.equal(!refused.ok && refused.error.code, 'not-joined');
    assert.equal(await metric('parley_calls_total{outcome="connected"}'), connected + 1);
    assert.equal(await metric('parley_calls_total{outcome="failed"}'), failed + 1);
  });

  it('hands each participant STUN servers and short-lived TURN credentials, never the secret', async () => {
    const a = await participant();
    const joined = await a.socket.emitWithAck('join-room', 'ice-room', a.peer.id);
    assert.ok(joined.ok);
    const { servers, expiresAt } = joined.data.ice;
    assert.deepEqual(servers[0], { urls: ['stun:127.0.0.1:3478'] });
    assert.deepEqual(servers[1]?.urls, ['turn:127.0.0.1:3478?transport=udp']);
    assert.match(servers[1]?.username ?? '', new RegExp(`^\\d{10}:${a.peer.id}$`));
    const now = Math.floor(Date.now() / 1000);
    assert.ok(expiresAt && expiresAt > now + 590 && expiresAt <= now + 601, 'expires after TURN_TTL');
    assert.doesNotMatch(JSON.stringify(joined), new RegExp(turnSecret));

    const renewed = await a.socket.emitWithAck('ice-servers');
    assert.ok(renewed.ok);
    assert.equal(renewed.data.servers.length, 2);
    const stranger = await connectSocket(server.url);
    open.push({ close: () => stranger.disconnect() });
    const refused = await stranger.emitWithAck('ice-servers');
    assert.equal(!refused.ok && refused.error.code, 'not-joined');
  });

  it('reports not ready, and refuses joins, once it starts shutting down', async () => {
    const other = await startTestServer();
    other.app.stopAcceptingJoins();
    const response = await fetch(`${other.url}/readyz`);
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), { status: 'shutting-down' });
    assert.equal((await fetch(`${other.url}/healthz`)).status, 200, 'still alive');
    const peer = await connectPeer(other.url);
    const socket = await connectSocket(other.url);
    const refused = await socket.emitWithAck('join-room', 'late-room', peer.id);
    assert.equal(!refused.ok && refused.error.code, 'shutting-down');
    socket.disconnect();
    await peer.close();
    await other.close();
  });
});

describe('metrics switched off, or on the public port with a token', () => {
  it('has no /metrics page and no metrics listener when off', async () => {
    const server = await startTestServer({ METRICS: 'off' });
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 404);
    assert.equal(server.metricsUrl, '');
    await server.close();
  });

  it('serves /metrics on the public port only to a request bearing METRICS_TOKEN', async () => {
    const token = 'scrape-me-please-0123456789';
    const server = await startTestServer({ METRICS_TOKEN: token });
    assert.equal((await fetch(`${server.url}/metrics`)).status, 401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    assert.equal(wrong.status, 401);
    const right = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(right.status, 200);
    assert.match(await right.text(), /parley_participants/);
    await server.close();
  });
});
