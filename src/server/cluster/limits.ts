import { rates } from '../limits/rates.js';
import type { Seat } from '../limits/allowances.js';
import type { AddressRateKind, SharedLimits } from '../limits/shared.js';
import type { Logger } from '../log.js';
import { keys } from './keys.js';
import { within, type RedisClient } from './redis.js';

/** A seat counts for its address while its node renews it; a dead node's seats lapse after this. */
export const seatTtlMs = 15_000;
/** Seats are renewed this often (and written back after Redis restarted empty). */
const seatRenewMs = 3000;
/** How long a request waits for the cluster's count before this node's own count decides alone. */
const answerMs = 500;

/** Redis's clock, in ms, so that the nodes' clocks never matter. */
const nowMs = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * The same token bucket as limits/tokenBucket.ts, kept in Redis: one per address and kind, gone once full
 * again. KEYS[1] bucket; ARGV: capacity, per second. Answers 1 when a token was taken.
 */
const takeScript = `${nowMs}
local capacity = tonumber(ARGV[1]) local perSecond = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * perSecond)
local taken = 0
if tokens >= 1 then tokens = tokens - 1 taken = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perSecond * 1000) + 1000)
return taken
`;

/**
 * Takes a seat for an address unless it holds `cap` live ones already; a seat it holds is renewed, never
 * counted twice. KEYS[1] the address's seats; ARGV: seat, cap, ttl ms.
 */
const claimSeatScript = `${nowMs}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** Renews seats this node holds (and writes back any Redis lost). KEYS: each seat's address key; ARGV: ttl, seats. */
const renewSeatsScript = `${nowMs}
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + ttl, ARGV[i + 1])
  redis.call('PEXPIRE', key, ttl)
end
return #KEYS
`;

const seatMember = ({ roomId, peerId }: Seat): string => `${roomId}\n${peerId}`;

/**
 * Per-address counts for a whole cluster, in Redis: each address's allowances (token buckets, the same as
 * a node's) and the seats it holds (each with an expiry its node renews, so a dead node's seats lapse by
 * themselves). When Redis does not answer in time, the node's own count decides alone: nobody is locked
 * out, and each node still holds its own caps (so at worst N nodes give N times the cap, as before).
 */
export class ClusterLimits implements SharedLimits {
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly redis: RedisClient,
    /** The seats this node holds now, with their addresses. */
    private readonly heldSeats: () => Iterable<{ address: string } & Seat>,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.renew(), seatRenewMs);
    this.timer.unref();
  }

  allowAddress(kind: AddressRateKind, address: string): Promise<boolean> {
    const { capacity, perSecond } = rates[kind];
    return this.ask(
      () =>
        this.redis.eval(takeScript, {
          keys: [keys.rate(kind, address)],
          arguments: [String(capacity), String(perSecond)],
        }),
      { kind },
    );
  }

  claimSeat(address: string, seat: Seat, cap: number): Promise<boolean> {
    return this.ask(
      () =>
        this.redis.eval(claimSeatScript, {
          keys: [keys.seats(address)],
          arguments: [seatMember(seat), String(cap), String(seatTtlMs)],
        }),
      { seat: 'claim' },
    );
  }

  releaseSeat(address: string, seat: Seat): void {
    if (!this.redis.isReady) return;
    // Not released (Redis away): the seat lapses by itself, as a dead node's do.
    this.redis.zRem(keys.seats(address), seatMember(seat)).catch(() => undefined);
  }

  /** The cluster's answer, or yes when it cannot be had in time (this node's count already said yes). */
  private async ask(command: () => Promise<unknown>, context: Record<string, string>): Promise<boolean> {
    // Not queued while Redis is away: a count taken later, for a request already answered, would be wrong.
    if (!this.redis.isReady) return true;
    try {
      return (await within(command(), answerMs)) === 1;
    } catch (error) {
      this.log.debug({ err: error, ...context }, 'cluster count unavailable; this node counts alone');
      return true;
    }
  }

  private async renew(): Promise<void> {
    if (!this.redis.isReady) return;
    const seats = [...this.heldSeats()];
    if (seats.length === 0) return;
    try {
      await this.redis.eval(renewSeatsScript, {
        keys: seats.map((seat) => keys.seats(seat.address)),
        arguments: [String(seatTtlMs), ...seats.map(seatMember)],
      });
    } catch (error) {
      this.log.debug({ err: error }, 'seats not renewed');
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
