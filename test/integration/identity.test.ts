import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { connectPeer, connectSocket, nextEvent, readMetric, TestClock, waitUntil } from '../support/clients.js';
import { peerFrames } from '../support/peerFrames.js';
import { rates } from '../../src/server/limits/rates.js';
import { useTestServer } from '../support/participants.js';

/** The server's answer to a WebSocket upgrade that it refuses: status and body. */
function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', () => undefined);
  });
}

describe('one identity per person across socket.io and PeerJS', () => {
  const clock = new TestClock();
  const env = useTestServer({}, clock);
  const people = env.people;
  const ws = () => env.server.url.replace('http', 'ws');

  it('joins only with the token the PeerJS socket connected with (or, without one, an unclaimed socket)', async () => {
    const peer = await connectPeer(env.server.url);
    const socket = await connectSocket(env.server.url);
    const wrong = await socket.emitWithAck('join-room', 'token-room', peer.id, { peerToken: 'not-the-token' });
    assert.equal(!wrong.ok && wrong.error.code, 'peer-id-taken');
    const right = await socket.emitWithAck('join-room', 'token-room', peer.id, { peerToken: peer.token });
    assert.ok(right.ok);
    socket.disconnect();
    await peer.close();
  });

  it('after a participant is gone, nobody can take their id: not by joining, not by registering it', async () => {
    const ada = await people.join('after-room', 'Ada');
    const left = nextEvent((await people.join('after-room', 'Bo')).socket, 'user-disconnected', 20_000);
    // Ada's socket.io connection drops for good while her PeerJS socket stays open but answers nothing (her
    // browser vanished): the server lets her go...
    ada.socket.io.engine.close();
    ada.peer.socket.pause();
    await left;
    ada.peer.socket.resume();
    // ...and a stranger who knows her id cannot become her, with the socket still open or once it closed.
    const thief = await connectSocket(env.server.url);
    const joined = await thief.emitWithAck('join-room', 'after-room', ada.peer.id);
    assert.equal(!joined.ok && joined.error.code, 'peer-id-taken', 'her socket was claimed once: only her token');
    await ada.peer.close();
    await assert.rejects(connectPeer(env.server.url, ada.peer.id, 'thief-token'), /ID-TAKEN/);
    // She herself comes back with her own token, and joins again.
    const back = await connectPeer(env.server.url, ada.peer.id, ada.peer.token);
    const again = await thief.emitWithAck('join-room', 'after-room', ada.peer.id, { peerToken: ada.peer.token });
    assert.ok(again.ok, 'the owner (who knows the token) gets her id back');
    thief.disconnect();
    await back.close();
  });

  it('keeps the id of a participant whose PeerJS socket is in a reconnect gap', async () => {
    const ada = await people.join('gap-room', 'Ada');
    await ada.peer.close();
    await assert.rejects(connectPeer(env.server.url, ada.peer.id, 'guess'), /ID-TAKEN/);
    const back = await connectPeer(env.server.url, ada.peer.id, ada.peer.token);
    assert.equal(back.socket.readyState, WebSocket.OPEN);
    await back.close();
  });

  it('reads the PeerJS query once: a second id, or anything unknown, is refused before any socket exists', async () => {
    const ada = await people.join('query-room', 'Ada');
    for (const query of [
      `key=peerjs&id=mallory&token=t&id=${ada.peer.id}`,
      `key=peerjs&id=${ada.peer.id}&id=mallory&token=t`,
      'key=peerjs&id=mallory&token=t&token=u',
      'key=peerjs&id=mallory&token=t&room=query-room',
      'key=not%20a%20room&id=mallory&token=t',
    ]) {
      const answer = await refusedUpgrade(`${ws()}/peerjs/peerjs?${query}`);
      assert.equal(answer.status, 400, query);
    }
    assert.equal(env.server.app.roster.memberByPeerId(ada.peer.id)?.name, 'Ada');
  });

  it('closes a PeerJS socket that sends a LEAVE without destination: it cannot stay open without its id', async () => {
    const peer = await connectPeer(env.server.url);
    const closed = new Promise<number>((resolve) => peer.socket.once('close', resolve));
    peer.send({ type: 'LEAVE' });
    assert.equal(await closed, 1000);
  });

  it('refuses a PeerJS socket opened for one room from joining another, and socket.io likewise', async () => {
    const peer = await connectPeer(env.server.url, undefined, undefined, 'room-one');
    const socket = await connectSocket(env.server.url);
    const elsewhere = await socket.emitWithAck('join-room', 'room-two', peer.id, { peerToken: peer.token });
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'invalid-room');
    assert.ok((await socket.emitWithAck('join-room', 'room-one', peer.id, { peerToken: peer.token })).ok);
    socket.disconnect();
    await peer.close();
  });

  it('relays frames rebuilt from their schema: padding and forged fields never reach the other browser', async () => {
    const ada = await people.join('padding-room', 'Ada');
    const bo = await people.join('padding-room', 'Bo');
    const offer = peerFrames.offer(bo.peer.id);
    ada.peer.send({
      ...offer,
      src: 'forged',
      pad: 'x'.repeat(5000),
      payload: { ...offer.payload, pad: 'y'.repeat(5000) },
    });
    await waitUntil(() => bo.peer.messages.some((message) => message.type === 'OFFER'));
    const relayed = bo.peer.messages.find((message) => message.type === 'OFFER');
    assert.equal(relayed?.src, ada.peer.id);
    assert.ok(JSON.stringify(relayed).length < 1000, `a small frame arrived (${JSON.stringify(relayed).length} bytes)`);
    assert.deepEqual(Object.keys(relayed ?? {}).sort(), ['dst', 'payload', 'src', 'type']);
  });

  it('relays candidates only for a call offered between the same two people, and queues nothing for the absent', async () => {
    const ada = await people.join('calls-room', 'Ada');
    const bo = await people.join('calls-room', 'Bo');
    const dropped = (reason: string) => readMetric(env.server, `parley_signaling_dropped_total{reason="${reason}"}`);
    const unknown = await dropped('unknown-call');
    for (let index = 0; index < 20; index++) {
      const candidate = peerFrames.candidate(bo.peer.id);
      ada.peer.send({ ...candidate, payload: { ...candidate.payload, connectionId: `mc_random${index}` } });
    }
    await waitForMetric(() => dropped('unknown-call'), unknown + 20);
    assert.equal(bo.peer.messages.filter((message) => message.type === 'CANDIDATE').length, 0);
    // Bo's PeerJS socket goes; an offer to him is answered EXPIRE at once and kept nowhere.
    await bo.peer.close();
    await waitUntil(() => !env.server.app.isPeerConnected(bo.peer.id));
    ada.peer.send(peerFrames.offer(bo.peer.id));
    await waitUntil(() => ada.peer.messages.some((message) => message.type === 'EXPIRE' && message.src === bo.peer.id));
  });

  it('releases the seat of someone who keeps socket.io but closes PeerJS for good, and tells them', async () => {
    const ada = await people.join('seat-room', 'Ada');
    const bo = await people.join('seat-room', 'Bo');
    const told = nextEvent(bo.socket, 'membership-ended', 20_000);
    const gone = nextEvent(ada.socket, 'user-disconnected', 20_000);
    await bo.peer.close();
    assert.deepEqual(await gone, [bo.peer.id]);
    assert.equal((await told)[0].reason, 'connection-lost');
  });

  it('sends the chat history once per seat, capped in bytes; a repeated join gets only what is new', async () => {
    const ada = await people.join('history-cap-room', 'Ada');
    for (let index = 0; index < 60; index++) {
      clock.advance(1000); // one message a second is within everyone's allowance
      assert.ok((await ada.socket.emitWithAck('chat-message', { clientId: `h${index}`, text: 'z'.repeat(1900) })).ok);
    }
    const bo = await people.join('history-cap-room', 'Bo');
    const bytes = JSON.stringify(bo.room.chat).length;
    assert.ok(bytes <= 64 * 1024 && bytes > 48 * 1024, `the newest that fit in 64 KiB (${bytes} bytes)`);
    assert.equal(bo.room.chat.at(-1)?.clientId, 'h59', 'the newest are kept');
    const again = await bo.socket.emitWithAck('join-room', 'history-cap-room', bo.peer.id, {
      peerToken: bo.peer.token,
    });
    assert.ok(again.ok);
    assert.deepEqual(again.data.chat, [], 'not twice');
    for (const clientId of ['h60', 'h61']) {
      clock.advance(1000);
      assert.ok((await ada.socket.emitWithAck('chat-message', { clientId, text: 'new' })).ok);
    }
    // The page says it has less than it was sent: it gets what is new, not what it was sent already.
    const after = await bo.socket.emitWithAck('join-room', 'history-cap-room', bo.peer.id, {
      peerToken: bo.peer.token,
      chatAfter: bo.room.chat.at(-3)?.id ?? '0',
    });
    assert.deepEqual(
      after.ok && after.data.chat.map((message: { clientId: string }) => message.clientId),
      ['h60', 'h61'],
      'only what came after the last message the page has, and not twice',
    );
  });

  it('keeps a person’s chat allowance across a resumed connection', async () => {
    const ada = await people.join('allowance-room', 'Ada');
    for (let index = 0; index < 8; index++) {
      assert.ok((await ada.socket.emitWithAck('chat-message', { clientId: `a${index}`, text: 'hi' })).ok);
    }
    ada.socket.io.engine.close();
    const back = await connectSocket(env.server.url);
    const resumed = await back.emitWithAck('join-room', 'allowance-room', ada.peer.id, {
      resume: ada.room.resumeToken,
      peerToken: ada.peer.token,
    });
    assert.ok(resumed.ok);
    const more = await back.emitWithAck('chat-message', { clientId: 'a8', text: 'one more' });
    assert.equal(!more.ok && more.error.code, 'rate-limited', 'a new connection is not a new allowance');
    back.disconnect();
  });

  it('answers peek-room a few times a second per connection and per address, then rate-limited', async () => {
    const peeks = async (socket: Awaited<ReturnType<typeof connectSocket>>, times: number): Promise<string[]> => {
      const codes: string[] = [];
      for (let index = 0; index < times; index++) {
        const result = await socket.emitWithAck('peek-room', 'peek-target');
        codes.push(result.ok ? 'ok' : result.error.code);
      }
      return codes;
    };
    // The clock stands still, so no allowance refills during the test.
    const perConnection = rates.other.capacity;
    const perAddress = rates.addressPeek.capacity;
    const first = await connectSocket(env.server.url);
    const firstCodes = await peeks(first, perConnection + 4);
    assert.deepEqual(firstCodes.slice(0, perConnection), Array(perConnection).fill('ok'));
    assert.ok(
      firstCodes.slice(perConnection).every((code) => code === 'rate-limited'),
      firstCodes.join(),
    );
    // A second connection from the same address has its own allowance, but only what is left of the address's.
    const second = await connectSocket(env.server.url);
    const secondCodes = await peeks(second, perAddress - perConnection + 4);
    const left = perAddress - perConnection;
    assert.deepEqual(secondCodes.slice(0, left), Array(left).fill('ok'));
    assert.ok(
      secondCodes.slice(left).every((code) => code === 'rate-limited'),
      secondCodes.join(),
    );
    first.disconnect();
    second.disconnect();
  });

  it('answers an upgrade to an unknown path with 404, and ends its socket', async () => {
    const answer = await refusedUpgrade(`${ws()}/not-a-socket`);
    assert.equal(answer.status, 404);
  });
});

async function waitForMetric(read: () => Promise<number>, atLeast: number): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if ((await read()) >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error(`metric did not reach ${atLeast}`);
}
