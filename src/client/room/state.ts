import type { JoinedRoom, Knocking, ParticipantInfo, RoomControlView, RoomPreview } from '../../shared/events.js';
import type { Phrase } from '../i18n/index.js';
import { noDevices, type DeviceChoice, type DeviceLists } from '../media/devices.js';
import type { LinkState } from '../mesh/mesh.js';
import type { PeerQuality } from '../quality/controller.js';
import type { Membership } from './membership.js';

export interface RemoteParticipant {
  info: ParticipantInfo;
  /** Their camera and sound (on a call with a seed client, the screen while they share). */
  stream: MediaStream | null;
  /** Their screen's own track (calls between Parley pages): it carries frames while `info.screen`. */
  screenStream: MediaStream | null;
  link: LinkState;
  /** How the call goes (grade, stats), from the last 2 s sample; absent until the first. */
  quality?: PeerQuality;
}

export interface SelfState {
  name: string;
  /** One of the room's hosts. */
  host: boolean;
  audio: boolean;
  video: boolean;
  screen: boolean;
  hand: boolean;
  /** While the hand is up: its place in the room's queue, as the server numbered it. */
  handOrder?: number | undefined;
  /** Whether camera and microphone have been asked for yet. */
  mediaReady: boolean;
  hasMicrophone: boolean;
  hasCamera: boolean;
  /** The browser blocked camera or microphone for this page (a permission, not a missing device). */
  mediaBlocked: boolean;
  /** The camera (or its black stand-in), as the calls send it. */
  preview: MediaStream | null;
  /** The screen being shared, for the presenter's small preview. */
  screenPreview: MediaStream | null;
  /** The real microphone, for the level meter. */
  microphone: MediaStreamTrack | null;
}

export interface RoomState {
  roomId: string;
  /** Our own peer id (the room's control lists hosts by peer id). */
  selfPeerId: string;
  /** The room's mode, passcode and hosts. */
  control: RoomControlView;
  /** For hosts: who waits to be let in. */
  lobby: readonly Knocking[];
  /** A host (named) asks us to unmute: the page asks the person. */
  unmuteAsked?: string;
  /** Where the person is: pre-join, joining, in the room, reconnecting, out (membership.ts decides). */
  membership: Membership;
  /** The server refused the connection itself (too many from this network...), and why. */
  connectionProblem?: Phrase;
  /** Who is in the room, as seen from the pre-join screen. */
  preview?: RoomPreview;
  self: SelfState;
  /** A problem with the local camera, microphone or screen, shown until dismissed. */
  mediaProblem?: Phrase;
  participants: ReadonlyMap<string, RemoteParticipant>;
  /** Peer ids of those speaking now; 'self' for us. */
  speaking: ReadonlySet<string>;
  devices: DeviceLists;
  chosenDevices: DeviceChoice;
}

export function initialState(
  roomId: string,
  name: string,
  selfPeerId = '',
  media: { audio: boolean; video: boolean } = { audio: true, video: true },
): RoomState {
  return {
    roomId,
    selfPeerId,
    control: { mode: 'open', passcode: false, hosts: [] },
    lobby: [],
    membership: { phase: 'prejoin' },
    self: {
      name,
      host: false,
      audio: media.audio,
      video: media.video,
      screen: false,
      hand: false,
      mediaReady: false,
      hasMicrophone: false,
      hasCamera: false,
      mediaBlocked: false,
      preview: null,
      screenPreview: null,
      microphone: null,
    },
    participants: new Map(),
    speaking: new Set(),
    devices: noDevices,
    chosenDevices: {},
  };
}

/** Returns a new participants map with one entry changed (or removed, when `change` returns undefined). */
export function withParticipant(
  participants: ReadonlyMap<string, RemoteParticipant>,
  peerId: string,
  change: (current: RemoteParticipant | undefined) => RemoteParticipant | undefined,
): ReadonlyMap<string, RemoteParticipant> {
  const next = new Map(participants);
  const changed = change(next.get(peerId));
  if (changed) next.set(peerId, changed);
  else next.delete(peerId);
  return next;
}

/** The room as the join acknowledgement describes it; participants we already had keep their media. */
export function joinedRoom(state: RoomState, room: JoinedRoom): RoomState {
  const participants = new Map(state.participants);
  for (const info of room.members) {
    const existing = participants.get(info.peerId);
    participants.set(
      info.peerId,
      existing ? { ...existing, info } : { info, stream: null, screenStream: null, link: 'connecting' },
    );
  }
  return { ...state, self: { ...state.self, name: room.self.name, host: room.self.host }, participants };
}

/** Someone arrived (or came back): known participants keep their media. */
export function participantArrived(state: RoomState, info: ParticipantInfo): RoomState {
  return {
    ...state,
    participants: withParticipant(state.participants, info.peerId, (current) =>
      current ? { ...current, info } : { info, stream: null, screenStream: null, link: 'connecting' },
    ),
  };
}

export function participantLeft(state: RoomState, peerId: string): RoomState {
  return { ...state, participants: withParticipant(state.participants, peerId, () => undefined) };
}

/** Changes a participant we know; changes for anyone else (already gone) are ignored. */
export function participantChanged(
  state: RoomState,
  peerId: string,
  patch: Partial<Pick<RemoteParticipant, 'info' | 'stream' | 'screenStream' | 'link' | 'quality'>>,
): RoomState {
  return {
    ...state,
    participants: withParticipant(state.participants, peerId, (current) =>
      current ? { ...current, ...patch } : undefined,
    ),
  };
}

/** One's own camera and screen previews; a new stream only for a new track (a <video> given one starts over). */
export function previewsChanged(
  state: RoomState,
  camera: MediaStreamTrack,
  screen: MediaStreamTrack | null,
): RoomState {
  const { preview, screenPreview } = state.self;
  const shows = (stream: MediaStream | null, track: MediaStreamTrack | null) =>
    (stream?.getVideoTracks()[0] ?? null) === track;
  if (shows(preview, camera) && shows(screenPreview, screen)) return state;
  return selfChanged(state, {
    preview: shows(preview, camera) ? preview : new MediaStream([camera]),
    screenPreview: shows(screenPreview, screen) ? screenPreview : screen && new MediaStream([screen]),
  });
}

export function selfChanged(state: RoomState, patch: Partial<SelfState>): RoomState {
  return { ...state, self: { ...state.self, ...patch } };
}

/** Every call's quality from one sample, in one change (one redraw every 2 s, not one per call). */
export function qualitiesChanged(state: RoomState, qualities: ReadonlyMap<string, PeerQuality>): RoomState {
  if (qualities.size === 0) return state;
  const participants = new Map(state.participants);
  for (const [peerId, quality] of qualities) {
    const current = participants.get(peerId);
    if (current) participants.set(peerId, { ...current, quality });
  }
  return { ...state, participants };
}

/** The speaking set, replaced only when it changed (so the page does not redraw ten times a second). */
export function speakingChanged(state: RoomState, speaking: ReadonlySet<string>): RoomState {
  const same = speaking.size === state.speaking.size && [...speaking].every((id) => state.speaking.has(id));
  return same ? state : { ...state, speaking };
}
