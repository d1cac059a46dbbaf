import { createHmac, randomBytes } from 'node:crypto';
import type { RoomControlView } from '../../shared/events.js';
import { RoomControl } from './control.js';
import type { Roster } from './roster.js';

/**
 * Every room's control (mode, passcode, host keys, lobby, removed devices), kept while anyone is in the room
 * or its lobby, and for `memoryMs` after: guests who come back before the host still find the room as the
 * host left it. At most `maxRooms` are remembered; the longest empty go first.
 */
export class RoomControls {
  private readonly rooms = new Map<string, RoomControl>();
  constructor(
    private readonly memoryMs = 24 * 60 * 60_000,
    private readonly maxRooms = 100_000,
    /** Keys the hashes; the nodes of a cluster share one, so a room's control can move between them. */
    private readonly secret: Buffer = randomBytes(32),
  ) {}

  get(roomId: string): RoomControl | undefined {
    return this.rooms.get(roomId);
  }

  /** The room's control, made on first contact (the room is fresh: its first person becomes its host). */
  ensure(roomId: string, now: number): { control: RoomControl; fresh: boolean } {
    const existing = this.rooms.get(roomId);
    if (existing) return { control: existing, fresh: false };
    if (this.rooms.size >= this.maxRooms) this.sweep(now, true);
    const control = new RoomControl(this.secret);
    this.rooms.set(roomId, control);
    return { control, fresh: true };
  }

  /** A browser's device key as the server keeps it: keyed-hashed, never as given. */
  hashDevice(device: string): string {
    return createHmac('sha256', this.secret).update(`device:${device}`).digest('base64url');
  }

  forget(roomId: string): void {
    this.rooms.delete(roomId);
  }

  /** Notes whether the room has anyone in it or its lobby now (for forgetting it later). */
  touch(roomId: string, occupied: boolean, now: number): void {
    const control = this.rooms.get(roomId);
    if (!control) return;
    if (occupied) delete control.emptySince;
    else control.emptySince ??= now;
  }

  /** Forgets rooms empty for longer than the memory (with `urgent`, the longest empty half of them too). */
  sweep(now: number, urgent = false): void {
    for (const [roomId, control] of this.rooms) {
      if (control.emptySince !== undefined && now - control.emptySince > this.memoryMs) this.rooms.delete(roomId);
    }
    if (!urgent || this.rooms.size < this.maxRooms) return;
    const empty = [...this.rooms].filter(([, control]) => control.emptySince !== undefined);
    empty.sort((a, b) => (a[1].emptySince ?? 0) - (b[1].emptySince ?? 0));
    for (const [roomId] of empty.slice(0, Math.ceil(empty.length / 2))) this.rooms.delete(roomId);
  }

  get size(): number {
    return this.rooms.size;
  }
}

/** What everyone in the room sees of its control. */
export function controlView(control: RoomControl | undefined, roster: Roster, roomId: string): RoomControlView {
  return {
    mode: control?.mode ?? 'open',
    passcode: control?.hasPasscode ?? false,
    hosts: roster.hosts(roomId).map((member) => member.peerId),
  };
}
