import type { ClientToServerEvents } from '../../shared/events.js';
import { TokenBucket } from './tokenBucket.js';

/** How often one connection may ask for each kind of thing: a burst, then a steady rate. */
export const rates = {
  /** join-room, leave-room. */
  join: { capacity: 5, perSecond: 0.5 },
  /** chat-message. */
  chat: { capacity: 8, perSecond: 1 },
  /** media-state, raise-hand. */
  presence: { capacity: 20, perSecond: 4 },
  /** peek-room, ice-servers, call-report. */
  other: { capacity: 20, perSecond: 2 },
  /** PeerJS signaling frames (a call's set-up is an offer or answer and a dozen candidates). */
  signaling: { capacity: 400, perSecond: 100 },
  /**
   * Refused requests (bad input, too fast): a connection that keeps being refused after this allowance is
   * closed. A well-behaved client is refused rarely, if ever.
   */
  strikes: { capacity: 20, perSecond: 0.5 },
  /**
   * PeerJS frames refused through the sender's own fault (guard.ts: costsStrike). More are tolerated than for
   * requests: a browser's frames are not all under its page's control.
   */
  signalingStrikes: { capacity: 50, perSecond: 1 },
  /** Per client address (everyone behind one network together): room previews... */
  addressPeek: { capacity: 30, perSecond: 3 },
  /** ...joins... */
  addressJoin: { capacity: 30, perSecond: 2 },
  /** ...chat messages... */
  addressChat: { capacity: 40, perSecond: 5 },
  /** ...and tries at a room's passcode (a guess every 10 s, after a few typos). */
  addressPasscode: { capacity: 5, perSecond: 0.1 },
} as const;

export type RateKind = keyof typeof rates;

/**
 * Which socket.io events draw on which allowance of their connection. Every event of the contract must be
 * here (a missing one does not compile); events not listed are not part of the protocol.
 */
export const eventRates: { readonly [E in keyof ClientToServerEvents]: RateKind } = {
  'join-room': 'join',
  'leave-room': 'join',
  'chat-message': 'chat',
  'media-state': 'presence',
  'raise-hand': 'presence',
  'media-report': 'presence',
  'peek-room': 'other',
  'ice-servers': 'other',
  'call-report': 'other',
  knock: 'join',
  'host-action': 'presence',
};

export function isClientEvent(name: string): name is keyof ClientToServerEvents {
  return Object.hasOwn(eventRates, name);
}

/** One connection's allowances, made on first use. `clock` is the server's (tests may move it on). */
export class ConnectionRates {
  private readonly buckets = new Map<RateKind, TokenBucket>();

  constructor(private readonly clock: () => number = Date.now) {}

  allow(kind: RateKind, now = this.clock()): boolean {
    let bucket = this.buckets.get(kind);
    if (!bucket) {
      bucket = new TokenBucket(rates[kind].capacity, rates[kind].perSecond, now);
      this.buckets.set(kind, bucket);
    }
    return bucket.take(now);
  }
}
