/**
 * The wire contract between the browser and the server, over socket.io. The first three events are the
 * seed tutorial's and keep its meaning; Parley only adds optional trailing arguments and new events.
 */
import type { ErrorBody, Result } from './errors.js';
import type {
  CallReport,
  ChatDraft,
  HostAction,
  JoinOptions,
  KnockOptions,
  MediaReport,
  MediaState,
  ViewSizeReport,
} from './schemas.js';

export interface ParticipantInfo {
  peerId: string;
  name: string;
  audio: boolean;
  video: boolean;
  /** Sending their screen instead of their camera. */
  screen: boolean;
  /** Hand raised. */
  hand: boolean;
  /** While the hand is up: its place in the room's queue (lower numbers were raised earlier). */
  handOrder?: number;
  /** One of the room's hosts. */
  host: boolean;
}

/** open: anyone with the link; knock: a host lets each newcomer in; locked: nobody new. */
export type RoomMode = 'open' | 'knock' | 'locked';

/** Who decides in a room, as everyone in it sees it. */
export interface RoomControlView {
  mode: RoomMode;
  /** Whether joining needs a passcode. */
  passcode: boolean;
  hosts: string[];
}

/** Someone waiting in the lobby, as hosts see them. */
export interface Knocking {
  peerId: string;
  name: string;
  /** When they knocked, server time (ms since the epoch). */
  since: number;
}

/** What a knocker learns while waiting: whether a host is there to let them in. */
export interface LobbyTicket {
  roomId: string;
  /** Their name, as hosts see it. */
  name: string;
  hostPresent: boolean;
}

/** Something a host asks of one participant: their own page does it (a host never turns anything on). */
export interface HostRequest {
  type: 'mute' | 'ask-unmute' | 'stop-share';
  /** The host's name. */
  by: string;
}

/** A receiver's view of us, relayed by the server: who it is (the server's word), and its tile's size. */
export interface ViewSize {
  from: string;
  /** Device pixels; 0×0: it shows no video of us (hidden tile, page in the background, low bandwidth). */
  width: number;
  height: number;
}

/** A chat message as the server stored it: the sender's identity is the server's, never the payload's. */
export interface ChatMessage {
  /** Unique in the room, assigned by the server. */
  id: string;
  /** The sender's own id for it (see ChatDraft), so the sender can match the acknowledgement. */
  clientId: string;
  peerId: string;
  name: string;
  text: string;
  /** Server time, milliseconds since the epoch. */
  sentAt: number;
}

/**
 * Who is in a room, for someone who has not joined yet (the pre-join screen). A room that does not let
 * everyone in (knock, locked) shows only that: no names, no count.
 */
export interface RoomPreview {
  roomId: string;
  mode: RoomMode;
  passcode: boolean;
  names: string[];
  count: number;
  capacity: number;
}

/** STUN/TURN servers for RTCPeerConnection; TURN credentials stop working at `expiresAt` (Unix seconds). */
export interface IceServers {
  servers: { urls: string[]; username?: string; credential?: string }[];
  expiresAt?: number;
}

export interface JoinedRoom {
  roomId: string;
  self: ParticipantInfo;
  /** Everyone else already in the room. They will call the newcomer. */
  members: ParticipantInfo[];
  capacity: number;
  ice: IceServers;
  /**
   * The room's recent chat, oldest first (the newest that fit in limits.chatHistoryBytes), or the messages
   * after `chatAfter` when the join asked for them. Sent once per join: a repeated join gets none.
   */
  chat: ChatMessage[];
  /** Present it when joining again after a lost connection, to take your own place back without a flicker. */
  resumeToken: string;
  control: RoomControlView;
  /** A host key issued to you with this join (you are the room's first host): keep it, it makes you host again. */
  hostKey?: string;
  /** For hosts: who is waiting in the lobby. */
  lobby?: Knocking[];
}

export type Ack<T> = (result: Result<T>) => void;

