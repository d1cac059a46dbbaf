import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RoomMode } from '../../shared/events.js';

/** The peer ids remembered per host key (the newest): a seat rejoining under new ids is a few per hour. */
const maxHoldersPerKey = 8;

/** Someone asking to come in, as hosts see them, and what the server keeps to recognise them. */
export interface Knocker {
  peerId: string;
  name: string;
  connectionId: string;
  since: number;
  /** Hash of the browser's device key (who was removed), if it sent one. */
  device?: string;
  /** A host let them in: they may join until then. */
  admittedUntil?: number;
}

/**
 * Who may come into one room, and who decides: its mode, passcode, host keys, lobby and the devices removed
 * from it. Outlives its participants for a while (a room's settings hold when everyone left and its guests
 * come back before the host). Pure state: the caller passes the time.
 */
export class RoomControl {
  mode: RoomMode = 'open';
  private passcode?: Buffer;
  /**
   * Hashes of valid host keys, each with every peer id that held it (issued to, or presented by): removing
   * or stepping down any of them revokes the key, wherever else it was used since.
   */
  private readonly hostKeys = new Map<string, Set<string>>();
  private readonly removed = new Set<string>();
  readonly lobby = new Map<string, Knocker>();
  /** When the room last had nobody in it or its lobby (undefined: someone is there). */
  emptySince?: number;

  constructor(private readonly secret: Buffer) {}

  /** A new host key for `peerId` (kept only as a hash; the key itself goes to its holder alone). */
  issueHostKey(peerId: string): string {
    const key = randomBytes(24).toString('base64url');
    this.hostKeys.set(this.hash(key), new Set([peerId]));
    return key;
  }

  isHostKey(key: string): boolean {
    return this.hostKeys.has(this.hash(key));
  }

  /** Every key issued to `peerId` stops working (they handed host over, or were removed). */
  revokeHostKeys(peerId: string): void {
    for (const [hash, holders] of this.hostKeys) if (holders.has(peerId)) this.hostKeys.delete(hash);
  }

  /** A key presented again is `peerId`'s too (a host who came back under a new peer id, or in a second tab). */
  rebindHostKey(key: string, peerId: string): void {
    const holders = this.hostKeys.get(this.hash(key));
    if (!holders) return;
    holders.delete(peerId);
    holders.add(peerId);
    // The oldest go first (a key presented over and over must not grow without end).
    for (const oldest of holders) {
      if (holders.size <= maxHoldersPerKey) break;
      holders.delete(oldest);
    }
  }

  setPasscode(passcode: string | undefined): void {
    this.passcode = passcode === undefined ? undefined : Buffer.from(this.hash(passcode));
  }

  get hasPasscode(): boolean {
    return this.passcode !== undefined;
  }

  passcodeMatches(presented: string | undefined): boolean {
    if (!this.passcode) return true;
    if (presented === undefined) return false;
    const hash = Buffer.from(this.hash(presented));
    return hash.length === this.passcode.length && timingSafeEqual(hash, this.passcode);
  }

  /**
   * Someone removed must knock to return: from their device (the id their browser keeps, already hashed) and
   * from their network (the client address, kept hashed). A device id is the browser's own word, so the
   * address is what holds against someone who clears it; others behind the same address knock too, which a
   * host can admit.
   */
  removeEntrant(entrant: { device: string | undefined; address: string }): void {
    if (entrant.device) this.removed.add(`device:${entrant.device}`);
    this.removed.add(`address:${this.hash(entrant.address)}`);
  }

  wasRemoved(entrant: { device: string | undefined; address: string }): boolean {
    if (entrant.device !== undefined && this.removed.has(`device:${entrant.device}`)) return true;
    return this.removed.size > 0 && this.removed.has(`address:${this.hash(entrant.address)}`);
  }

  snapshot(): ControlSnapshot {
    return {
      mode: this.mode,
      ...(this.passcode ? { passcode: this.passcode.toString() } : {}),
      hostKeys: [...this.hostKeys].flatMap(([hash, holders]) =>
        [...holders].map((peerId) => [hash, peerId] as [string, string]),
      ),
      removed: [...this.removed],
      lobby: [...this.lobby.values()].map(({ connectionId: _connection, ...waiting }) => waiting),
    };
  }

  /**
   * Takes over a snapshot made on another node (with the same secret). Its knockers wait on with no
   * connection yet (`movedKnocker`): their pages knock again on the new node and take their place back.
   */
  restore(snapshot: ControlSnapshot): void {
    this.mode = snapshot.mode;
    this.passcode = snapshot.passcode === undefined ? undefined : Buffer.from(snapshot.passcode);
    this.hostKeys.clear();
    for (const [hash, peerId] of snapshot.hostKeys) {
      const holders = this.hostKeys.get(hash) ?? new Set<string>();
      holders.add(peerId);
      this.hostKeys.set(hash, holders);
    }
    this.removed.clear();
    for (const entry of snapshot.removed) this.removed.add(entry);
    for (const knocker of snapshot.lobby ?? []) {
      if (!this.lobby.has(knocker.peerId)) this.lobby.set(knocker.peerId, { ...knocker, connectionId: movedKnocker });
    }
  }

  /** One-way, keyed: keys, passcodes and device ids are never kept as given. */
  hash(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}

/** What another node needs to go on with a room's control (hashes only: keys and passcodes are never kept). */
export interface ControlSnapshot {
  mode: RoomMode;
  passcode?: string;
  /** One pair per holder: a key held under several peer ids comes several times. */
  hostKeys: [hash: string, peerId: string][];
  removed: string[];
  /** Who waits in the lobby (older snapshots have none). */
  lobby?: Omit<Knocker, 'connectionId'>[];
}

/** The connection of a knocker whose room moved here: none yet (never a socket's id). */
export const movedKnocker = 'moved';

/** Why someone may not simply take a seat in a room, or undefined when they may. */
export type EntryVerdict =
  | { kind: 'enter' }
  | { kind: 'knock'; reason: 'knock-required' }
  | { kind: 'refuse'; code: 'room-locked' | 'passcode-required' | 'wrong-passcode' };

/**
 * The door: hosts come in (a valid host key); everyone else needs the passcode when there is one, and then
 * comes in to an open room unless they were removed from it, knocks at a knock-to-join room (or one they
 * were removed from) unless a host admitted them, and stays out of a locked one.
 */
export function entryVerdict(
  control: RoomControl,
  entrant: {
    isHost: boolean;
    passcode: string | undefined;
    device: string | undefined;
    address: string;
    admitted: boolean;
  },
): EntryVerdict {
  if (entrant.isHost) return { kind: 'enter' };
  if (entrant.admitted) return { kind: 'enter' };
  if (control.mode === 'locked') return { kind: 'refuse', code: 'room-locked' };
  if (!control.passcodeMatches(entrant.passcode)) {
    return { kind: 'refuse', code: entrant.passcode === undefined ? 'passcode-required' : 'wrong-passcode' };
  }
  if (control.mode === 'knock' || control.wasRemoved(entrant)) return { kind: 'knock', reason: 'knock-required' };
  return { kind: 'enter' };
}
