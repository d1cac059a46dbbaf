import type { ErrorBody, ErrorCode } from '../../shared/errors.js';
import type { JoinedRoom, LobbyTicket } from '../../shared/events.js';

/**
 * One participant's membership of the room, as one value. Every reconnection path (a dropped socket, a
 * PeerJS gap, a server restart, a seat the server gave up) goes through `next`, a pure function: the session
 * runs the effects it returns (send a join, wait, show the room) and nothing else decides.
 */
export type Membership =
  /** On the pre-join screen. */
  | { phase: 'prejoin' }
  /** Asked to join; the first join is on its way (`pending`) or waits for the connections or a retry. */
  | { phase: 'joining'; attempt: number; pending: boolean }
  | { phase: 'joined'; resumeToken: string }
  /** Was in the room; a connection is down, and the page waits for both to be up again. */
  | { phase: 'reconnecting'; resumeToken: string | undefined; restarting: boolean }
  /** Both connections are back: taking the seat back (with the resume token, unseen by the others). */
  | { phase: 'resuming'; resumeToken: string | undefined; attempt: number; pending: boolean; restarting: boolean }
  /** The room wants a passcode (again, if the last one was wrong): the page asks the person. */
  | { phase: 'passcode'; wrong: boolean }
  /** Knocked at a knock-to-join room (or knocking: `pending`): a host lets them in, or not. */
  | { phase: 'waiting'; pending: boolean; hostPresent: boolean }
  | { phase: 'left' }
  | { phase: 'refused'; code: ErrorCode; message: string }
  /** A host removed them, ended the meeting, or turned their knock down. */
  | { phase: 'removed'; reason: 'removed' | 'meeting-ended' | 'denied' };

export type Phase = Membership['phase'];

/** Which of the two connections (socket.io, the PeerJS socket) are up. */
export interface Channels {
  signaling: boolean;
  peer: boolean;
}

export interface MembershipState {
  membership: Membership;
  channels: Channels;
}

export type MembershipEvent =
  | { type: 'join-requested' }
  | { type: 'channel'; channel: keyof Channels; up: boolean }
  | { type: 'join-acked'; room: JoinedRoom }
  | { type: 'join-refused'; error: ErrorBody }
  /** The join got no answer in time. */
  | { type: 'join-timed-out' }
  | { type: 'retry-due' }
  | { type: 'server-restarting' }
  /** The server gave our seat up (a connection stayed away too long): join again, as someone new. */
  | { type: 'seat-lost' }
  /** A host removed us, or ended the meeting. */
  | { type: 'seat-ended'; reason: 'removed' | 'meeting-ended' }
  | { type: 'passcode-entered' }
  | { type: 'knock-acked'; ticket: LobbyTicket }
  | { type: 'knock-refused'; error: ErrorBody }
  | { type: 'knock-timed-out' }
  | { type: 'lobby-decision'; admitted: boolean }
  | { type: 'leave' };

export type MembershipEffect =
  | { type: 'send-join'; resumeToken: string | undefined }
  | { type: 'send-knock' }
  /** The host key this browser kept no longer opens the room: forget it (the join is tried again without). */
  | { type: 'forget-host-key' }
  | { type: 'retry-in'; delayMs: number }
  /** In the room (first time, or again): apply what the server said. */
  | { type: 'entered'; room: JoinedRoom; again: boolean }
  /** Was in the room and lost a connection: calls go on, the page says it is reconnecting. */
  | { type: 'lost' }
  | { type: 'ended'; phase: 'left' | 'refused' | 'removed' };

export interface Transition {
  state: MembershipState;
  effects: MembershipEffect[];
}

/** Retries wait 400 ms, then twice as long each time, up to 4 s. */
export function retryDelay(attempt: number): number {
  return Math.min(400 * 2 ** attempt, 4000);
}

/**
 * Refusals worth retrying: the PeerJS socket is still reconnecting, the server is restarting or asked us to
 * slow down, or (taking our seat back) the server has not yet let go of our previous connection.
 */
export function isTransient(code: ErrorCode, rejoining: boolean): boolean {
  return (
    code === 'peer-not-connected' ||
    code === 'shutting-down' ||
    code === 'rate-limited' ||
    (rejoining && code === 'peer-id-taken')
  );
}