export interface ClientToServerEvents {
  /** Seed: `join-room(roomId, peerId)`. Parley adds options and an acknowledgement. */
  'join-room': (roomId: string, peerId: string, options?: JoinOptions, ack?: Ack<JoinedRoom>) => void;
  /** Microphone, camera and screen sharing on or off, shown to the others. */
  'media-state': (state: MediaState, ack?: Ack<ParticipantInfo>) => void;
  /** Raise (true) or lower (false) one's hand. */
  'raise-hand': (raised: boolean, ack?: Ack<ParticipantInfo>) => void;
  /** Post to the room's chat; the acknowledgement carries the stored message. */
  'chat-message': (draft: ChatDraft, ack?: Ack<ChatMessage>) => void;
  /** Who is in a room, before joining it. */
  'peek-room': (roomId: string, ack: Ack<RoomPreview>) => void;
  /** How a call went (metrics only). */
  'call-report': (report: CallReport, ack?: Ack<null>) => void;
  /** Whose media arrives right now: tells the server that they are still there when their own signaling stalls. */
  'media-report': (report: MediaReport, ack?: Ack<null>) => void;
  /** To one participant in the room: the size at which we show their video (0×0: not at all). */
  'view-size': (report: ViewSizeReport, ack?: Ack<null>) => void;
  /** Fresh STUN/TURN servers, before the ones from the join expire. */
  'ice-servers': (ack: Ack<IceServers>) => void;
  /** Leave without closing the connection (disconnecting also leaves). */
  'leave-room': (ack?: Ack<null>) => void;
  /** Ask to be let into a knock-to-join room (after `join-room` answered `knock-required`). */
  knock: (roomId: string, peerId: string, options: KnockOptions, ack?: Ack<LobbyTicket>) => void;
  /** A host's decision: admit, deny, mode, passcode, mute, remove, hand over, end the meeting... */
  'host-action': (action: HostAction, ack?: Ack<null>) => void;
}

export interface ServerToClientEvents {
  /** Seed: a newcomer; members call it. Parley adds what the server knows of it. */
  'user-connected': (peerId: string, participant?: ParticipantInfo) => void;
  /** Seed: someone left. */
  'user-disconnected': (peerId: string) => void;
  'participant-updated': (participant: ParticipantInfo) => void;
  /** Someone else's chat message (the sender gets theirs in the acknowledgement). */
  'chat-message': (message: ChatMessage) => void;
  /** An error for a request that carried no acknowledgement. */
  'parley-error': (error: ErrorBody) => void;
  /** The server is about to restart: reconnect, and rejoin, once it is back. */
  'server-restarting': () => void;
  /** The server ended this connection's membership (a lost channel, a host's removal, the meeting's end). */
  'membership-ended': (ended: MembershipEnded) => void;
  /** To hosts: who waits in the lobby now. */
  'lobby-updated': (waiting: Knocking[]) => void;
  /** To someone knocking: a host let them in (they join now) or not. */
  'lobby-decision': (decision: { admitted: boolean }) => void;
  /** To everyone in the room: its mode, passcode and hosts changed. */
  'room-updated': (control: RoomControlView) => void;
  /** To one participant: you are a host now; this key makes you host again when you rejoin. */
  'host-key': (grant: { roomId: string; hostKey: string }) => void;
  /** To one participant: a host asks something of you. */
  'host-request': (request: HostRequest) => void;
  /** To one participant: the size at which someone in the room shows their video. */
  'view-size': (view: ViewSize) => void;
}

/** Why the server ended a membership that the participant did not end themselves. */
export interface MembershipEnded {
  /** connection-lost: join again; removed: a host removed you; meeting-ended: a host ended it for everyone. */
  reason: 'connection-lost' | 'removed' | 'meeting-ended';
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a single node has no inter-server events yet
export interface InterServerEvents {}

/** Per connection: its client address, and when anything last came from it (membership is the roster's). */
export interface SocketData {
  address: string;
  /** The room named when the connection opened (`?room=`), if any: joins elsewhere are refused. */
  roomId: string | undefined;
  lastHeard: number;
}
