import type { Knocking } from '../../shared/events.js';
import { controlView } from './controls.js';
import type { RoomDeps } from './rooms.js';
import { toParticipantInfo } from './roster.js';

/** Who waits in a room's lobby (not yet let in), in the order they knocked. */
export function waiting(deps: RoomDeps, roomId: string, now: number): Knocking[] {
  const control = deps.controls.get(roomId);
  if (!control) return [];
  return [...control.lobby.values()]
    .filter((knocker) => knocker.admittedUntil === undefined || knocker.admittedUntil < now)
    .map(({ peerId, name, since }) => ({ peerId, name, since }));
}

/** Tells the room's hosts who waits now. */
export function tellHostsAboutLobby(deps: RoomDeps, roomId: string): void {
  const list = waiting(deps, roomId, deps.now());
  for (const host of deps.roster.hosts(roomId))
    deps.io.sockets.sockets.get(host.connectionId)?.emit('lobby-updated', list);
}

/** Tells everyone in the room its mode, passcode and hosts. */
export function tellRoomAboutControl(deps: RoomDeps, roomId: string): void {
  deps.io.to(roomId).emit('room-updated', controlView(deps.controls.get(roomId), deps.roster, roomId));
}

/**
 * Makes `peerId` a host: a key of their own (kept in their browser; it makes them host again when they
 * rejoin), the lobby list, and everyone is told.
 */
export function makeHost(deps: RoomDeps, roomId: string, peerId: string): string | undefined {
  const member = deps.roster.setHost(peerId, true);
  if (!member) return undefined;
  const { control } = deps.controls.ensure(roomId, deps.now());
  const hostKey = control.issueHostKey(peerId);
  const socket = deps.io.sockets.sockets.get(member.connectionId);
  socket?.emit('host-key', { roomId, hostKey });
  socket?.emit('lobby-updated', waiting(deps, roomId, deps.now()));
  deps.io.to(roomId).emit('participant-updated', toParticipantInfo(member));
  tellRoomAboutControl(deps, roomId);
  deps.log.info({ roomId, peerId }, 'host appointed');
  return hostKey;
}

/** A room is never without a host while anyone is in it: the earliest remaining participant becomes one. */
export function ensureHost(deps: RoomDeps, roomId: string): { peerId: string; hostKey: string } | undefined {
  const members = deps.roster.members(roomId);
  if (members.length === 0 || members.some((member) => member.host)) return undefined;
  const earliest = members[0];
  if (!earliest) return undefined;
  const hostKey = makeHost(deps, roomId, earliest.peerId);
  return hostKey === undefined ? undefined : { peerId: earliest.peerId, hostKey };
}

/** Notes whether the room has anyone in it or its lobby (a room nobody is in is forgotten after a while). */
export function noteOccupancy(deps: RoomDeps, roomId: string): void {
  const control = deps.controls.get(roomId);
  const occupied = deps.roster.members(roomId).length > 0 || (control?.lobby.size ?? 0) > 0;
  deps.controls.touch(roomId, occupied, deps.now());
}