export const initialMembership: MembershipState = {
  membership: { phase: 'prejoin' },
  channels: { signaling: false, peer: false },
};

const stay = (state: MembershipState): Transition => ({ state, effects: [] });
const bothUp = (channels: Channels) => channels.signaling && channels.peer;

export function next(state: MembershipState, event: MembershipEvent): Transition {
  const { membership: m } = state;
  if (m.phase === 'left' || m.phase === 'refused' || m.phase === 'removed') return stay(state);
  if (event.type === 'leave') {
    return { state: { ...state, membership: { phase: 'left' } }, effects: [{ type: 'ended', phase: 'left' }] };
  }
  if (event.type === 'channel') {
    const channels = { ...state.channels, [event.channel]: event.up };
    return onChannels({ ...state, channels });
  }
  if (event.type === 'seat-ended' && (m.phase === 'joined' || m.phase === 'reconnecting' || m.phase === 'resuming')) {
    return removed(state, event.reason);
  }
  switch (m.phase) {
    case 'prejoin':
      if (event.type !== 'join-requested') return stay(state);
      return trySend({ ...state, membership: { phase: 'joining', attempt: 0, pending: false } });
    case 'passcode':
      if (event.type !== 'passcode-entered') return stay(state);
      return trySend({ ...state, membership: { phase: 'joining', attempt: 0, pending: false } });
    case 'waiting':
      return whileWaiting(state, m, event);
    case 'joining':
    case 'resuming':
      return whileJoining(state, m, event);
    case 'joined':
      if (event.type === 'server-restarting') {
        return {
          state: { ...state, membership: { phase: 'reconnecting', resumeToken: m.resumeToken, restarting: true } },
          effects: [{ type: 'lost' }],
        };
      }
      if (event.type === 'seat-lost') return lose(state, undefined, false);
      return stay(state);
    case 'reconnecting':
      if (event.type === 'server-restarting') return stay({ ...state, membership: { ...m, restarting: true } });
      if (event.type === 'seat-lost') return stay({ ...state, membership: { ...m, resumeToken: undefined } });
      return stay(state);
  }
}

function onChannels(state: MembershipState): Transition {
  const m = state.membership;
  const up = bothUp(state.channels);
  // A knock lives on its connection: after a reconnection, knock again.
  if (m.phase === 'waiting' && !state.channels.signaling)
    return stay({ ...state, membership: { ...m, pending: false } });
  if (m.phase === 'waiting' && up && !m.pending) return knockNow(state, m);
  if (m.phase === 'joined' && !up) return lose(state, m.resumeToken, false);
  if (m.phase === 'resuming' && !up) {
    const membership = { phase: 'reconnecting' as const, resumeToken: m.resumeToken, restarting: m.restarting };
    return stay({ ...state, membership });
  }
  if (m.phase === 'reconnecting' && up) {
    const membership = { ...m, phase: 'resuming' as const, attempt: 0, pending: false };
    return trySend({ ...state, membership });
  }
  if (m.phase === 'joining' && up) return trySend(state);
  // The answer to a join sent on a connection that dropped will not come: send again once it is back.
  if ((m.phase === 'joining' || m.phase === 'resuming') && !state.channels.signaling && m.pending) {
    return stay({ ...state, membership: { ...m, pending: false } });
  }
  return stay(state);
}

function lose(state: MembershipState, resumeToken: string | undefined, restarting: boolean): Transition {
  const membership: Membership = { phase: 'reconnecting', resumeToken, restarting };
  // The server gave the seat up while both connections are up: join again at once.
  if (bothUp(state.channels)) {
    return withEffect(
      trySend({ ...state, membership: { ...membership, phase: 'resuming', attempt: 0, pending: false } }),
      {
        type: 'lost',
      },
    );
  }
  return { state: { ...state, membership }, effects: [{ type: 'lost' }] };
}

