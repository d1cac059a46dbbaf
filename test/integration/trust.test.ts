import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import {
  connectPeer,
  connectSocket,
  nextEvent,
  noEvent,
  readMetric,
  TestClock,
  waitUntil,
} from '../support/clients.js';
import { useTestServer } from '../support/participants.js';

describe('identity that survives a dropped connection, and nobody else can take', () => {
  const env = useTestServer();
  const people = env.people;

  it('takes a participant back after a dropped connection, without a leave or a join for the others', async () => {
    const ada = await people.join('resume-room', 'Ada');
    const bo = await people.join('resume-room', 'Bo');
    const quiet = Promise.all([
      noEvent(ada.socket, 'user-disconnected', 1500),
      noEvent(ada.socket, 'user-connected', 1500),
    ]);
    // The transport drops as in a network blip; the PeerJS socket stays open.
    bo.socket.io.engine.close();
    const back = await connectSocket(env.server.url);
    const updated = nextEvent(ada.socket, 'participant-updated');
    const rejoined = await back.emitWithAck('join-room', 'resume-room', bo.peer.id, {
      name: 'Bo',
      video: false,
      resume: bo.room.resumeToken,
    });
    assert.ok(rejoined.ok, 'the same peer id, on a new connection');
    assert.deepEqual(
      rejoined.data.members.map((member: { name: string }) => member.name),
      ['Ada'],
    );
    assert.equal((await updated)[0].video, false, 'what changed meanwhile is shown');
    assert.deepEqual(await quiet, [true, true], 'Ada saw no leave and no join');
    assert.equal(env.server.app.roster.members('resume-room').length, 2);
    back.disconnect();
  });

  it('lets a dropped participant go when their connection does not come back and their browser is silent', async () => {
    const ada = await people.join('away-room', 'Ada');
    const bo = await people.join('away-room', 'Bo');
    const started = Date.now();
    const gone = nextEvent(ada.socket, 'user-disconnected', 20_000);
    bo.socket.io.engine.close();
    // The browser vanished with its network: its PeerJS socket no longer answers pings either.
    bo.peer.socket.pause();
    assert.deepEqual(await gone, [bo.peer.id]);
    const waited = Date.now() - started;
    // The time to come back (presenceTiming.reopenMs, 6 s) and one decision (0.5 s); never sooner.
    assert.ok(waited >= 5500 && waited < 10_000, `held while they might come back (${waited} ms)`);
    const causes = await Promise.all(
      ['signaling-gone', 'closed'].map((cause) => readMetric(env.server, `parley_leaves_total{cause="${cause}"}`)),
    );
    assert.equal(
      causes.reduce((sum, count) => sum + count, 0),
      1,
      'one leave',
    );
    bo.peer.socket.resume();
  });

  it('keeps the seat of a page whose browser still answers (a starved page), and lets it go when it closes', async () => {
    const ada = await people.join('starved-room', 'Ada');
    const bo = await people.join('starved-room', 'Bo');
    // socket.io closed and not back, the page silent; its browser's network stack still answers pings.
    bo.socket.io.engine.close();
    assert.equal(await noEvent(ada.socket, 'user-disconnected', 9000), true, 'still there after 9 s');
    assert.equal(env.server.app.roster.members('starved-room').length, 2);
    // The tab closes: nothing answers any more, and the seat goes at once.
    const gone = nextEvent(ada.socket, 'user-disconnected', 5000);
    await bo.peer.close();
    assert.deepEqual(await gone, [bo.peer.id]);
  });

  it('lets a participant go at once when their browser is gone (both sockets closed)', async () => {
    const ada = await people.join('gone-room', 'Ada');
    const bo = await people.join('gone-room', 'Bo');
    const gone = nextEvent(ada.socket, 'user-disconnected', 20_000);
    bo.socket.io.engine.close();
    await bo.peer.close();
    assert.deepEqual(await gone, [bo.peer.id]);
    assert.equal(await readMetric(env.server, 'parley_leaves_total{cause="closed"}'), 1, 'as a closed tab, not a blip');
  });

  it('gives nobody else that place: wrong tokens, other rooms, and the token of someone else', async () => {
    const ada = await people.join('steal-room', 'Ada');
    const bo = await people.join('steal-room', 'Bo');
    const thief = await connectSocket(env.server.url);
    const attempts: [string, string, string | undefined][] = [
      ['steal-room', ada.peer.id, undefined],
      ['steal-room', ada.peer.id, 'x'.repeat(32)],
      ['steal-room', ada.peer.id, bo.room.resumeToken],
      ['other-room', ada.peer.id, ada.room.resumeToken],
    ];
    for (const [roomId, peerId, resume] of attempts) {
      const result = await thief.emitWithAck('join-room', roomId, peerId, resume ? { resume } : {});
      assert.deepEqual(
        result,
        { ok: false, error: { code: 'peer-id-taken', message: 'this peer id belongs to another participant' } },
        `${roomId} with ${resume ?? 'no token'}`,
      );
    }
    assert.equal(env.server.app.roster.memberByPeerId(ada.peer.id)?.connectionId, ada.socket.id, 'Ada is still Ada');
    const leave = await thief.emitWithAck('leave-room');
    assert.equal(!leave.ok && leave.error.code, 'not-joined', 'nobody can make Ada leave');
    thief.disconnect();
  });
});

