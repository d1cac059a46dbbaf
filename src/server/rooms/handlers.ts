import type { IceServers, JoinedRoom, ParticipantInfo, RoomPreview } from '../../shared/events.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import {
  callReportSchema,
  displayNameSchema,
  handSchema,
  joinOptionsSchema,
  mediaStateSchema,
  peerIdSchema,
  roomIdSchema,
} from '../../shared/schemas.js';
import { randomBytes } from 'node:crypto';
import type { ChatLog } from '../chat/chatLog.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../observability/metrics.js';
import { takeAck, type ParleyServer, type ParleySocket, type Reply } from '../socket/reply.js';
import type { Departures } from './departures.js';
import { toParticipantInfo, type Presence, type Roster } from './roster.js';

export interface RoomDeps {
  roster: Roster;
  chat: ChatLog;
  departures: Departures;
  /** Whether a peer id is connected to this server's PeerServer right now. */
  isPeerLive: (peerId: string) => boolean;
  isAcceptingJoins: () => boolean;
  /** While the server shuts down, leaves are not announced: everyone is about to reconnect and rejoin. */
  isShuttingDown: () => boolean;
  /** STUN/TURN servers (with fresh TURN credentials) for a participant. */
  iceServersFor: (peerId: string) => IceServers;
  metrics: Metrics;
  log: Logger;
}

/**
 * Thin handlers: each parses its payload, asks the roster, and tells the room. Every request answers
 * through its acknowledgement when it has one, and with a `parley-error` event when it does not.
 */
