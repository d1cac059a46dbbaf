import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JoinedRoom } from '../../../../src/shared/events.js';
import {
  initialMembership,
  next,
  retryDelay,
  type MembershipEffect,
  type MembershipEvent,
  type MembershipState,
  type Phase,
} from '../../../../src/client/room/membership.js';

const room = (resumeToken = 'resume-1'): JoinedRoom => ({
  roomId: 'room',
  self: { peerId: 'me', name: 'Me', audio: true, video: true, screen: false, hand: false, host: false },
  members: [],
  capacity: 8,
  ice: { servers: [] },
  chat: [],
  resumeToken,
  control: { mode: 'open', passcode: false, hosts: [] },
});

const up = (channel: 'signaling' | 'peer'): MembershipEvent => ({ type: 'channel', channel, up: true });
const down = (channel: 'signaling' | 'peer'): MembershipEvent => ({ type: 'channel', channel, up: false });
const refused = (code: 'room-full' | 'peer-not-connected' | 'peer-id-taken' | 'shutting-down'): MembershipEvent => ({
  type: 'join-refused',
  error: { code, message: code },
});

/** Runs events from a state; returns the phases passed through and every effect, in order. */
function drive(events: MembershipEvent[], from: MembershipState = initialMembership) {
  let state = from;
  const phases: Phase[] = [state.membership.phase];
  const effects: MembershipEffect[] = [];
  for (const event of events) {
    const transition = next(state, event);
    if (transition.state.membership.phase !== phases.at(-1)) phases.push(transition.state.membership.phase);
    effects.push(...transition.effects);
    state = transition.state;
  }
  return { state, phases, effects, types: effects.map((effect) => effect.type) };
}

const joinedState = drive([
  up('signaling'),
  up('peer'),
  { type: 'join-requested' },
  { type: 'join-acked', room: room() },
]).state;