function whileJoining(
  state: MembershipState,
  m: Extract<Membership, { phase: 'joining' | 'resuming' }>,
  event: MembershipEvent,
): Transition {
  const again = m.phase === 'resuming';
  switch (event.type) {
    case 'join-acked': {
      const membership: Membership = { phase: 'joined', resumeToken: event.room.resumeToken };
      return { state: { ...state, membership }, effects: [{ type: 'entered', room: event.room, again }] };
    }
    case 'join-refused': {
      const code = event.error.code;
      if (code === 'knock-required') {
        return knockNow(state, { phase: 'waiting', pending: false, hostPresent: false });
      }
      if (code === 'passcode-required' || code === 'wrong-passcode') {
        return stay({ ...state, membership: { phase: 'passcode', wrong: code === 'wrong-passcode' } });
      }
      if (code === 'invalid-host-key') {
        const retried = trySend({ ...state, membership: { ...m, pending: false } });
        return { ...retried, effects: [{ type: 'forget-host-key' }, ...retried.effects] };
      }
      if (!isTransient(event.error.code, again)) {
        const membership: Membership = { phase: 'refused', code: event.error.code, message: event.error.message };
        return { state: { ...state, membership }, effects: [{ type: 'ended', phase: 'refused' }] };
      }
      return retryLater(state, m);
    }
    case 'join-timed-out':
      return retryLater(state, m);
    case 'retry-due':
      return trySend(state);
    case 'server-restarting':
      return m.phase === 'resuming' ? stay({ ...state, membership: { ...m, restarting: true } }) : stay(state);
    case 'seat-lost':
      return m.phase === 'resuming' ? stay({ ...state, membership: { ...m, resumeToken: undefined } }) : stay(state);
    default:
      return stay(state);
  }
}

function whileWaiting(
  state: MembershipState,
  m: Extract<Membership, { phase: 'waiting' }>,
  event: MembershipEvent,
): Transition {
  switch (event.type) {
    case 'knock-acked':
      return stay({ ...state, membership: { ...m, pending: false, hostPresent: event.ticket.hostPresent } });
    case 'knock-refused': {
      const code = event.error.code;
      if (code === 'passcode-required' || code === 'wrong-passcode') {
        return stay({ ...state, membership: { phase: 'passcode', wrong: code === 'wrong-passcode' } });
      }
      if (isTransient(code, false)) {
        return {
          state: { ...state, membership: { ...m, pending: false } },
          effects: [{ type: 'retry-in', delayMs: 2000 }],
        };
      }
      const membership: Membership = { phase: 'refused', code, message: event.error.message };
      return { state: { ...state, membership }, effects: [{ type: 'ended', phase: 'refused' }] };
    }
    case 'knock-timed-out':
      return {
        state: { ...state, membership: { ...m, pending: false } },
        effects: [{ type: 'retry-in', delayMs: 2000 }],
      };
    case 'retry-due':
      return bothUp(state.channels) && !m.pending ? knockNow(state, m) : stay(state);
    case 'lobby-decision':
      if (!event.admitted) return removed(state, 'denied');
      return trySend({ ...state, membership: { phase: 'joining', attempt: 0, pending: false } });
    default:
      return stay(state);
  }
}

function knockNow(state: MembershipState, m: Extract<Membership, { phase: 'waiting' }>): Transition {
  if (!bothUp(state.channels)) return stay({ ...state, membership: { ...m, pending: false } });
  return { state: { ...state, membership: { ...m, pending: true } }, effects: [{ type: 'send-knock' }] };
}

function removed(state: MembershipState, reason: 'removed' | 'meeting-ended' | 'denied'): Transition {
  return {
    state: { ...state, membership: { phase: 'removed', reason } },
    effects: [{ type: 'ended', phase: 'removed' }],
  };
}

function retryLater(state: MembershipState, m: Extract<Membership, { phase: 'joining' | 'resuming' }>): Transition {
  const membership = { ...m, attempt: m.attempt + 1, pending: false };
  return { state: { ...state, membership }, effects: [{ type: 'retry-in', delayMs: retryDelay(m.attempt) }] };
}

/** Sends the join when both connections are up and none is already on its way. */
function trySend(state: MembershipState): Transition {
  const m = state.membership;
  if ((m.phase !== 'joining' && m.phase !== 'resuming') || m.pending || !bothUp(state.channels)) return stay(state);
  const resumeToken = m.phase === 'resuming' ? m.resumeToken : undefined;
  return {
    state: { ...state, membership: { ...m, pending: true } },
    effects: [{ type: 'send-join', resumeToken }],
  };
}

function withEffect(transition: Transition, effect: MembershipEffect): Transition {
  return { ...transition, effects: [effect, ...transition.effects] };
}
