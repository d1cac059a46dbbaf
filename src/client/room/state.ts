import type { JoinedRoom, ParticipantInfo } from '../../shared/events.js';
import type { LinkState } from '../mesh/mesh.js';

export interface RemoteParticipant {
  info: ParticipantInfo;
  stream: MediaStream | null;
  link: LinkState;
}

export type Phase = 'connecting' | 'joined' | 'reconnecting' | 'left' | 'refused';

export interface RoomState {
  roomId: string;
  phase: Phase;
  /** Why the server refused us (room full, bad room name...). */
  refusal?: string;
  self: {
    name: string;
    audio: boolean;
    video: boolean;
    hasMicrophone: boolean;
    hasCamera: boolean;
    preview: MediaStream | null;
  };
  /** A problem with the local camera or microphone, shown until dismissed. */
  mediaProblem?: string;
  participants: ReadonlyMap<string, RemoteParticipant>;
}

export function initialState(roomId: string, name: string): RoomState {
  return {
    roomId,
    phase: 'connecting',
    self: { name, audio: true, video: true, hasMicrophone: false, hasCamera: false, preview: null },
    participants: new Map(),
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
    participants.set(info.peerId, existing ? { ...existing, info } : { info, stream: null, link: 'connecting' });
  }
  return { ...state, phase: 'joined', self: { ...state.self, name: room.self.name }, participants };
}

/** Someone arrived (or came back): known participants keep their media. */
export function participantArrived(state: RoomState, info: ParticipantInfo): RoomState {
  return {
    ...state,
    participants: withParticipant(state.participants, info.peerId, (current) =>
      current ? { ...current, info } : { info, stream: null, link: 'connecting' },
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
  patch: Partial<Pick<RemoteParticipant, 'info' | 'stream' | 'link'>>,
): RoomState {
  return {
    ...state,
    participants: withParticipant(state.participants, peerId, (current) =>
      current ? { ...current, ...patch } : undefined,
    ),
  };
}
