/** What a bucket holds at a moment: enough to carry it to another node (a seat's allowance moves with the seat). */
export interface BucketState {
  tokens: number;
  at: number;
}

/**
 * A token bucket: up to `capacity` requests at once, then `perSecond` on average. Pure: the caller
 * passes the time, so it can be tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    now = Date.now(),
    state?: BucketState,
  ) {
    this.tokens = state ? Math.min(capacity, Math.max(0, state.tokens)) : capacity;
    this.updatedAt = state ? Math.min(state.at, now) : now;
  }

  /** Takes one token if there is one. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  state(): BucketState {
    return { tokens: this.tokens, at: this.updatedAt };
  }
}
