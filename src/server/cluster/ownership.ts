import type { Logger } from '../log.js';
import type { Admission, RoomHome } from './home.js';
import { claimScript, heldScript, keys, refreshScript, releaseScript } from './keys.js';
import { sleep, within, type RedisClient } from './redis.js';

/** The timing of ownership. A dead node's rooms move as soon as it is found dead: at once if its port refuses. */
export const ownershipTiming = {
  /** Liveness and ownership are renewed this often. */
  refreshMs: 1000,
  /** A node that stopped renewing is dead after this (a node that refuses connections, at once). */
  liveMs: 3000,
  ownerMs: 10_000,
  /** How long a connection waits for its room to be claimed here before it is told to come back. */
  admitMs: 4000,
  /** A room with nobody here (no seat, lobby or connection) is let go after this. */
  idleMs: 5000,
} as const;

export type LetGoReason = 'handoff' | 'lost' | 'idle' | 'drain';

export interface OwnershipHooks {
  /** The room is ours now: load what its last owner left, before anyone is let in. */
  restore(roomId: string): Promise<void>;
  /**
   * The room is not ours any more: send its people away (they reconnect, through the proxy, to its new
   * owner) and forget it here. Resolves once what must outlive this node is written (nothing when `lost`:
   * another node holds it already).
   */
  letGo(roomId: string, reason: LetGoReason): Promise<void>;
  /** The rooms anyone is here for (a seat, a knocker, a connection). */
  busyRooms(): ReadonlySet<string>;
}

export interface OwnershipOptions {
  node: string;
  log: Logger;
  hooks: OwnershipHooks;
  now?: () => number;
}

/**
 * Which rooms this node owns, kept in Redis: one owner per room (a key with an expiry its owner renews), a
 * live key per node instance, and a channel per instance on which other nodes ask for a room. A room is
 * served only once claimed, so it is never split over two nodes: a node that finds its room taken sends
 * everyone in it away before anything else.
 */
