import { TokenBucket } from '../limits/tokenBucket.js';

/**
 * The calls being set up or running between PeerJS clients, as the server saw them offered. A browser keeps
 * every signaling message for a connection id it does not know (the stock PeerJS client stores them for
 * ever), so the server relays an ANSWER or a CANDIDATE only for a call that was offered between the same two
 * people, a bounded number of candidates each, and forgets a person's calls when they go. Pure state.
 */
export interface CallLimits {
  /** Calls remembered per pair of people: a newer offer forgets the oldest. */
  perPair: number;
  /** Candidates relayed per call from each side. */
  candidatesPerSide: number;
  /** Offers one person may make to another: a burst, then a steady rate (calls are placed again on failure). */
  offers: { capacity: number; perSecond: number };
}

interface Call {
  caller: string;
  callee: string;
  candidates: { caller: number; callee: number };
  /** Offers made on this call (a renegotiation is one more), and answers relayed: one answer per offer. */
  offers: number;
  answers: number;
}

export type CallVerdict = 'ok' | 'unknown-call' | 'too-many-candidates' | 'too-many-offers' | 'too-many-answers';

export class CallBook {
  private readonly calls = new Map<string, Call>();
  /** Per person, the keys of their calls, oldest first. */
  private readonly byPeer = new Map<string, Set<string>>();
  /** Per caller, per callee: the offers allowance (gone with the caller). */
  private readonly offerRates = new Map<string, Map<string, TokenBucket>>();

  constructor(private readonly limits: CallLimits) {}

  /** An offer from `src` to `dst`: a new call, or a renegotiation of one they already share. */
  offer(src: string, dst: string, connectionId: string, now = Date.now()): CallVerdict {
    const rates = this.offerRates.get(src) ?? new Map<string, TokenBucket>();
    this.offerRates.set(src, rates);
    let rate = rates.get(dst);
    if (!rate) {
      rate = new TokenBucket(this.limits.offers.capacity, this.limits.offers.perSecond, now);
      rates.set(dst, rate);
    }
    if (!rate.take(now)) return 'too-many-offers';
    const key = callKey(src, dst, connectionId);
    const known = this.calls.get(key);
    if (known) {
      known.offers++;
      return 'ok';
    }
    const pairCalls = [...(this.byPeer.get(src) ?? [])].filter((id) => {
      const call = this.calls.get(id);
      return !!call && sharedBy(call, src, dst);
    });
    for (const id of pairCalls.slice(0, Math.max(0, pairCalls.length - this.limits.perPair + 1))) this.forget(id);
    this.calls.set(key, { caller: src, callee: dst, candidates: { caller: 0, callee: 0 }, offers: 1, answers: 0 });
    for (const peer of [src, dst]) {
      const set = this.byPeer.get(peer) ?? new Set<string>();
      set.add(key);
      this.byPeer.set(peer, set);
    }
    return 'ok';
  }

  /**
   * Only the one who was called answers, only to the caller, and once per offer: answers are the largest
   * frames (an SDP), and a callee answering one offer over and over would have the server pour them into the
   * caller's socket.
   */
  answer(src: string, dst: string, connectionId: string): CallVerdict {
    const call = this.calls.get(callKey(src, dst, connectionId));
    if (!call || call.callee !== src) return 'unknown-call';
    if (call.answers >= call.offers) return 'too-many-answers';
    call.answers++;
    return 'ok';
  }

  candidate(src: string, dst: string, connectionId: string): CallVerdict {
    const call = this.calls.get(callKey(src, dst, connectionId));
    if (!call) return 'unknown-call';
    const side = call.caller === src ? 'caller' : 'callee';
    if (call.candidates[side] >= this.limits.candidatesPerSide) return 'too-many-candidates';
    call.candidates[side]++;
    return 'ok';
  }

  /** Forgets every call of someone who left. */
  forgetPeer(peerId: string): void {
    for (const id of [...(this.byPeer.get(peerId) ?? [])]) this.forget(id);
    this.byPeer.delete(peerId);
    this.offerRates.delete(peerId);
  }

  get size(): number {
    return this.calls.size;
  }

  private forget(key: string): void {
    const call = this.calls.get(key);
    if (!call) return;
    this.calls.delete(key);
    for (const peer of [call.caller, call.callee]) {
      const set = this.byPeer.get(peer);
      set?.delete(key);
      if (set?.size === 0) this.byPeer.delete(peer);
    }
  }
}

/** Calls are told apart by the pair and the id the caller chose: nobody can touch another pair's call. */
function callKey(a: string, b: string, connectionId: string): string {
  return a < b ? `${a}\n${b}\n${connectionId}` : `${b}\n${a}\n${connectionId}`;
}

function sharedBy(call: Call, a: string, b: string): boolean {
  return (call.caller === a && call.callee === b) || (call.caller === b && call.callee === a);
}
