import type { LobbyTicket } from '../../shared/events.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import { limits } from '../../shared/limits.js';
import { displayNameSchema, knockOptionsSchema, peerIdSchema, roomIdSchema } from '../../shared/schemas.js';
import type { ParleySocket } from '../socket/reply.js';
import { entryVerdict, movedKnocker } from './control.js';
import { noteOccupancy, tellHostsAboutLobby } from './hosting.js';
import { claimProblem, defaultName } from './join.js';
import type { RoomDeps } from './rooms.js';

/** How long an admission holds: the page joins at once, but a slow network gets its time. */
export const admissionMs = 60_000;

/**
 * `knock(roomId, peerId, options)`: asks the room's hosts to be let in. The knocker proves their PeerJS id
 * as a joiner does, and needs the passcode if there is one; a locked room turns them away. Until a host
 * decides, they see nobody, receive no chat and no TURN credentials, and cannot signal anyone (they are in
 * no roster). A room that does not need knocking lets them in at once.
 */
export async function knock(deps: RoomDeps, socket: ParleySocket, args: unknown[]): Promise<Result<LobbyTicket>> {
  if (!deps.isAcceptingJoins()) return fail('shutting-down', 'the server is restarting; try again in a moment');
  const [rawRoomId, rawPeerId, rawOptions] = args;
  const roomId = roomIdSchema.safeParse(rawRoomId);
  if (!roomId.success) return fail('invalid-room', 'a room name is 3 to 64 letters, digits, "-" or "_"');
  const peerId = peerIdSchema.safeParse(rawPeerId);
  if (!peerId.success) return fail('invalid-peer-id', 'the peer id is not a valid PeerJS id');
  const options = knockOptionsSchema.safeParse(rawOptions ?? {});
  if (!options.success)
    return fail('invalid-payload', 'knock options must be an object { name?, peerToken?, passcode? }');
  let name = defaultName(peerId.data);
  if (options.data.name !== undefined) {
    const parsedName = displayNameSchema.safeParse(options.data.name);
    if (!parsedName.success) return fail('invalid-name', parsedName.error.issues[0]?.message ?? 'invalid name');
    name = parsedName.data;
  }
  if (socket.data.roomId !== undefined && socket.data.roomId !== roomId.data) {
    return fail('invalid-room', 'this connection was opened for another room');
  }
  if (deps.roster.memberOf(socket.id)) return fail('already-joined', 'this connection is already in a room');
  const problem = claimProblem(deps, peerId.data, roomId.data, options.data.peerToken, socket.data.address);
  if (problem) return problem;
  const now = deps.now();
  if (!(await deps.allowances.allowAddress(socket.data.address, 'addressJoin', now))) {
    return fail('rate-limited', 'too many requests from your network; try again in a moment');
  }
  const { control } = deps.controls.ensure(roomId.data, now);
  const device = options.data.device === undefined ? undefined : deps.controls.hashDevice(options.data.device);
  if (control.hasPasscode && !(await deps.allowances.allowAddress(socket.data.address, 'addressPasscode', now))) {
    return fail('rate-limited', 'too many passcode attempts from your network; try again in a moment');
  }
  const verdict = entryVerdict(control, {
    isHost: false,
    passcode: options.data.passcode,
    device,
    address: socket.data.address,
    admitted: false,
  });
  if (verdict.kind === 'refuse') {
    return fail(verdict.code, verdict.code === 'room-locked' ? 'this meeting is locked' : 'the passcode is needed');
  }
  const existing = control.lobby.get(peerId.data);
  // A knocker whose room moved here takes their place back (their PeerJS id was proven just above).
  const moved = existing?.connectionId === movedKnocker;
  if (existing && !moved && existing.connectionId !== socket.id) {
    return fail('peer-id-taken', 'this peer id is already waiting');
  }
  // A host's yes given before the move still holds.
  const admittedUntil = moved && (existing.admittedUntil ?? 0) >= now ? existing.admittedUntil : undefined;
  if (verdict.kind === 'enter' && admittedUntil === undefined) {
    // An open room (for someone not removed from it) needs no host's word, and none is kept: a pass kept
    // here would let its holder in after a host removed them, asked for knocking, or set a passcode. The
    // join that follows passes the door as anyone's does.
    if (existing) leaveLobby(deps, roomId.data, peerId.data, existing.connectionId);
    socket.emit('lobby-decision', { admitted: true });
    return ok({ roomId: roomId.data, name, hostPresent: deps.roster.hosts(roomId.data).length > 0 });
  }
  // One connection waits as one person: knocking under another peer id takes the place of its earlier knock
  // (else a few connections could fill a lobby with ids whose PeerJS sockets they closed at once).
  for (const other of control.lobby.values()) {
    if (other.connectionId === socket.id && other.peerId !== peerId.data) control.lobby.delete(other.peerId);
  }
  if (!existing && control.lobby.size >= limits.lobbyMax) return fail('room-full', 'too many people are waiting');
  control.lobby.set(peerId.data, {
    peerId: peerId.data,
    name,
    connectionId: socket.id,
    since: existing?.since ?? now,
    ...(device === undefined ? {} : { device }),
    ...(admittedUntil === undefined ? {} : { admittedUntil }),
  });
  noteOccupancy(deps, roomId.data);
  const hostPresent = deps.roster.hosts(roomId.data).length > 0;
  if (admittedUntil !== undefined) {
    socket.emit('lobby-decision', { admitted: true });
  } else {
    tellHostsAboutLobby(deps, roomId.data);
    deps.log.info({ roomId: roomId.data, peerId: peerId.data, hostPresent }, 'knocking');
  }
  if (!existing || moved) socket.once('disconnect', () => leaveLobby(deps, roomId.data, peerId.data, socket.id));
  return ok({ roomId: roomId.data, name, hostPresent });
}

/** A knocker's connection went: they are no longer waiting. */
export function leaveLobby(deps: RoomDeps, roomId: string, peerId: string, connectionId: string): void {
  const control = deps.controls.get(roomId);
  const entry = control?.lobby.get(peerId);
  if (!control || entry?.connectionId !== connectionId) return;
  control.lobby.delete(peerId);
  tellHostsAboutLobby(deps, roomId);
  noteOccupancy(deps, roomId);
}
