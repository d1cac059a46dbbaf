import { randomBytes } from 'node:crypto';
import type { JoinedRoom } from '../../shared/events.js';
import { fail, ok, type Result } from '../../shared/errors.js';
import { limits } from '../../shared/limits.js';
import { displayNameSchema, joinOptionsSchema, peerIdSchema, roomIdSchema } from '../../shared/schemas.js';
import type { ParleySocket } from '../socket/reply.js';
import { entryVerdict } from './control.js';
import { controlView } from './controls.js';
import { ensureHost, noteOccupancy, tellHostsAboutLobby, tellRoomAboutControl, waiting } from './hosting.js';
import type { RoomDeps } from './rooms.js';
import { toParticipantInfo, type Member } from './roster.js';

const doorMessages = {
  'knock-required': 'this meeting lets people in one by one: ask to join',
  'room-locked': 'this meeting is locked: nobody new can join',
  'passcode-required': 'this meeting needs a passcode',
  'wrong-passcode': 'that passcode is not right',
} as const;

/**
 * `join-room(roomId, peerId, options)`: takes a seat, takes one's own seat back after a lost connection
 * (with the resume token), or repeats a join already made (harmless). A fresh seat needs the PeerJS socket
 * of that id to be open and to be the joiner's own: Parley's client proves it with the token the socket
 * connected with; a client that cannot (the seed's) may claim only a socket nobody claimed before, from its
 * own address. Then the room's door decides (control.ts): hosts come in, others per its mode and passcode.
 * The server decides who someone is; nothing in the payload does.
 */
export async function joinRoom(deps: RoomDeps, socket: ParleySocket, args: unknown[]): Promise<Result<JoinedRoom>> {
  if (!deps.isAcceptingJoins()) return fail('shutting-down', 'the server is restarting; try again in a moment');
  const [rawRoomId, rawPeerId, rawOptions] = args;
  const roomId = roomIdSchema.safeParse(rawRoomId);
  if (!roomId.success) return fail('invalid-room', 'a room name is 3 to 64 letters, digits, "-" or "_"');
  const peerId = peerIdSchema.safeParse(rawPeerId);
  if (!peerId.success) return fail('invalid-peer-id', 'the peer id is not a valid PeerJS id');
  const options = joinOptionsSchema.safeParse(rawOptions ?? {});
  if (!options.success) {
    return fail('invalid-payload', 'join options must be an object { name?, audio?, video?, resume?, peerToken? }');
  }
  let name = defaultName(peerId.data);
  if (options.data.name !== undefined) {
    const parsedName = displayNameSchema.safeParse(options.data.name);
    if (!parsedName.success) return fail('invalid-name', parsedName.error.issues[0]?.message ?? 'invalid name');
    name = parsedName.data;
  }
  const { roster, peer } = deps;
  const now = deps.now();
  const address = socket.data.address;
  if (socket.data.roomId !== undefined && socket.data.roomId !== roomId.data) {
    return fail('invalid-room', 'this connection was opened for another room');
  }
  const chatAfter = options.data.chatAfter;

  const current = roster.memberOf(socket.id);
  if (current) {
    if (current.roomId !== roomId.data || current.peerId !== peerId.data) {
      return fail('already-joined', `this connection is already in a room as ${current.peerId}`);
    }
    // A repeat: the history went with the first answer.
    return ok(view(deps, current, chatAfter === undefined ? 'none' : chatAfter));
  }
  const holder = roster.memberByPeerId(peerId.data);
  // Taking one's seat back is announced to the room: each person has an allowance of them, whatever the
  // connection (only its rightful holder can spend it: the token is checked first).
  const resuming =
    options.data.resume === undefined ? undefined : roster.resumable(peerId.data, roomId.data, options.data.resume);
  if (resuming && !deps.allowances.person(resuming).allow('resume', now)) {
    return fail('rate-limited', 'too many reconnections; try again in a moment');
  }
  let host = false;
  const control = deps.controls.get(roomId.data);
  const device = options.data.device === undefined ? undefined : deps.controls.hashDevice(options.data.device);
  if (!holder) {
    const problem = claimProblem(deps, peerId.data, roomId.data, options.data.peerToken, address);
    if (problem) return problem;
    if (!(await deps.allowances.allowAddress(address, 'addressJoin', now))) {
      return fail('rate-limited', 'too many joins from your network; try again in a moment');
    }
    if (options.data.hostKey !== undefined) {
      if (!control?.isHostKey(options.data.hostKey)) {
        return fail('invalid-host-key', 'this host key does not open this room (it may have been handed over)');
      }
      host = true;
    }
    if (control) {
      const knocker = control.lobby.get(peerId.data);
      const admitted = knocker?.connectionId === socket.id && (knocker.admittedUntil ?? 0) >= now;
      if (
        !host &&
        !admitted &&
        control.hasPasscode &&
        !(await deps.allowances.allowAddress(address, 'addressPasscode', now))
      ) {
        return fail('rate-limited', 'too many passcode attempts from your network; try again in a moment');
      }
      const verdict = entryVerdict(control, {
        isHost: host,
        passcode: options.data.passcode,
        device,
        address,
        admitted,
      });
      if (verdict.kind === 'refuse') return fail(verdict.code, doorMessages[verdict.code]);
      if (verdict.kind === 'knock') return fail('knock-required', doorMessages['knock-required']);
    }
  }
  // A fresh seat counts against its address across the cluster too (the roster counts this node's).
  const seat = { roomId: roomId.data, peerId: peerId.data };
  const claimsSeat = !holder && roster.seatsPerAddress > 0;
  if (claimsSeat && !(await deps.allowances.shared.claimSeat(address, seat, roster.seatsPerAddress))) {
    return fail('too-many-seats', `your network already holds ${roster.seatsPerAddress} seats; leave one first`);
  }
  // The checks above may have waited for Redis (a cluster): a connection that went meanwhile takes no seat
  // (its disconnect has already run, so nothing would ever free it).
  if (!socket.connected) {
    if (claimsSeat) deps.allowances.shared.releaseSeat(address, seat);
    return fail('not-joined', 'the connection closed while joining');
  }
  const media = { audio: options.data.audio ?? true, video: options.data.video ?? true };
  const joined = roster.join(
    {
      connectionId: socket.id,
      address,
      roomId: roomId.data,
      peerId: peerId.data,
      name,
      media,
      host,
      ...(device === undefined ? {} : { device }),
      ...(options.data.resume ? { resume: options.data.resume } : {}),
      newToken: randomBytes(24).toString('base64url'),
    },
    now,
  );
  if (!joined.ok) {
    // The seat was not taken after all (the cluster's count must not keep it); one already held stays.
    if (claimsSeat && roster.memberByPeerId(peerId.data)?.roomId !== roomId.data) {
      deps.allowances.shared.releaseSeat(address, seat);
    }
    return joined;
  }
  const { member, resumedFrom } = joined.data;
  void socket.join(member.roomId);
  deps.roomChanged(member.roomId);
  let hostKey: string | undefined;
  if (resumedFrom === undefined) {
    peer.directory.bind(member.peerId);
    deps.presence.track(member.peerId, now);
    const room = deps.controls.ensure(member.roomId, now).control;
    if (host && options.data.hostKey) room.rebindHostKey(options.data.hostKey, member.peerId);
    if (room.lobby.delete(member.peerId)) tellHostsAboutLobby(deps, member.roomId);
    socket.to(member.roomId).emit('user-connected', member.peerId, toParticipantInfo(member));
    deps.metrics.joined();
    deps.log.info(
      { roomId: member.roomId, peerId: member.peerId, host, size: roster.members(member.roomId).length },
      'participant joined',
    );
    // The first person in a room (or the first after every host left) becomes its host.
    const promoted = ensureHost(deps, member.roomId);
    if (promoted?.peerId === member.peerId) hostKey = promoted.hostKey;
    else if (host) tellRoomAboutControl(deps, member.roomId);
    noteOccupancy(deps, member.roomId);
  } else {
    // Back after a blip: the others never saw them leave, so they see no arrival either.
    deps.io.sockets.sockets.get(resumedFrom)?.disconnect(true);
    roster.updatePresence(socket.id, media);
    socket.to(member.roomId).emit('participant-updated', toParticipantInfo(member));
    deps.log.info({ roomId: member.roomId, peerId: member.peerId }, 'participant resumed');
  }
  return ok({ ...view(deps, member, chatAfter), ...(hostKey === undefined ? {} : { hostKey }) });
}

