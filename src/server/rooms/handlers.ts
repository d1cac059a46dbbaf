import { fail, ok } from '../../shared/errors.js';
import {
  callReportSchema,
  handSchema,
  mediaReportSchema,
  mediaStateSchema,
  roomIdSchema,
} from '../../shared/schemas.js';
import { handle } from '../socket/contract.js';
import type { ParleySocket, Reply } from '../socket/reply.js';
import { controlView } from './controls.js';
import { hostAction } from './hostActions.js';
import { joinRoom } from './join.js';
import { knock } from './lobby.js';
import { unseat, type RoomDeps } from './rooms.js';
import { toParticipantInfo, type Presence } from './roster.js';
import { registerViewSizeHandler } from './viewSizes.js';

const notJoined = () => fail('not-joined', 'join a room first');

/**
 * Thin handlers: each parses its payload, asks the roster, and tells the room. Every request answers
 * through its acknowledgement when it has one, and with a `parley-error` event when it does not.
 */
export function registerRoomHandlers(socket: ParleySocket, deps: RoomDeps, reply: Reply): void {
  const { roster } = deps;

  handle(socket, reply, 'join-room', (args) => {
    // In a cluster a room lives on one node: a join for a room that is not here waits for it to be claimed,
    // or is refused when another node holds it (only a connection that named its room moves a room).
    const roomId = roomIdSchema.safeParse(args[0]);
    if (!roomId.success || deps.home.isHere(roomId.data)) return joinRoom(deps, socket, args);
    const asked = socket.data.roomId === roomId.data ? 'routed' : 'join';
    return deps.home.admit(roomId.data, asked).then((admission) => {
      if (admission.ok) return joinRoom(deps, socket, args);
      return admission.reason === 'room-elsewhere'
        ? fail('room-elsewhere', admission.message)
        : fail('shutting-down', admission.message);
    });
  });
  handle(socket, reply, 'knock', (args) => knock(deps, socket, args));
  handle(socket, reply, 'host-action', (args) => hostAction(deps, socket, args[0]));
  registerViewSizeHandler(socket, deps, reply);

  handle(socket, reply, 'peek-room', async (args) => {
    const roomId = roomIdSchema.safeParse(args[0]);
    if (!roomId.success) return fail('invalid-room', 'a room name is 3 to 64 letters, digits, "-" or "_"');
    // Who is in a room is for someone about to join it, not for a crawler: a few looks a second per network.
    if (!(await deps.allowances.allowAddress(socket.data.address, 'addressPeek', deps.now()))) {
      return fail('rate-limited', 'too many looks at rooms from your network; try again in a moment');
    }
    const members = roster.members(roomId.data);
    const control = controlView(deps.controls.get(roomId.data), roster, roomId.data);
    // A room that does not let everyone in shows only that: who is inside is for those let in.
    const open = control.mode === 'open' && !control.passcode;
    return ok({
      roomId: roomId.data,
      mode: control.mode,
      passcode: control.passcode,
      names: open ? members.map((member) => member.name) : [],
      count: open ? members.length : 0,
      capacity: roster.capacity,
    });
  });

  /** Applies a presence change and tells the room. */
  const present = (change: Partial<Presence>) => {
    const member = roster.updatePresence(socket.id, change);
    if (!member) return notJoined();
    const info = toParticipantInfo(member);
    socket.to(member.roomId).emit('participant-updated', info);
    return ok(info);
  };

  handle(socket, reply, 'media-state', (args) => {
    const state = mediaStateSchema.safeParse(args[0]);
    return state.success
      ? present(state.data)
      : fail('invalid-payload', 'media state must be { audio: boolean, video: boolean, screen?: boolean }');
  });

  handle(socket, reply, 'raise-hand', (args) => {
    const raised = handSchema.safeParse(args[0]);
    return raised.success ? present({ hand: raised.data }) : fail('invalid-payload', 'raise-hand takes true or false');
  });

  handle(socket, reply, 'call-report', (args) => {
    const report = callReportSchema.safeParse(args[0]);
    if (!report.success) return fail('invalid-payload', "a call report is { outcome: 'connected' | 'failed' }");
    if (!roster.memberOf(socket.id)) return notJoined();
    deps.metrics.call(report.data.outcome);
    return ok(null);
  });

  handle(socket, reply, 'media-report', (args) => {
    const report = mediaReportSchema.safeParse(args[0]);
    if (!report.success) return fail('invalid-payload', 'a media report is { receiving: peerId[] }');
    const member = roster.memberOf(socket.id);
    if (!member) return notJoined();
    // Only about people in the reporter's own room: nobody can vouch for strangers.
    for (const peerId of report.data.receiving) {
      if (peerId !== member.peerId && roster.memberByPeerId(peerId)?.roomId === member.roomId) {
        deps.presence.mediaSeen(peerId, deps.now());
      }
    }
    return ok(null);
  });

  handle(socket, reply, 'ice-servers', () => {
    const member = roster.memberOf(socket.id);
    return member ? ok(deps.iceServersFor(member.peerId)) : notJoined();
  });

  handle(socket, reply, 'leave-room', () => {
    const member = roster.memberOf(socket.id);
    return member && unseat(deps, member.peerId, 'left') ? ok(null) : fail('not-joined', 'not in a room');
  });

  socket.on('disconnect', (reason) => {
    const member = roster.memberOf(socket.id);
    if (!member) return;
    // The page closed its connection on purpose (or the server did: too many refused requests): gone now.
    if (reason === 'client namespace disconnect' || reason === 'server namespace disconnect') {
      unseat(deps, member.peerId, 'disconnected');
      return;
    }
    // Dropped: presence decides, from both channels and the others' media, whether they come back.
    deps.log.info({ roomId: member.roomId, peerId: member.peerId, reason }, 'participant away');
  });
}
