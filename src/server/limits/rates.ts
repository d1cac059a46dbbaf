import type { ClientToServerEvents } from '../../shared/events.js';
import { TokenBucket, type BucketState } from './tokenBucket.js';

/** How often one connection may ask for each kind of thing: a burst, then a steady rate. */
export const rates = {
  /** join-room, leave-room. */
  join: { capacity: 5, perSecond: 0.5 },
  /** chat-message. */
  chat: { capacity: 8, perSecond: 1 },
  /** media-state, raise-hand, media-report, host-action: drawn from the person's allowance too (see personalRates). */
  presence: { capacity: 20, perSecond: 4 },
  /** Taking one's seat back on a new connection: the room hears of each one. Per person. */
  resume: { capacity: 5, perSecond: 0.5 },
  /** peek-room, ice-servers, call-report. */
  other: { capacity: 20, perSecond: 2 },
  /** view-size: one per tile whose size changed (a layout change resizes them all at once). */
  view: { capacity: 30, perSecond: 5 },
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
  'view-size': 'view',
  knock: 'join',
  'host-action': 'presence',
};

/**
 * Allowances for what the others in a room see (presence changes reach every member's page): a seated
 * connection draws on its person's allowance as well as its own, so a fresh connection (a resume, which anyone
 * seated may do at will) brings no fresh allowance. Chat is charged per person by its handler (a retry is free).
 */
export const personalRates: ReadonlySet<RateKind> = new Set<RateKind>(['presence']);

/** Draws one request of `kind`: from the connection, and, for personal kinds, from its seated person too. */
export function allowRequest(
  kind: RateKind,
  connection: Pick<ConnectionRates, 'allow'>,
  person: Pick<ConnectionRates, 'allow'> | undefined,
): boolean {
  if (!connection.allow(kind)) return false;
  return person === undefined || !personalRates.has(kind) || person.allow(kind);
}

export function isClientEvent(name: string): name is keyof ClientToServerEvents {
  return Object.hasOwn(eventRates, name);
}

export type RatesState = Partial<Record<RateKind, BucketState>>;

/** One connection's allowances, made on first use. `clock` is the server's (tests may move it on). */
export class ConnectionRates {
  private readonly buckets = new Map<RateKind, TokenBucket>();

  /** `carried`: what the same allowances held elsewhere (a seat's, on the node its room moved from). */
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly carried: RatesState = {},
  ) {}

  allow(kind: RateKind, now = this.clock()): boolean {
    let bucket = this.buckets.get(kind);
    if (!bucket) {
      bucket = new TokenBucket(rates[kind].capacity, rates[kind].perSecond, now, this.carried[kind]);
      this.buckets.set(kind, bucket);
    }
    return bucket.take(now);
  }

  /** The allowances drawn on so far (untouched ones are full, and not listed). */
  state(): RatesState {
    const state: RatesState = { ...this.carried };
    for (const [kind, bucket] of this.buckets) state[kind] = bucket.state();
    return state;
  }
}
