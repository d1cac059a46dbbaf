import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectSocket, nextEvent } from '../support/clients.js';
import { useTestServer } from '../support/participants.js';

describe('presence: microphone, camera, screen, hand, and who is in a room', () => {
  const env = useTestServer({ ROOM_CAPACITY: '3' });
  const people = env.people;

  it('shares microphone, camera and screen state with the room', async () => {
    const a = await people.join('media-room', 'A');
    const b = await people.join('media-room', 'B');
    const update = nextEvent(a.socket, 'participant-updated');
    const result = await b.socket.emitWithAck('media-state', { audio: false, video: true });
    assert.ok(result.ok);
    assert.deepEqual(await update, [
      { peerId: b.peer.id, name: 'B', audio: false, video: true, screen: false, hand: false, host: false },
    ]);
    const sharing = nextEvent(a.socket, 'participant-updated');
    await b.socket.emitWithAck('media-state', { audio: false, video: true, screen: true });
    assert.equal((await sharing)[0].screen, true);
    const stopped = nextEvent(a.socket, 'participant-updated');
    await b.socket.emitWithAck('media-state', { audio: true, video: true, screen: false });
    assert.deepEqual(await stopped, [
      { peerId: b.peer.id, name: 'B', audio: true, video: true, screen: false, hand: false, host: false },
    ]);
  });

  it('refuses bad media state, and media state from someone not in a room', async () => {
    const b = await people.join('media-room-2', 'B');
    const bad = await b.socket.emitWithAck('media-state', { audio: 'off' } as never);
    assert.deepEqual(bad, {
      ok: false,
      error: {
        code: 'invalid-payload',
        message: 'media state must be { audio: boolean, video: boolean, screen?: boolean }',
      },
    });
    const stranger = await connectSocket(env.server.url);
    const notJoined = await stranger.emitWithAck('media-state', { audio: true, video: true });
    assert.equal(!notJoined.ok && notJoined.error.code, 'not-joined');
    stranger.disconnect();
  });

  it('raises and lowers a hand for everyone to see', async () => {
    const a = await people.join('hand-room', 'A');
    const b = await people.join('hand-room', 'B');
    const raised = nextEvent(a.socket, 'participant-updated');
    const ack = await b.socket.emitWithAck('raise-hand', true);
    assert.ok(ack.ok && ack.data.hand);
    assert.equal((await raised)[0].hand, true);
    const c = await people.join('hand-room', 'C');
    assert.equal(
      c.room.members.find((member) => member.peerId === b.peer.id)?.hand,
      true,
      'a newcomer sees the raised hand',
    );
    const lowered = nextEvent(a.socket, 'participant-updated');
    await b.socket.emitWithAck('raise-hand', false);
    assert.equal((await lowered)[0].hand, false);
    const bad = await b.socket.emitWithAck('raise-hand', 'yes' as never);
    assert.deepEqual(bad, { ok: false, error: { code: 'invalid-payload', message: 'raise-hand takes true or false' } });
  });

  it('tells someone who has not joined who is in a room, and how large it may get', async () => {
    await people.join('peek-room', 'Ada');
    await people.join('peek-room', '<b>Bo</b>');
    const visitor = await connectSocket(env.server.url);
    assert.deepEqual(await visitor.emitWithAck('peek-room', 'Peek-Room'), {
      ok: true,
      data: { roomId: 'peek-room', mode: 'open', passcode: false, names: ['Ada', '<b>Bo</b>'], count: 2, capacity: 3 },
    });
    assert.deepEqual(await visitor.emitWithAck('peek-room', 'empty-room'), {
      ok: true,
      data: { roomId: 'empty-room', mode: 'open', passcode: false, names: [], count: 0, capacity: 3 },
    });
    const bad = await visitor.emitWithAck('peek-room', '../x');
    assert.equal(!bad.ok && bad.error.code, 'invalid-room');
    visitor.disconnect();
  });
});