/** Why this connection may not take a fresh seat with `peerId`, if it may not. */
export function claimProblem(
  deps: RoomDeps,
  peerId: string,
  roomId: string,
  token: string | undefined,
  address: string,
): ReturnType<typeof fail> | undefined {
  const socket = deps.peer.directory.get(peerId);
  if (!socket) return fail('peer-not-connected', 'connect to the PeerServer with this id before joining');
  if (!deps.peer.directory.mayClaim(peerId, { ...(token === undefined ? {} : { token }), address })) {
    return fail('peer-id-taken', 'this peer id is not yours: join with the token your PeerJS connection used');
  }
  if (socket.roomId !== undefined && socket.roomId !== roomId) {
    return fail('invalid-room', 'this PeerJS connection was opened for another room');
  }
  return undefined;
}

/**
 * What a joiner learns: the room, everyone in it, fresh ICE servers, chat history, a resume token. The history
 * goes to a seat once: later answers carry only messages newer than what it was sent (historyLedger.ts).
 */
function view(deps: RoomDeps, member: Member, chatAfter: string | 'none' | undefined): JoinedRoom {
  let chat: JoinedRoom['chat'] = [];
  if (chatAfter !== 'none') {
    const after = deps.historySent.after(member, chatAfter);
    chat = deps.chat.history(member.roomId, {
      ...(after === undefined ? {} : { after }),
      maxBytes: limits.chatHistoryBytes,
    });
    deps.historySent.sent(member, chat);
  }
  return {
    roomId: member.roomId,
    self: toParticipantInfo(member),
    members: deps.roster
      .members(member.roomId)
      .filter((other) => other !== member)
      .map(toParticipantInfo),
    capacity: deps.roster.capacity,
    ice: deps.iceServersFor(member.peerId),
    chat,
    resumeToken: member.resumeToken,
    control: controlView(deps.controls.get(member.roomId), deps.roster, member.roomId),
    ...(member.host ? { lobby: waiting(deps, member.roomId, deps.now()) } : {}),
  };
}

export function defaultName(peerId: string): string {
  return `Guest ${peerId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase()}`;
}