describe('membership: one value for where the participant is', () => {
  it('joins once asked to and both connections are up, whatever the order', () => {
    for (const events of [
      [{ type: 'join-requested' }, up('signaling'), up('peer')],
      [up('peer'), { type: 'join-requested' }, up('signaling')],
      [up('signaling'), up('peer'), { type: 'join-requested' }],
    ] as MembershipEvent[][]) {
      const { phases, effects } = drive([...events, { type: 'join-acked', room: room() }]);
      assert.deepEqual(phases, ['prejoin', 'joining', 'joined']);
      assert.deepEqual(effects, [
        { type: 'send-join', resumeToken: undefined },
        { type: 'entered', room: room(), again: false },
      ]);
    }
  });

  it('stays on the pre-join screen until asked, whatever the connections do', () => {
    const { phases, effects } = drive([up('signaling'), up('peer'), down('peer'), up('peer')]);
    assert.deepEqual(phases, ['prejoin']);
    assert.deepEqual(effects, []);
  });

  it('retries transient refusals and timeouts, waiting longer each time, and never sends two joins at once', () => {
    const { phases, effects } = drive([
      up('signaling'),
      up('peer'),
      { type: 'join-requested' },
      { type: 'join-requested' },
      refused('peer-not-connected'),
      { type: 'retry-due' },
      { type: 'join-timed-out' },
      { type: 'retry-due' },
      { type: 'join-acked', room: room() },
    ]);
    assert.deepEqual(phases, ['prejoin', 'joining', 'joined']);
    assert.deepEqual(
      effects.map((effect) => (effect.type === 'retry-in' ? `retry ${effect.delayMs}` : effect.type)),
      ['send-join', 'retry 400', 'send-join', 'retry 800', 'send-join', 'entered'],
    );
    assert.equal(retryDelay(10), 4000, 'at most 4 s apart');
  });

  it('ends on a final refusal (a full room), with the reason', () => {
    const { state, phases, types } = drive([
      up('signaling'),
      up('peer'),
      { type: 'join-requested' },
      refused('room-full'),
    ]);
    assert.deepEqual(phases, ['prejoin', 'joining', 'refused']);
    assert.deepEqual(types, ['send-join', 'ended']);
    assert.deepEqual(state.membership, { phase: 'refused', code: 'room-full', message: 'room-full' });
  });

  it('a peer-id-taken on a first join is final; on a resume it is the old connection not yet let go: retried', () => {
    assert.equal(
      drive([refused('peer-id-taken')], drive([up('signaling'), up('peer'), { type: 'join-requested' }]).state).state
        .membership.phase,
      'refused',
    );
    const resumed = drive([down('signaling'), up('signaling'), refused('peer-id-taken')], joinedState);
    assert.equal(resumed.state.membership.phase, 'resuming');
    assert.deepEqual(resumed.types, ['lost', 'send-join', 'retry-in']);
  });

  it('a dropped socket.io connection: reconnecting, then resuming with the resume token, then joined again', () => {
    const { phases, effects } = drive(
      [down('signaling'), up('signaling'), { type: 'join-acked', room: room('resume-2') }, down('peer'), up('peer')],
      joinedState,
    );
    assert.deepEqual(phases, ['joined', 'reconnecting', 'resuming', 'joined', 'reconnecting', 'resuming']);
    assert.deepEqual(effects, [
      { type: 'lost' },
      { type: 'send-join', resumeToken: 'resume-1' },
      { type: 'entered', room: room('resume-2'), again: true },
      { type: 'lost' },
      { type: 'send-join', resumeToken: 'resume-2' },
    ]);
  });

  it('a connection lost again while resuming waits for both, and sends one join when they are back', () => {
    const { phases, types } = drive([down('signaling'), up('signaling'), down('peer'), up('peer')], joinedState);
    assert.deepEqual(phases, ['joined', 'reconnecting', 'resuming', 'reconnecting', 'resuming']);
    assert.deepEqual(types, ['lost', 'send-join', 'send-join']);
  });

  it('a server restart: says so, waits for the server, rejoins', () => {
    const { state, phases, types } = drive(
      [{ type: 'server-restarting' }, down('signaling'), down('peer')],
      joinedState,
    );
    assert.deepEqual(phases, ['joined', 'reconnecting']);
    assert.deepEqual(types, ['lost']);
    assert.deepEqual(state.membership, { phase: 'reconnecting', resumeToken: 'resume-1', restarting: true });
    const back = drive([up('signaling'), up('peer'), refused('shutting-down'), { type: 'retry-due' }], state);
    assert.deepEqual(back.types, ['send-join', 'retry-in', 'send-join']);
  });

  it('a seat the server gave up (one connection stayed away too long): joins again as someone new', () => {
    const { phases, effects } = drive(
      [{ type: 'seat-lost' }, { type: 'join-acked', room: room('fresh') }],
      joinedState,
    );
    assert.deepEqual(phases, ['joined', 'resuming', 'joined']);
    assert.deepEqual(effects, [
      { type: 'lost' },
      { type: 'send-join', resumeToken: undefined },
      { type: 'entered', room: room('fresh'), again: true },
    ]);
    const whileAway = drive([down('peer'), { type: 'seat-lost' }, up('peer')], joinedState);
    assert.deepEqual(whileAway.effects.at(-1), { type: 'send-join', resumeToken: undefined });
  });

  it('a join in flight when socket.io drops is sent again once it is back', () => {
    const joining = drive([up('signaling'), up('peer'), { type: 'join-requested' }]).state;
    const { types } = drive([down('signaling'), up('signaling')], joining);
    assert.deepEqual(types, ['send-join']);
  });

  it('leaving ends everything from any phase, once; nothing moves after', () => {
    for (const from of [initialMembership, joinedState, drive([down('peer')], joinedState).state]) {
      const { state, types } = drive(
        [{ type: 'leave' }, { type: 'leave' }, up('peer'), { type: 'join-acked', room: room() }],
        from,
      );
      assert.equal(state.membership.phase, 'left');
      assert.deepEqual(types, ['ended']);
    }
  });

  describe('the door: passcode, knocking, a host’s decisions', () => {
    const asked = drive([up('signaling'), up('peer'), { type: 'join-requested' }]).state;
    const refusedWith = (code: 'knock-required' | 'passcode-required' | 'wrong-passcode' | 'invalid-host-key') =>
      ({ type: 'join-refused', error: { code, message: code } }) as MembershipEvent;

    it('asks for a passcode, then joins with it; a wrong one is asked again', () => {
      const { phases, effects, state } = drive(
        [refusedWith('passcode-required'), { type: 'passcode-entered' }, refusedWith('wrong-passcode')],
        asked,
      );
      assert.deepEqual(phases, ['joining', 'passcode', 'joining', 'passcode']);
      assert.deepEqual(
        effects.map((effect) => effect.type),
        ['send-join'],
      );
      assert.deepEqual(state.membership, { phase: 'passcode', wrong: true });
    });

    it('knocks when the room says so, waits, and joins once a host admits it', () => {
      const { phases, types } = drive(
        [
          refusedWith('knock-required'),
          { type: 'knock-acked', ticket: { roomId: 'room', name: 'Me', hostPresent: false } },
          { type: 'lobby-decision', admitted: true },
          { type: 'join-acked', room: room() },
        ],
        asked,
      );
      assert.deepEqual(phases, ['joining', 'waiting', 'joining', 'joined']);
      assert.deepEqual(types, ['send-knock', 'send-join', 'entered']);
    });

    it('knocks again after a lost connection (a knock lives on its connection)', () => {
      const waiting = drive([refusedWith('knock-required')], asked).state;
      const { types, state } = drive([down('signaling'), up('signaling')], waiting);
      assert.deepEqual(types, ['send-knock']);
      assert.equal(state.membership.phase, 'waiting');
    });

    it('a denied knock ends politely; a removal and the end of the meeting end it too', () => {
      const waiting = drive([refusedWith('knock-required')], asked).state;
      assert.deepEqual(drive([{ type: 'lobby-decision', admitted: false }], waiting).state.membership, {
        phase: 'removed',
        reason: 'denied',
      });
      for (const reason of ['removed', 'meeting-ended'] as const) {
        const { state, types } = drive([{ type: 'seat-ended', reason }], joinedState);
        assert.deepEqual(state.membership, { phase: 'removed', reason });
        assert.deepEqual(types, ['ended']);
      }
    });

    it('forgets a host key that no longer opens the room, and joins again without it', () => {
      const { types } = drive([refusedWith('invalid-host-key')], asked);
      assert.deepEqual(types, ['forget-host-key', 'send-join']);
    });
  });
});
