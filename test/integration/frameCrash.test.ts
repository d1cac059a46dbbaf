import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectPeer, readMetric } from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';
import { startServer, type RunningServer } from '../support/server.js';

/**
 * Found in review: the OFFER schema measures `metadata` with JSON.stringify, which throws (call stack exceeded)
 * on an array nested a few thousand deep. The throw escapes the socket's message listener and ends the process:
 * one 12 KB frame from a stranger (no room, no join) takes the whole server down. Its own process, so that a
 * crash fails the test instead of ending the test runner.
 */
describe('a PeerJS frame cannot crash the server', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('drops an offer whose metadata is nested 6,000 deep as malformed, and keeps serving', async () => {
    const stranger = await connectPeer(server.url);
    const offer = peerFrames.offer('nobody-here');
    const nested = '['.repeat(6000) + ']'.repeat(6000);
    const frame = JSON.stringify({ ...offer, payload: { ...offer.payload, metadata: '@' } }).replace('"@"', nested);
    assert.ok(frame.length < 16 * 1024, `a small frame (${frame.length} bytes)`);
    const malformed = await readMetric(server, 'parley_signaling_dropped_total{reason="malformed"}');
    stranger.socket.send(frame);
    // Handled once it is counted, or once the process is gone.
    const exited = () => server.process.exitCode !== null || server.process.signalCode !== null;
    const counted = async () =>
      (await readMetric(server, 'parley_signaling_dropped_total{reason="malformed"}').catch(() => -1)) > malformed;
    const deadline = Date.now() + 5000;
    while (!exited() && !(await counted()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(
      exited(),
      false,
      `the server process is still running (${/RangeError[^\n]*/.exec(server.stderr())?.[0] ?? ''})`,
    );
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    assert.equal(await readMetric(server, 'parley_signaling_dropped_total{reason="malformed"}'), malformed + 1);
    assert.equal(stranger.socket.readyState, WebSocket.OPEN, 'the sender is refused like any malformed frame');
    await stranger.close();
  });
});
