import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectSocket, nextEvent, noEvent } from '../support/clients.js';
import { useTestServer } from '../support/participants.js';
import { TestClock, waitUntil } from '../support/clients.js';

describe('chat over socket.io', () => {
  const clock = new TestClock();
  const env = useTestServer({}, clock);
  const people = env.people;

  it('delivers a message to the others and acknowledges it to the sender', async () => {
    const ada = await people.join('chat-room', 'Ada');
    const bo = await people.join('chat-room', 'Bo');
    const received = nextEvent(bo.socket, 'chat-message');
    const quiet = noEvent(ada.socket, 'chat-message');
    const before = Date.now();
    const ack = await ada.socket.emitWithAck('chat-message', { clientId: 'm1', text: 'hello <b>all</b>' });
    assert.ok(ack.ok);
    assert.equal(ack.data.name, 'Ada');
    assert.equal(ack.data.peerId, ada.peer.id);
    assert.equal(ack.data.text, 'hello <b>all</b>');
    assert.equal(ack.data.clientId, 'm1');
    assert.ok(ack.data.sentAt >= before && ack.data.sentAt <= Date.now(), 'stamped with server time');
    assert.deepEqual(await received, [ack.data]);
    assert.equal(await quiet, true, 'the sender gets its message through the acknowledgement only');
  });

  it('gives a late joiner the recent history, and forgets it when the room empties', async () => {
    const ada = await people.join('history-room', 'Ada');
    await ada.socket.emitWithAck('chat-message', { clientId: 'h1', text: 'first' });
    await ada.socket.emitWithAck('chat-message', { clientId: 'h2', text: 'second' });
    const cy = await people.join('history-room', 'Cy');
    assert.deepEqual(
      cy.room.chat.map((message) => [message.name, message.text]),
      [
        ['Ada', 'first'],
        ['Ada', 'second'],
      ],
    );
    ada.socket.disconnect();
    cy.socket.disconnect();
    await waitUntil(() => env.server.app.roster.members('history-room').length === 0);
    const dee = await people.join('history-room', 'Dee');
    assert.deepEqual(dee.room.chat, [], 'an emptied room starts afresh');
  });

  it('posts a retried message once: the retry gets the same message back', async () => {
    const ada = await people.join('retry-room', 'Ada');
    const bo = await people.join('retry-room', 'Bo');
    const first = await ada.socket.emitWithAck('chat-message', { clientId: 'r1', text: 'once' });
    const quiet = noEvent(bo.socket, 'chat-message');
    const again = await ada.socket.emitWithAck('chat-message', { clientId: 'r1', text: 'once' });
    assert.deepEqual(again, first);
    assert.equal(await quiet, true, 'the others do not see it twice');
  });

  it('refuses bad messages with the exact error, and the sender stays connected', async () => {
    const ada = await people.join('bad-chat-room', 'Ada');
    const bo = await people.join('bad-chat-room', 'Bo');
    const quiet = noEvent(bo.socket, 'chat-message', 600);
    const cases: [unknown, string, string][] = [
      [{ clientId: 'b1', text: '' }, 'invalid-message', 'a message cannot be empty'],
      [{ clientId: 'b2', text: 'x'.repeat(2001) }, 'invalid-message', 'a message is at most 2000 characters'],
      [{ clientId: 'b3', text: 'ring\u0007' }, 'invalid-message', 'a message cannot contain control characters'],
      [{ clientId: 'b4', text: 42 }, 'invalid-message', 'Invalid input: expected string, received number'],
      [{ text: 'no id' }, 'invalid-payload', 'a chat message is { clientId, text }'],
      [{ clientId: '<script>', text: 'x' }, 'invalid-payload', 'a chat message is { clientId, text }'],
      ['just a string', 'invalid-payload', 'a chat message is { clientId, text }'],
      [null, 'invalid-payload', 'a chat message is { clientId, text }'],
    ];
    for (const [draft, code, message] of cases) {
      const result = await ada.socket.emitWithAck('chat-message', draft as never);
      assert.deepEqual(result, { ok: false, error: { code, message } }, `for ${JSON.stringify(draft)}`);
    }
    assert.equal(await quiet, true, 'nothing reached the others');
    assert.equal(ada.socket.connected, true);
    clock.advance(1100); // eight messages used up the burst allowance; one more a second
    const fine = await ada.socket.emitWithAck('chat-message', { clientId: 'b9', text: 'still here' });
    assert.ok(fine.ok);
  });

  it('refuses chat from someone who has not joined', async () => {
    const stranger = await connectSocket(env.server.url);
    const result = await stranger.emitWithAck('chat-message', { clientId: 's1', text: 'hi' });
    assert.deepEqual(result, { ok: false, error: { code: 'not-joined', message: 'join a room first' } });
    const error = nextEvent(stranger, 'parley-error');
    stranger.emit('chat-message', { clientId: 's2', text: 'no ack' });
    assert.equal((await error)[0].code, 'not-joined');
    stranger.disconnect();
  });
});
