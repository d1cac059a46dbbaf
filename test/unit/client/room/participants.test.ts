import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParticipantInfo } from '../../../../src/shared/events.js';
import type { Mesh } from '../../../../src/client/mesh/mesh.js';
import { Notices } from '../../../../src/client/room/notices.js';
import { Participants } from '../../../../src/client/room/participants.js';
import { initialState } from '../../../../src/client/room/state.js';
import { Store } from '../../../../src/client/room/store.js';

const parley = (peerId: string): ParticipantInfo => ({
  peerId,
  name: peerId,
  audio: true,
  video: true,
  screen: false,
  hand: false,
  host: false,
  newcomerCalls: true,
});
/** A seed client (or an older Parley): the server lists it without `newcomerCalls`. */
const seed = (peerId: string): ParticipantInfo => {
  const { newcomerCalls: _calls, ...info } = parley(peerId);
  return info;
};

/** The mesh as Participants uses it: who is connected, and what it was asked to do. */
function fakeMesh(connected: string[] = [], receiving: string[] = connected) {
  const called: string[] = [];
  let settled = 0;
  const mesh = {
    isConnected: (peerId: string) => connected.includes(peerId),
    isReceiving: (peerId: string) => Promise.resolve(receiving.includes(peerId)),
    call: (peerId: string) => void called.push(peerId),
    callAgain: (peerId: string) => void called.push(`${peerId} again`),
    settleDeferred: () => void settled++,
    remove: () => undefined,
  };
  return { mesh: mesh as unknown as Mesh, called, settled: () => settled };
}

function participants(connected: string[] = [], receiving: string[] = connected) {
  const fake = fakeMesh(connected, receiving);
  const notices = new Notices();
  const store = new Store(initialState('room', 'me'));
  const people = new Participants(store, fake.mesh, notices);
  return { ...fake, people, notices, store };
}

describe('Participants: who places each call', () => {
  it('a member calls a seed newcomer, and waits for a Parley newcomer to call', () => {
    const { people, called, settled, notices } = participants();
    people.arrived(seed('sam'));
    people.arrived(parley('pia'));
    assert.deepEqual(called, ['sam']);
    assert.equal(settled(), 2, "a Parley newcomer's call held until its arrival is answered now");
    notices.close();
  });

  it('a newcomer calls the Parley members it finds, not the seed ones (they call it)', async () => {
    const { people, called, notices } = participants(['connected']);
    people.callMembers([parley('pia'), seed('sam'), parley('connected')]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(called, ['pia'], 'nor one whose call still brings media (after a server restart)');
    notices.close();
  });

  it('after our network was away, calls again the members whose calls look up but bring nothing', async () => {
    const { people, called, notices, store } = participants(['pia', 'sam'], ['sam']);
    for (const member of [parley('pia'), parley('sam')]) people.arrived(member);
    people.callMembers([parley('pia'), parley('sam')]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(called, ['pia again'], 'pia hung up when the room saw us leave; sam never did');
    assert.ok(store.get().participants.has('pia'));
    notices.close();
  });

  it('does not call someone back who came back while their call still carries media', () => {
    const { people, called, notices } = participants(['sam']);
    people.arrived(seed('sam'));
    assert.deepEqual(called, []);
    notices.close();
  });
});
