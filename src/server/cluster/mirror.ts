import type { ChatMessage } from '../../shared/events.js';
import type { Logger } from '../log.js';
import { keys } from './keys.js';
import { within, type RedisClient } from './redis.js';
import { parseChat, parseSnapshot, type RoomSnapshot } from './snapshot.js';

/** A room's control outlives its people for a day (as on a single node); so does its snapshot. */
const keptMs = 24 * 60 * 60_000;
/** A chat message is acknowledged once Redis has it, or after this while Redis is away (it is queued). */
const chatWriteMs = 1000;

/**
 * Keeps in Redis, for the node that takes a room over, what this node holds of the rooms it owns: a
 * snapshot (seats and control) written whenever it changes, and the chat, appended as it is posted. The
 * node's memory stays the truth while it lives; this copy is what outlives it.
 */
export class RoomMirror {
  private readonly written = new Map<string, string>();
  private readonly due = new Set<string>();
  private flushing = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly snapshotOf: (roomId: string) => RoomSnapshot,
    private readonly historyLimit: number,
    private readonly log: Logger,
  ) {}

  /** The room changed (a join, a leave): its snapshot is written on the next turn of the event loop. */
  changed(roomId: string): void {
    this.due.add(roomId);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      const rooms = [...this.due];
      this.due.clear();
      for (const room of rooms) void this.write(room);
    });
  }

  /** Writes the room's snapshot if it differs from the last one written. */
  async write(roomId: string, force = false): Promise<void> {
    const snapshot = this.snapshotOf(roomId);
    // Allowances change with every request: they ride along with the other changes, never cause a write.
    const { allowances: _allowances, ...compared } = snapshot;
    const seen = JSON.stringify(compared);
    if (!force && this.written.get(roomId) === seen) return;
    this.written.set(roomId, seen);
    try {
      await this.redis.set(keys.room(roomId), JSON.stringify(snapshot), { PX: keptMs });
    } catch (error) {
      this.written.delete(roomId);
      this.log.debug({ err: error, roomId }, 'room snapshot not written');
    }
  }

  /** Resolves once Redis holds the message (or after a second: it stays queued, and the room goes on). */
  async chatPosted(roomId: string, message: ChatMessage): Promise<void> {
    const write = this.redis
      .multi()
      .xAdd(
        keys.chat(roomId),
        '*',
        { m: JSON.stringify(message) },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '=', threshold: this.historyLimit } },
      )
      .pExpire(keys.chat(roomId), keptMs)
      .exec();
    await within(write, chatWriteMs).catch((error: unknown) =>
      this.log.debug({ err: error, roomId }, 'chat message not yet in redis'),
    );
  }

  chatCleared(roomId: string): void {
    this.redis.del(keys.chat(roomId)).catch(() => undefined);
  }

  /** This node no longer writes for the room. */
  forget(roomId: string): void {
    this.written.delete(roomId);
    this.due.delete(roomId);
  }

  /** What the room's last owner left: its snapshot (if any) and its chat history, oldest first. */
  async load(roomId: string): Promise<{ snapshot: RoomSnapshot | undefined; chat: ChatMessage[] }> {
    const [raw, entries] = await Promise.all([
      this.redis.get(keys.room(roomId)),
      this.redis.xRange(keys.chat(roomId), '-', '+'),
    ]);
    const chat = parseChat(
      (entries ?? []).flatMap((entry) => {
        const value = (entry.message as Record<string, unknown>).m;
        return typeof value === 'string' ? [value] : [];
      }),
    );
    return { snapshot: parseSnapshot(typeof raw === 'string' ? raw : null), chat };
  }

  /** Redis came back (maybe empty): writes everything again for the rooms this node owns. */
  async resync(rooms: Iterable<string>, chatOf: (roomId: string) => ChatMessage[]): Promise<void> {
    for (const roomId of rooms) {
      await this.write(roomId, true);
      const messages = chatOf(roomId);
      const multi = this.redis.multi().del(keys.chat(roomId));
      for (const message of messages) {
        multi.xAdd(keys.chat(roomId), '*', { m: JSON.stringify(message) });
      }
      if (messages.length > 0) multi.pExpire(keys.chat(roomId), keptMs);
      await multi.exec();
    }
  }
}
