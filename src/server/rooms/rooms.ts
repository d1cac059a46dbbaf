import type { IceServers } from '../../shared/events.js';
import type { ChatLog } from '../chat/chatLog.js';
import type { HistoryLedger } from '../chat/historyLedger.js';
import type { RoomHome } from '../cluster/home.js';
import type { Allowances } from '../limits/allowances.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../observability/metrics.js';
import type { PeerEndpoint } from '../peer/endpoint.js';
import type { AbsenceReason, PresenceBook } from '../presence/presence.js';
import type { ParleyServer } from '../socket/reply.js';
import type { RoomControls } from './controls.js';
import { ensureHost, noteOccupancy, tellRoomAboutControl } from './hosting.js';
import type { Roster } from './roster.js';

/** Everything the room handlers share: one set for every connection. */
export interface RoomDeps {
  io: ParleyServer;
  roster: Roster;
  /** Each room's mode, passcode, host keys, lobby and removed devices. */
  controls: RoomControls;
  /** Read-only here: the chat log is its handlers' own; rooms only read history for a join. */
  chat: Pick<ChatLog, 'history'>;
  /** How much of the history each seat was already sent: join answers carry the rest only. */
  historySent: HistoryLedger;
  peer: Pick<PeerEndpoint, 'directory' | 'released'>;
  presence: PresenceBook;
  allowances: Allowances;
  metrics: Metrics;
  /** STUN/TURN servers (with fresh TURN credentials) for a participant. */
  iceServersFor: (peerId: string) => IceServers;
  isAcceptingJoins: () => boolean;
  /** While the server shuts down, leaves are not announced: everyone is about to reconnect and rejoin. */
  isShuttingDown: () => boolean;
  /** A room lost its last participant (its chat goes with it). */
  roomEmptied: (roomId: string) => void;
  /** Where rooms live (one node, or a cluster's node that owns the room). */
  home: RoomHome;
  /** Someone took or gave up a seat (a cluster keeps a copy of the room beyond this node). */
  roomChanged: (roomId: string) => void;
  log: Logger;
  now: () => number;
}

export type LeaveCause = 'left' | 'disconnected' | 'removed' | 'meeting-ended' | AbsenceReason;

const endings = {
  removed: { reason: 'removed', message: 'a host removed you from the meeting' },
  'meeting-ended': { reason: 'meeting-ended', message: 'a host ended the meeting for everyone' },
} as const;

/**
 * Unseats a participant, for whatever reason: the room hears `user-disconnected`, their PeerJS id is released
 * to them alone, their calls and allowances are forgotten. A participant whose connection is still there but
 * who was declared gone (one of their channels never came back) is told, so that their page can rejoin.
 */
export function unseat(deps: RoomDeps, peerId: string, cause: LeaveCause): boolean {
  const departure = deps.roster.remove(peerId);
  if (!departure) return false;
  const { member, roomEmptied } = departure;
  deps.presence.forget(peerId);
  deps.peer.released(peerId);
  deps.allowances.release(member);
  if (deps.roster.seatsPerAddress > 0) deps.allowances.shared.releaseSeat(member.address, member);
  deps.metrics.left(cause);
  const socket = deps.io.sockets.sockets.get(member.connectionId);
  if (socket) {
    void socket.leave(member.roomId);
    if (socket.connected && cause !== 'left' && cause !== 'disconnected') {
      socket.emit(
        'membership-ended',
        cause === 'removed' || cause === 'meeting-ended'
          ? endings[cause]
          : { reason: 'connection-lost', message: 'the server lost your connection for too long; joining again' },
      );
    }
  }
  if (roomEmptied) deps.roomEmptied(member.roomId);
  deps.roomChanged(member.roomId);
  if (!deps.isShuttingDown()) deps.io.to(member.roomId).emit('user-disconnected', member.peerId);
  deps.log.info({ roomId: member.roomId, peerId, cause }, 'participant left');
  if (member.host && !roomEmptied && !deps.isShuttingDown()) {
    if (!ensureHost(deps, member.roomId)) tellRoomAboutControl(deps, member.roomId);
  }
  noteOccupancy(deps, member.roomId);
  return true;
}