export class Ownership implements RoomHome {
  /** This process: a restarted node is another instance, so it never mistakes a dead one's rooms for its own. */
  readonly instance: string;
  private readonly owned = new Set<string>();
  private readonly claims = new Map<string, Promise<Admission>>();
  private readonly idleSince = new Map<string, number>();
  private timer?: ReturnType<typeof setInterval>;
  private draining = false;
  private url = '';
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: OwnershipOptions,
  ) {
    this.instance = `${options.node}/${Math.random().toString(36).slice(2, 10)}`;
    this.now = options.now ?? Date.now;
  }

  /** `url`: this node's own address; another node checks it to tell a crash from a stall. */
  async start(url: string): Promise<void> {
    this.url = url;
    await this.redis.set(keys.live(this.instance), url, { PX: ownershipTiming.liveMs });
    await this.subscriber.subscribe(keys.handoff(this.instance), (roomId) => void this.handOver(roomId));
    this.timer = setInterval(() => void this.tick(), ownershipTiming.refreshMs);
    this.timer.unref();
  }

  isHere(roomId: string): boolean {
    return this.owned.has(roomId);
  }

  rooms(): ReadonlySet<string> {
    return this.owned;
  }

  admit(roomId: string, asked: 'routed' | 'join'): Promise<Admission> {
    if (this.owned.has(roomId)) return Promise.resolve({ ok: true });
    if (this.draining) return Promise.resolve(unavailable('this node is shutting down'));
    // One claim per room at a time: everyone arriving meanwhile waits for the same answer.
    let claim = this.claims.get(roomId);
    if (!claim) {
      claim = this.claim(roomId, asked).finally(() => this.claims.delete(roomId));
      this.claims.set(roomId, claim);
    }
    return claim;
  }

  private async claim(roomId: string, asked: 'routed' | 'join'): Promise<Admission> {
    const deadline = this.now() + ownershipTiming.admitMs;
    let askedOwner = 0;
    while (this.now() < deadline && !this.draining) {
      const left = deadline - this.now();
      try {
        const [claimed, previous] = (await within(
          this.redis.eval(claimScript, {
            keys: [keys.owner(roomId), keys.hold(roomId)],
            arguments: [this.instance, String(ownershipTiming.ownerMs), keys.livePrefix, askedOwner > 0 ? '1' : '0'],
          }),
          left,
        )) as [number, string];
        if (claimed === 1) {
          await within(this.options.hooks.restore(roomId), Math.max(left, 1000));
          this.owned.add(roomId);
          this.options.log.info({ roomId, previous: previous || undefined }, 'room claimed');
          return { ok: true };
        }
        if (asked === 'join') return elsewhere;
        // The owner may have died this instant (its live key not yet expired): if its port refuses, it has.
        if (await this.isDead(previous)) {
          await this.redis.del(keys.live(previous));
          continue;
        }
        // It moved there and lives on there: it does not come back (the proxy flapped). Its connections
        // are forwarded to its owner (forwardTo); anything else is told where it is.
        if ((await this.redis.get(keys.hold(roomId))) === previous) return elsewhere;
        // Routed here by the proxy: the room belongs here now (a node joined, or came back). Ask for it.
        if (this.now() - askedOwner >= 1000) {
          askedOwner = this.now();
          await this.redis.publish(keys.handoff(previous), roomId);
          this.options.log.info({ roomId, owner: previous }, 'asked for a room');
        }
      } catch (error) {
        this.options.log.debug({ err: error, roomId }, 'claim failed; trying again');
      }
      await sleep(100);
    }
    return unavailable('the meeting is moving between servers; try again in a moment');
  }

  /** The address of the live node that holds the room since it moved there, if one does (not this one). */
  async forwardTo(roomId: string): Promise<string | undefined> {
    if (this.owned.has(roomId) || !this.redis.isReady) return undefined;
    try {
      const [url] = (await within(
        this.redis.eval(heldScript, {
          keys: [keys.owner(roomId), keys.hold(roomId)],
          arguments: [this.instance, keys.livePrefix],
        }),
        1000,
      )) as string[];
      return url;
    } catch {
      return undefined;
    }
  }

  /** Whether the node instance behind a live key refuses connections (crashed, killed). A stall is not death. */
  private async isDead(instance: string): Promise<boolean> {
    const url = await this.redis.get(keys.live(instance));
    if (!url) return true;
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
      return false;
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      return code === 'ECONNREFUSED' || code === 'ECONNRESET';
    }
  }

  /** Another node asks for one of our rooms: its people go there, once what they need is written. */
  private async handOver(roomId: string): Promise<void> {
    if (!this.owned.has(roomId)) return;
    await this.letGo(roomId, 'handoff');
  }

  private async letGo(roomId: string, reason: LetGoReason): Promise<void> {
    this.owned.delete(roomId);
    this.idleSince.delete(roomId);
    await this.options.hooks.letGo(roomId, reason);
    if (reason !== 'lost') {
      await this.redis.eval(releaseScript, {
        keys: [keys.owner(roomId), keys.hold(roomId)],
        arguments: [this.instance],
      });
    }
    this.options.log.info({ roomId, reason }, 'room let go');
  }

  /** Renews liveness and ownership, lets idle rooms go, and sends away the people of rooms taken from us. */
  private async tick(): Promise<void> {
    if (!this.redis.isReady) return;
    const now = this.now();
    const busy = this.options.hooks.busyRooms();
    for (const roomId of this.owned) {
      if (busy.has(roomId)) this.idleSince.delete(roomId);
      else if (!this.idleSince.has(roomId)) this.idleSince.set(roomId, now);
      else if (now - (this.idleSince.get(roomId) ?? now) >= ownershipTiming.idleMs) void this.letGo(roomId, 'idle');
    }
    try {
      await this.redis.set(keys.live(this.instance), this.url, { PX: ownershipTiming.liveMs });
      const rooms = [...this.owned];
      if (rooms.length === 0) return;
      const lost = (await this.redis.eval(refreshScript, {
        keys: rooms.flatMap((roomId) => [keys.owner(roomId), keys.hold(roomId)]),
        arguments: [this.instance, String(ownershipTiming.ownerMs)],
      })) as number[];
      for (const index of lost) {
        const roomId = rooms[index - 1];
        if (roomId === undefined || !this.owned.has(roomId)) continue;
        this.options.log.warn({ roomId }, 'room taken by another node');
        await this.letGo(roomId, 'lost');
      }
    } catch (error) {
      this.options.log.debug({ err: error }, 'ownership refresh failed');
    }
  }

  /** SIGTERM: every room goes (its people to the nodes that take it over), then this node stops being live. */
  async drain(): Promise<void> {
    this.draining = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.owned].map((roomId) => within(this.letGo(roomId, 'drain'), 2000)));
    await within(this.redis.del(keys.live(this.instance)), 1000).catch(() => undefined);
  }

  stop(): void {
    this.draining = true;
    clearInterval(this.timer);
  }
}

const elsewhere: Admission = {
  ok: false,
  status: 409,
  reason: 'room-elsewhere',
  message: 'this meeting is on another server: a client that names its room when connecting reaches it',
};

function unavailable(message: string): Admission {
  return { ok: false, status: 503, reason: 'unavailable', message };
}