describe('limits on what one connection and one address may do', () => {
  const clock = new TestClock();
  const env = useTestServer({ MAX_CONNECTIONS_PER_IP: '6' }, clock);
  const people = env.people;

  it('answers events outside the protocol with unknown-event, and stays connected', async () => {
    const socket = await connectSocket(env.server.url);
    const reply = await (socket.emitWithAck as (...args: unknown[]) => Promise<unknown>)('admin-kick', 'everyone');
    assert.deepEqual(reply, {
      ok: false,
      error: { code: 'unknown-event', message: '"admin-kick" is not a Parley event' },
    });
    const error = nextEvent(socket, 'parley-error');
    (socket.emit as (...args: unknown[]) => void)('__proto__');
    assert.equal((await error)[0].code, 'unknown-event');
    assert.equal(socket.connected, true);
    socket.disconnect();
  });

  it('refuses requests beyond the allowance with rate-limited, then serves again', async () => {
    const ada = await people.join('rate-room', 'Ada');
    const results = [];
    for (let index = 0; index < 12; index++) {
      results.push(await ada.socket.emitWithAck('chat-message', { clientId: `r${index}`, text: `message ${index}` }));
    }
    const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
    assert.deepEqual(codes.slice(0, 8), Array(8).fill('ok'), 'a burst of eight goes through');
    assert.ok(codes.slice(8).includes('rate-limited'), codes.join());
    assert.equal(ada.socket.connected, true);
    clock.advance(1100);
    const later = await ada.socket.emitWithAck('chat-message', { clientId: 'later', text: 'after a pause' });
    assert.ok(later.ok, 'the allowance refills');
    assert.ok((await readMetric(env.server, 'parley_errors_total{code="rate-limited"}')) >= 1);
  });

  it('disconnects a connection that keeps sending garbage, and only that one', async () => {
    const bystander = await people.join('garbage-room', 'Bystander');
    const abuser = await connectSocket(env.server.url);
    const codes: string[] = [];
    abuser.on('parley-error', (error) => codes.push(error.code));
    const disconnected = new Promise<string>((resolve) => abuser.once('disconnect', resolve));
    for (let index = 0; index < 40; index++) abuser.emit('media-state', 'garbage' as never);
    assert.equal(await disconnected, 'io server disconnect');
    // Twenty refusals (bad payloads, then requests beyond the allowance) are tolerated; the next one ends it.
    const refused = codes.slice(0, -1);
    assert.ok(refused.length >= 20 && refused.length <= 22, `refused ${refused.length} times first: ${codes.join()}`);
    assert.ok(refused.every((code) => code === 'invalid-payload' || code === 'rate-limited'));
    assert.equal(codes.at(-1), 'too-many-errors');
    assert.equal(bystander.socket.connected, true);
    const fine = await bystander.socket.emitWithAck('media-state', { audio: true, video: false });
    assert.ok(fine.ok, 'the others are served as before');
  });

  it('caps the connections one address holds, socket.io and PeerJS together', async () => {
    await people.closeAll();
    await waitUntil(() => env.server.app.connectionsFrom('127.0.0.1') === 0);
    const open = [];
    for (let index = 0; index < 3; index++) {
      open.push(await connectSocket(env.server.url));
      open.push(await connectPeer(env.server.url));
    }
    // Refused at the handshake: a 403 (with the reason in its body) to long-polling, a refused upgrade
    // to WebSocket, a 429 to the PeerJS socket.
    await assert.rejects(
      connectSocket(env.server.url, ['polling']),
      (error: Error & { description?: unknown }) => error.description === 403,
    );
    await assert.rejects(connectSocket(env.server.url, ['websocket']), /websocket error/);
    await assert.rejects(connectPeer(env.server.url), /429/);
    const last = open.pop();
    if (last && !('disconnect' in last)) await last.close();
    await waitUntil(() => env.server.app.connectionsFrom('127.0.0.1') === 5);
    const again = await connectPeer(env.server.url);
    assert.equal(again.socket.readyState, WebSocket.OPEN, 'a place freed is available again');
    await again.close();
    for (const connection of open) {
      if ('disconnect' in connection) connection.disconnect();
      else await connection.close();
    }
  });
});
