import { timingSafeEqual } from 'node:crypto';
import type { ParticipantInfo } from '../../shared/events.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import { nameKeys, uniqueDisplayNameAmong, type NameKeys } from '../../shared/nameSkeleton.js';

/** What a participant shows the others besides their name. */
export type Presence = Pick<ParticipantInfo, 'audio' | 'video' | 'screen' | 'hand'>;

/** One participant as the server knows it: bound to the connection that joined. */
export interface Member extends ParticipantInfo {
  roomId: string;
  connectionId: string;
  /** The client address it joined from: seats per address are capped. */
  address: string;
  joinedAt: number;
  /** A secret handed to the participant only: presenting it lets their next connection take their place. */
  resumeToken: string;
  /** Hash of the browser's device key, if it sent one (a host's removal holds for that device). */
  device?: string;
}

export interface JoinRequest {
  connectionId: string;
  address: string;
  roomId: string;
  peerId: string;
  /** The name asked for; the member gets it with a suffix when someone in the room already looks like it. */
  name: string;
  media: { audio: boolean; video: boolean };
  /** The resume token from an earlier join, when reconnecting. */
  resume?: string;
  /** The resume token a new member gets. */
  newToken: string;
  /** Takes the seat as one of the room's hosts. */
  host?: boolean;
  device?: string;
}

/** What leaving changed: who left, and whether their room is now empty (and so forgotten). */
export interface Departure {
  member: Member;
  roomEmptied: boolean;
}

export interface JoinOutcome {
  member: Member;
  /** The others already in the room, in joining order. */
  others: Member[];
  /** False when the same connection repeated a join it had already made, or a participant resumed. */
  isNew: boolean;
  /** When a participant came back on a new connection: the connection they left behind. */
  resumedFrom?: string;
}

/**
 * Who is in which room. Pure state: no sockets, no timers, so it can be tested on its own. Membership is
 * keyed by the connection, never by what a payload claims, and a peer id belongs to one connection.
 */
export class Roster {
  private readonly rooms = new Map<string, Map<string, Member>>();
  private readonly byConnection = new Map<string, Member>();
  private readonly byPeerId = new Map<string, Member>();
  private readonly seatsByAddress = new Map<string, number>();
  /** Hands raised so far, in every room: the next raised hand takes the next number (its place in the queue). */
  private handsRaised = 0;
  /** Each member's name skeletons, computed once at their join: a newcomer is compared against them all. */
  private readonly nameKeys = new WeakMap<Member, NameKeys>();

  /** `seatsPerAddress`: how many seats one client address may hold at once, over all rooms (0: no cap). */
  constructor(
    readonly capacity: number,
    readonly seatsPerAddress = 0,
  ) {}

  join(request: JoinRequest, now = Date.now()): Result<JoinOutcome> {
    const current = this.byConnection.get(request.connectionId);
    if (current) {
      if (current.roomId === request.roomId && current.peerId === request.peerId) {
        return ok({ member: current, others: this.othersThan(current), isNew: false });
      }
      return fail('already-joined', `this connection is already in a room as ${current.peerId}`);
    }
    const holder = this.byPeerId.get(request.peerId);
    if (holder) {
      if (!request.resume || !this.resumable(request.peerId, request.roomId, request.resume)) {
        return fail('peer-id-taken', 'this peer id belongs to another participant');
      }
      // The participant is back on a new connection (their old one has not closed yet, or is held).
      const resumedFrom = holder.connectionId;
      this.byConnection.delete(resumedFrom);
      holder.connectionId = request.connectionId;
      this.byConnection.set(holder.connectionId, holder);
      return ok({ member: holder, others: this.othersThan(holder), isNew: false, resumedFrom });
    }
    const room = this.rooms.get(request.roomId) ?? new Map<string, Member>();
    if (room.size >= this.capacity) {
      return fail('room-full', `this room is full (${this.capacity} participants)`);
    }
    if (this.seatsPerAddress > 0 && this.seatsFrom(request.address) >= this.seatsPerAddress) {
      return fail('too-many-seats', `your network already holds ${this.seatsPerAddress} seats; leave one first`);
    }
    // Two people in one room never look the same: the newcomer's name gets a visible suffix if need be.
    const name = uniqueDisplayNameAmong(
      request.name,
      Array.from(room.values(), (other) => this.nameKeys.get(other) ?? nameKeys(other.name)),
    );
    const member: Member = {
      roomId: request.roomId,
      connectionId: request.connectionId,
      address: request.address,
      peerId: request.peerId,
      name,
      audio: request.media.audio,
      video: request.media.video,
      screen: false,
      hand: false,
      host: request.host ?? false,
      joinedAt: now,
      resumeToken: request.newToken,
      ...(request.device === undefined ? {} : { device: request.device }),
    };
    const others = [...room.values()];
    this.nameKeys.set(member, nameKeys(name));
    room.set(member.peerId, member);
    this.rooms.set(request.roomId, room);
    this.byConnection.set(member.connectionId, member);
    this.byPeerId.set(member.peerId, member);
    this.seatsByAddress.set(member.address, this.seatsFrom(member.address) + 1);
    return ok({ member, others, isNew: true });
  }

