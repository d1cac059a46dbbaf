import { fail, ok, type Result } from '../../shared/errors.js';
import type { HostAction } from '../../shared/schemas.js';
import { hostActionSchema } from '../../shared/schemas.js';
import type { ParleySocket } from '../socket/reply.js';
import { ensureHost, makeHost, noteOccupancy, tellHostsAboutLobby, tellRoomAboutControl } from './hosting.js';
import { admissionMs } from './lobby.js';
import { unseat, type RoomDeps } from './rooms.js';
import { toParticipantInfo, type Member } from './roster.js';

/**
 * `host-action`: what only a host may do. Every rule is the server's: a non-host is refused (`not-host`),
 * a target outside the host's room does not exist for them (`not-in-room`). A host never turns anyone's
 * microphone or camera on: they mute, or ask.
 */
export function hostAction(deps: RoomDeps, socket: ParleySocket, raw: unknown): Result<null> {
  const parsed = hostActionSchema.safeParse(raw);
  if (!parsed.success) return fail('invalid-payload', 'not a host action');
  const host = deps.roster.memberOf(socket.id);
  if (!host) return fail('not-joined', 'join a room first');
  if (!host.host) return fail('not-host', 'only a host can do that');
  const action = parsed.data;
  const target = 'peerId' in action ? deps.roster.memberByPeerId(action.peerId) : undefined;
  const inRoom = (member: Member | undefined): member is Member => member?.roomId === host.roomId;
  const roomId = host.roomId;
  const { control } = deps.controls.ensure(roomId, deps.now());
  const log = (extra: object = {}) =>
    deps.log.info({ roomId, host: host.peerId, action: action.type, ...extra }, 'host action');

  switch (action.type) {
    case 'admit':
    case 'deny': {
      const knocker = control.lobby.get(action.peerId);
      if (!knocker) return fail('not-in-room', 'nobody with that id is waiting');
      decide(deps, roomId, action.peerId, action.type === 'admit');
      log({ peerId: action.peerId });
      return ok(null);
    }
    case 'admit-all':
      for (const peerId of [...control.lobby.keys()]) decide(deps, roomId, peerId, true);
      log();
      return ok(null);
    case 'set-mode':
      control.mode = action.mode;
      // Opening the room lets in whoever waits; locking it turns them away (nobody new, not even by knocking).
      if (action.mode === 'open') for (const peerId of [...control.lobby.keys()]) decide(deps, roomId, peerId, true);
      if (action.mode === 'locked') for (const peerId of [...control.lobby.keys()]) decide(deps, roomId, peerId, false);
      tellRoomAboutControl(deps, roomId);
      log({ mode: action.mode });
      return ok(null);
    case 'set-passcode':
      control.setPasscode(action.passcode ?? undefined);
      tellRoomAboutControl(deps, roomId);
      log({ passcode: action.passcode !== null });
      return ok(null);
    case 'mute':
    case 'ask-unmute':
    case 'stop-share':
      if (!inRoom(target)) return fail('not-in-room', 'nobody with that id is in this meeting');
      ask(deps, target, action.type, host.name);
      log({ peerId: target.peerId });
      return ok(null);
    case 'mute-all':
      for (const member of deps.roster.members(roomId)) if (!member.host) ask(deps, member, 'mute', host.name);
      log();
      return ok(null);
    case 'remove':
      if (!inRoom(target)) return fail('not-in-room', 'nobody with that id is in this meeting');
      if (target === host) return fail('invalid-payload', 'to leave, leave; to stop hosting, step down');
      // Gone for as long as the room lives, unless a host lets them in again: their device and network knock.
      control.removeEntrant({ device: target.device, address: target.address });
      control.revokeHostKeys(target.peerId);
      unseat(deps, target.peerId, 'removed');
      log({ peerId: target.peerId });
      return ok(null);
    case 'make-host':
      if (!inRoom(target)) return fail('not-in-room', 'nobody with that id is in this meeting');
      if (!target.host) makeHost(deps, roomId, target.peerId);
      log({ peerId: target.peerId });
      return ok(null);
    case 'step-down':
      return stepDown(deps, socket, host, log);
    case 'end-meeting':
      for (const peerId of [...control.lobby.keys()]) decide(deps, roomId, peerId, false);
      // Everyone else first, hosts last: nobody is made host on the way out.
      for (const member of deps.roster.members(roomId).sort((a, b) => Number(a.host) - Number(b.host))) {
        unseat(deps, member.peerId, 'meeting-ended');
      }
      deps.controls.forget(roomId);
      log();
      return ok(null);
  }
}

function stepDown(deps: RoomDeps, socket: ParleySocket, host: Member, log: () => void): Result<null> {
  const others = deps.roster.members(host.roomId).filter((member) => member !== host);
  if (others.length === 0) return fail('invalid-payload', 'someone has to host: you are the only one here');
  deps.roster.setHost(host.peerId, false);
  deps.controls.get(host.roomId)?.revokeHostKeys(host.peerId);
  // Someone else becomes host if nobody is (the earliest other participant, not the one stepping down).
  if (!others.some((member) => member.host)) {
    const earliest = others[0];
    if (earliest) makeHost(deps, host.roomId, earliest.peerId);
  }
  deps.io.to(host.roomId).emit('participant-updated', toParticipantInfo(host));
  socket.emit('lobby-updated', []);
  tellRoomAboutControl(deps, host.roomId);
  ensureHost(deps, host.roomId);
  log();
  return ok(null);
}

/** Admits (for a minute: the page joins at once) or turns away someone in the lobby. */
function decide(deps: RoomDeps, roomId: string, peerId: string, admitted: boolean): void {
  const control = deps.controls.get(roomId);
  const knocker = control?.lobby.get(peerId);
  if (!control || !knocker) return;
  if (admitted) knocker.admittedUntil = deps.now() + admissionMs;
  else control.lobby.delete(peerId);
  deps.io.sockets.sockets.get(knocker.connectionId)?.emit('lobby-decision', { admitted });
  tellHostsAboutLobby(deps, roomId);
  noteOccupancy(deps, roomId);
}

/** A host's request to one participant: what the server can do itself (shown as muted, not presenting) it does. */
function ask(deps: RoomDeps, target: Member, type: 'mute' | 'ask-unmute' | 'stop-share', by: string): void {
  const change = type === 'mute' ? { audio: false } : type === 'stop-share' ? { screen: false } : undefined;
  if (change) {
    const updated = deps.roster.updatePresence(target.connectionId, change);
    if (updated) deps.io.to(target.roomId).emit('participant-updated', toParticipantInfo(updated));
  }
  deps.io.sockets.sockets.get(target.connectionId)?.emit('host-request', { type, by });
}

export type { HostAction };