export function registerRoomHandlers(io: ParleyServer, socket: ParleySocket, deps: RoomDeps, reply: Reply): void {
  const { roster, log } = deps;

  socket.on('join-room', (...args: unknown[]) => {
    const ack = takeAck<JoinedRoom>(args);
    reply(ack, join(args), 'join-room');
  });

  const join = (args: unknown[]): Result<JoinedRoom> => {
    if (!deps.isAcceptingJoins()) return fail('shutting-down', 'the server is restarting; try again in a moment');
    const [rawRoomId, rawPeerId, rawOptions] = args;
    const roomId = roomIdSchema.safeParse(rawRoomId);
    if (!roomId.success) return fail('invalid-room', 'a room name is 3 to 64 letters, digits, "-" or "_"');
    const peerId = peerIdSchema.safeParse(rawPeerId);
    if (!peerId.success) return fail('invalid-peer-id', 'the peer id is not a valid PeerJS id');
    const options = joinOptionsSchema.safeParse(rawOptions ?? {});
    if (!options.success) return fail('invalid-payload', 'join options must be an object { name?, audio?, video? }');
    let name = defaultName(peerId.data);
    if (options.data.name !== undefined) {
      const parsedName = displayNameSchema.safeParse(options.data.name);
      if (!parsedName.success) return fail('invalid-name', parsedName.error.issues[0]?.message ?? 'invalid name');
      name = parsedName.data;
    }
    const alreadyHere = roster.memberOf(socket.id);
    if (!alreadyHere && !deps.isPeerLive(peerId.data)) {
      return fail('peer-not-connected', 'connect to the PeerServer with this id before joining');
    }

    const media = { audio: options.data.audio ?? true, video: options.data.video ?? true };
    const joined = roster.join({
      connectionId: socket.id,
      roomId: roomId.data,
      peerId: peerId.data,
      name,
      media,
      ...(options.data.resume ? { resume: options.data.resume } : {}),
      newToken: randomBytes(24).toString('base64url'),
    });
    if (!joined.ok) return joined;
    const { member, others, isNew, resumedFrom } = joined.data;
    if (isNew) {
      void socket.join(member.roomId);
      socket.to(member.roomId).emit('user-connected', member.peerId, toParticipantInfo(member));
      deps.metrics.joined();
      log.info({ roomId: member.roomId, peerId: member.peerId, size: others.length + 1 }, 'participant joined');
    } else if (resumedFrom) {
      // Back after a blip: the others never saw them leave, so they see no arrival either.
      deps.departures.cancel(member.peerId);
      void socket.join(member.roomId);
      io.sockets.sockets.get(resumedFrom)?.disconnect(true);
      roster.updatePresence(socket.id, media);
      socket.to(member.roomId).emit('participant-updated', toParticipantInfo(member));
      log.info({ roomId: member.roomId, peerId: member.peerId }, 'participant resumed');
    }
    return ok({
      roomId: member.roomId,
      self: toParticipantInfo(member),
      members: others.map(toParticipantInfo),
      capacity: deps.roster.capacity,
      ice: deps.iceServersFor(member.peerId),
      chat: deps.chat.history(member.roomId),
      resumeToken: member.resumeToken,
    });
  };

  socket.on('peek-room', (...args: unknown[]) => {
    const ack = takeAck<RoomPreview>(args);
    const roomId = roomIdSchema.safeParse(args[0]);
    reply(
      ack,
      roomId.success
        ? ok({
            roomId: roomId.data,
            names: roster.members(roomId.data).map((member) => member.name),
            capacity: roster.capacity,
          })
        : fail('invalid-room', 'a room name is 3 to 64 letters, digits, "-" or "_"'),
      'peek-room',
    );
  });

  /** Applies a presence change and tells the room. */
  const present = (change: Partial<Presence>): Result<ParticipantInfo> => {
    const member = roster.updatePresence(socket.id, change);
    if (!member) return fail('not-joined', 'join a room first');
    const info = toParticipantInfo(member);
    socket.to(member.roomId).emit('participant-updated', info);
    return ok(info);
  };

  socket.on('media-state', (...args: unknown[]) => {
    const ack = takeAck<ParticipantInfo>(args);
    const state = mediaStateSchema.safeParse(args[0]);
    reply(
      ack,
      state.success
        ? present(state.data)
        : fail('invalid-payload', 'media state must be { audio: boolean, video: boolean, screen?: boolean }'),
      'media-state',
    );
  });

  socket.on('raise-hand', (...args: unknown[]) => {
    const ack = takeAck<ParticipantInfo>(args);
    const raised = handSchema.safeParse(args[0]);
    reply(
      ack,
      raised.success ? present({ hand: raised.data }) : fail('invalid-payload', 'raise-hand takes true or false'),
      'raise-hand',
    );
  });

  socket.on('call-report', (...args: unknown[]) => {
    const ack = takeAck<null>(args);
    const report = callReportSchema.safeParse(args[0]);
    if (!report.success) {
      reply(ack, fail('invalid-payload', "a call report is { outcome: 'connected' | 'failed' }"), 'call-report');
    } else if (!roster.memberOf(socket.id)) {
      reply(ack, fail('not-joined', 'join a room first'), 'call-report');
    } else {
      deps.metrics.call(report.data.outcome);
      reply(ack, ok(null), 'call-report');
    }
  });

  socket.on('ice-servers', (...args: unknown[]) => {
    const ack = takeAck<IceServers>(args);
    const member = roster.memberOf(socket.id);
    reply(ack, member ? ok(deps.iceServersFor(member.peerId)) : fail('not-joined', 'join a room first'), 'ice-servers');
  });

  socket.on('leave-room', (...args: unknown[]) => {
    const ack = takeAck<null>(args);
    reply(ack, leave() ? ok(null) : fail('not-joined', 'not in a room'), 'leave-room');
  });

  const leave = (): boolean => {
    const member = roster.leave(socket.id);
    if (!member) return false;
    deps.metrics.left();
    void socket.leave(member.roomId);
    if (roster.members(member.roomId).length === 0) deps.chat.clear(member.roomId);
    if (!deps.isShuttingDown()) io.to(member.roomId).emit('user-disconnected', member.peerId);
    log.info({ roomId: member.roomId, peerId: member.peerId }, 'participant left');
    return true;
  };

  socket.on('disconnect', (reason) => {
    const member = roster.memberOf(socket.id);
    if (!member) return;
    // The connection dropped but the browser's PeerJS socket is still open: most likely a network blip.
    // Hold the leave briefly; a return with the resume token takes the place back unseen.
    const dropped = reason === 'transport close' || reason === 'transport error' || reason === 'ping timeout';
    if (dropped && !deps.isShuttingDown() && deps.isPeerLive(member.peerId)) {
      log.info({ roomId: member.roomId, peerId: member.peerId, reason }, 'participant away');
      deps.departures.hold(member.peerId, leave);
      return;
    }
    leave();
  });
}

function defaultName(peerId: string): string {
  return `Guest ${peerId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase()}`;
}
