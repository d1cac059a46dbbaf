import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  initialState,
  joinedRoom,
  participantArrived,
  participantChanged,
  participantLeft,
} from '../../../../src/client/room/state.js';

const info = (peerId: string, name = peerId) => ({
  peerId,
  name,
  audio: true,
  video: true,
  screen: false,
  hand: false,
  host: false,
});
const stream = { id: 'stream' } as unknown as MediaStream;
const room = (members: ReturnType<typeof info>[]) => ({
  roomId: 'room',
  self: info('me', 'Me'),
  members,
  capacity: 8,
  ice: { servers: [] },
  chat: [],
  resumeToken: 'token',
  control: { mode: 'open' as const, passcode: false, hosts: [] },
});

describe('room state', () => {
  it('takes the members and our name from the join acknowledgement', () => {
    const state = joinedRoom(initialState('room', ''), room([info('ada')]));
    assert.equal(state.self.name, 'Me');
    assert.deepEqual([...state.participants.keys()], ['ada']);
    assert.equal(state.participants.get('ada')?.link, 'connecting');
  });

  it('keeps the media of participants already connected when rejoining', () => {
    let state = joinedRoom(initialState('room', ''), room([info('ada')]));
    state = participantChanged(state, 'ada', { stream, link: 'connected' });
    state = joinedRoom(state, room([info('ada', 'Ada L.')]));
    assert.equal(state.participants.get('ada')?.stream, stream);
    assert.equal(state.participants.get('ada')?.info.name, 'Ada L.');
  });

  it('keeps a returning participant’s stream when they are announced again', () => {
    let state = participantArrived(initialState('room', ''), info('bo'));
    state = participantChanged(state, 'bo', { stream });
    state = participantArrived(state, info('bo', 'Bo again'));
    assert.equal(state.participants.get('bo')?.stream, stream);
    assert.equal(state.participants.get('bo')?.info.name, 'Bo again');
  });

  it('ignores changes for someone who already left, and never mutates the previous state', () => {
    const before = participantArrived(initialState('room', ''), info('cy'));
    const after = participantLeft(before, 'cy');
    assert.equal(after.participants.size, 0);
    assert.equal(before.participants.size, 1, 'the previous state is untouched');
    assert.equal(participantChanged(after, 'cy', { link: 'connected' }).participants.size, 0);
  });
});