  /**
   * Seats a member as another node had them (a cluster's room moved here): no connection yet, their own
   * `connectionId` placeholder, until they resume with their token. Refused when the id is seated already.
   */
  restore(member: Member): boolean {
    if (this.byPeerId.has(member.peerId)) return false;
    const room = this.rooms.get(member.roomId) ?? new Map<string, Member>();
    this.nameKeys.set(member, nameKeys(member.name));
    room.set(member.peerId, member);
    this.rooms.set(member.roomId, room);
    this.byConnection.set(member.connectionId, member);
    this.byPeerId.set(member.peerId, member);
    this.seatsByAddress.set(member.address, this.seatsFrom(member.address) + 1);
    // Hands raised here later queue behind the ones that moved with the room.
    if (member.handOrder !== undefined) this.handsRaised = Math.max(this.handsRaised, member.handOrder);
    return true;
  }

  /** The seat this resume token takes back in this room, if it does (what `join` with `resume` would take). */
  resumable(peerId: string, roomId: string, token: string): Member | undefined {
    const holder = this.byPeerId.get(peerId);
    return holder && holder.roomId === roomId && sameToken(holder.resumeToken, token) ? holder : undefined;
  }

  /** Removes the connection's membership, if any. */
  leave(connectionId: string): Departure | undefined {
    const member = this.byConnection.get(connectionId);
    return member ? this.remove(member.peerId) : undefined;
  }

  /** Removes a participant by peer id, if seated. */
  remove(peerId: string): Departure | undefined {
    const member = this.byPeerId.get(peerId);
    if (!member) return undefined;
    this.byConnection.delete(member.connectionId);
    this.byPeerId.delete(member.peerId);
    const seats = this.seatsFrom(member.address) - 1;
    if (seats > 0) this.seatsByAddress.set(member.address, seats);
    else this.seatsByAddress.delete(member.address);
    const room = this.rooms.get(member.roomId);
    room?.delete(member.peerId);
    const roomEmptied = room?.size === 0;
    if (roomEmptied) this.rooms.delete(member.roomId);
    return { member, roomEmptied };
  }

  /** Makes someone a host, or not. */
  setHost(peerId: string, host: boolean): Member | undefined {
    const member = this.byPeerId.get(peerId);
    if (member) member.host = host;
    return member;
  }

  hosts(roomId: string): Member[] {
    return this.members(roomId).filter((member) => member.host);
  }

  seatsFrom(address: string): number {
    return this.seatsByAddress.get(address) ?? 0;
  }

  /** Every seated participant. */
  everyone(): IterableIterator<Member> {
    return this.byPeerId.values();
  }

  /** Every seated participant's peer id. */
  seated(): IterableIterator<string> {
    return this.byPeerId.keys();
  }

  /** Changes what the connection's participant shows; fields left out stay as they are. */
  updatePresence(connectionId: string, change: Partial<Presence>): Member | undefined {
    const member = this.byConnection.get(connectionId);
    if (!member) return undefined;
    // A hand that goes up takes the next place in the queue; lowered, it leaves it.
    if (change.hand === true && !member.hand) member.handOrder = ++this.handsRaised;
    if (change.hand === false) delete member.handOrder;
    for (const key of ['audio', 'video', 'screen', 'hand'] as const) {
      const value = change[key];
      if (value !== undefined) member[key] = value;
    }
    return member;
  }

  memberOf(connectionId: string): Member | undefined {
    return this.byConnection.get(connectionId);
  }

  memberByPeerId(peerId: string): Member | undefined {
    return this.byPeerId.get(peerId);
  }

  members(roomId: string): Member[] {
    return [...(this.rooms.get(roomId)?.values() ?? [])];
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  get participantCount(): number {
    return this.byConnection.size;
  }

  private othersThan(member: Member): Member[] {
    return this.members(member.roomId).filter((other) => other.peerId !== member.peerId);
  }
}

export function toParticipantInfo(member: Member): ParticipantInfo {
  const { peerId, name, audio, video, screen, hand, host, handOrder } = member;
  return { peerId, name, audio, video, screen, hand, host, ...(handOrder === undefined ? {} : { handOrder }) };
}

function sameToken(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
