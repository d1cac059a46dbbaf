import type { Peer } from 'peerjs';
import type { JoinedRoom, ParticipantInfo } from '../../shared/events.js';
import { phrase, t } from '../i18n/index.js';
import { LocalMedia, type TrackKind } from '../media/localMedia.js';
import { IceServerRenewal } from '../mesh/iceServers.js';
import { createPeer, peerToken } from '../mesh/peer.js';
import { Mesh, type CallPolicy, type LinkState } from '../mesh/mesh.js';
import { audioLevels } from '../mesh/receivers.js';
import { randomId } from '../ids.js';
import { markOnce } from '../perf.js';
import { holdRenders } from '../renderHolds.js';
import { RoomQuality } from '../quality/roomQuality.js';
import { connectSignaling, type SignalingSocket } from '../signaling/socket.js';
import { ChatRoom } from '../chat/chatRoom.js';
import { RoomConnection } from './connection.js';
import { Hosting } from './hosting.js';
import { deviceId, hostKeyFor, keepHostKey, preferredMedia, rememberName } from './identity.js';
import { LocalControls } from './localControls.js';
import { Lobby } from './lobby.js';
import { MediaReports } from './mediaReports.js';
import { Notices } from './notices.js';
import { Participants } from './participants.js';
import { SpeakingMonitor } from './speakingMonitor.js';
import {
  initialState,
  joinedRoom,
  participantChanged,
  previewsChanged,
  selfChanged,
  speakingChanged,
  type RoomState,
} from './state.js';
import { Store } from './store.js';

const requestTimeoutMs = 5000;

/**
 * One participant's stay in one room: signaling, the mesh of calls, local media, chat. The connections
 * open as soon as the page loads, so that joining from the pre-join screen is quick. The UI reads the
 * stores and calls the public methods; it never touches sockets or calls. Whether we are in the room is
 * the connection's membership alone (membership.ts).
 */
export class RoomSession {
  readonly store: Store<RoomState>;
  readonly notices = new Notices();
  readonly chat: ChatRoom;
  readonly controls: LocalControls;
  private readonly peerId = randomId();
  private readonly socket: SignalingSocket;
  private readonly peer: Peer;
  private readonly connection: RoomConnection;
  private readonly media: LocalMedia;
  private readonly mesh: Mesh;
  private readonly speaking: SpeakingMonitor;
  private readonly participants: Participants;
  private readonly lobby: Lobby;
  private readonly reports: MediaReports;
  private readonly quality: RoomQuality;
  readonly hosting: Hosting;
  /** The passcode the person typed, if the room asked for one. */
  private passcode: string | undefined;
  private readonly device = deviceId();
  private readonly iceServers = new IceServerRenewal(
    (iceServers) => {
      this.peer.options.config = { ...this.peer.options.config, iceServers };
    },
    async () => {
      if (!this.connection.isJoined) return undefined;
      const result = await this.socket.timeout(requestTimeoutMs).emitWithAck('ice-servers');
      return result.ok ? result.data : undefined;
    },
  );

  constructor(
    readonly roomId: string,
    rememberedName: string | undefined,
  ) {
    this.store = new Store(initialState(roomId, rememberedName ?? '', this.peerId, preferredMedia()));
    document.documentElement.dataset.membership = 'prejoin';
    this.media = new LocalMedia(
      (kind) => this.onLocalTrack(kind),
      () => this.controls.screenEnded(),
    );
    this.controls = new LocalControls(
      this.media,
      this.store,
      {
        media: () => this.publishMediaState(),
        hand: (raised) => {
          if (!this.connection.isJoined) return;
          this.socket.emit('raise-hand', raised, (result) => {
            // The server's number for the hand: its place in the room's queue.
            if (result.ok && result.data.hand === this.store.get().self.hand) {
              this.store.update((state) => selfChanged(state, { handOrder: result.data.handOrder }));
            }
          });
        },
      },
      () => this.isOver,
    );
    const token = peerToken();
    this.peer = createPeer(this.peerId, { token, roomId });
    this.mesh = new Mesh(this.peer, this.media, this.callPolicy, {
      onMedia: (peerId, media) => {
        markOnce('remote-stream');
        this.patchParticipant(peerId, { stream: media.stream, screenStream: media.screen });
      },
      onLinkState: (peerId, link: LinkState) => this.patchParticipant(peerId, { link }),
      onCallOutcome: (outcome) => {
        if (this.connection.isJoined) this.socket.emit('call-report', { outcome });
      },
    });
    this.participants = new Participants(this.store, this.mesh, this.notices);
    this.socket = connectSignaling(roomId);
    this.connection = new RoomConnection(
      this.socket,
      this.peer,
      token,
      roomId,
      () => {
        const { self } = this.store.get();
        const lastMessage = this.chat.lastMessageId();
        const hostKey = hostKeyFor(roomId);
        return {
          ...(self.name ? { name: self.name } : {}),
          audio: self.audio,
          video: self.video,
          ...(lastMessage ? { chatAfter: lastMessage } : {}),
          ...(hostKey ? { hostKey } : {}),
          ...(this.passcode ? { passcode: this.passcode } : {}),
          ...(this.device ? { device: this.device } : {}),
        };
      },
      {
        changed: (membership) => {
          // Shown on the page element too: styles, and tests that follow the phases, read it there.
          document.documentElement.dataset.membership = membership.phase;
          this.store.update((state) => ({ ...state, membership }));
        },
        entered: (room, again) => this.onEntered(room, again),
        lost: () => this.reports.stop(),
        ended: () => this.end(),
        forgetHostKey: () => keepHostKey(roomId, undefined),
      },
    );
    this.lobby = new Lobby(this.socket, roomId, (change) => this.store.update((state) => ({ ...state, ...change })));
    this.chat = new ChatRoom(
      this.socket,
      () => ({ peerId: this.peerId, name: this.store.get().self.name, joined: this.connection.isJoined }),
      (message) => this.notices.show(phrase('chat.notice', { name: message.name, text: message.text })),
    );
    this.speaking = new SpeakingMonitor(
      () => audioLevels(this.mesh.connections()),
      (speaking) => this.store.update((state) => speakingChanged(state, speaking)),
    );
    this.reports = new MediaReports(this.mesh, this.socket);
    this.quality = new RoomQuality(this.store, this.mesh, this.socket, () => this.connection.isJoined);
    this.hosting = new Hosting(this.socket, this.store, this.notices, this.controls, roomId);
  }

  start(): void {
    this.peer.on('error', (error) => {
      // 'peer-unavailable' is a call to someone who just left; the roster will catch up.
      if (error.type !== 'peer-unavailable') console.warn('peer error', error.type, error.message);
    });
    this.socket.on('user-connected', this.onUserConnected);
    this.socket.on('user-disconnected', (peerId) => this.participants.left(peerId));
    this.socket.on('view-size', (view) => this.quality.viewChanged(view));
    this.socket.on('participant-updated', (info) => this.participants.updated(info));
    this.socket.on('parley-error', (error) => console.warn('server refused a request', error));
    window.addEventListener('pagehide', this.leave);
    this.hosting.start();
    this.quality.start();
    this.connection.start();
    this.lobby.start();
    void this.controls.acquire().then(() => this.publishMediaState());
  }

  /**
   * Settles once the signaling socket is connected, or after `capMs`: the page draws its interface after
   * that, so that the socket's handshake (three messages that each need the main thread) is not held up
   * behind the interface's first render.
   */
  signalingUp(capMs: number): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.socket.off('connect', done);
        resolve();
      };
      const timer = setTimeout(done, capMs);
      this.socket.on('connect', done);
    });
  }

  /** Enters the room from the pre-join screen, under this name (empty: the server picks one). */
  join(name: string): void {
    if (this.store.get().membership.phase !== 'prejoin') return;
    markOnce('join-requested');
    this.lobby.stop();
    rememberName(name);
    this.store.update((state) => selfChanged(state, { name }));
    this.connection.dispatch({ type: 'join-requested' });
  }

  /** The room asked for a passcode; the person typed this. */
  submitPasscode(passcode: string): void {
    this.passcode = passcode;
    this.connection.dispatch({ type: 'passcode-entered' });
  }

  readonly leave = (): void => {
    if (this.connection.isJoined && this.socket.connected) this.socket.emit('leave-room');
    this.connection.dispatch({ type: 'leave' });
  };

  private get isOver(): boolean {
    const { phase } = this.connection.membership;
    return phase === 'left' || phase === 'refused' || phase === 'removed';
  }

  /** Out of the room for good (left, refused, removed): every connection, call, device and timer ends. */
  private end(): void {
    this.lobby.close();
    this.hosting.close();
    this.iceServers.stop();
    this.speaking.stop();
    this.reports.stop();
    this.quality.stop();
    this.participants.close();
    window.removeEventListener('pagehide', this.leave);
    this.connection.close();
    this.chat.close();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.mesh.close();
    this.peer.removeAllListeners();
    this.peer.destroy();
    this.controls.stop();
    this.notices.close();
    this.store.update((state) => ({ ...state, participants: new Map(), speaking: new Set() }));
  }

  private onEntered(room: JoinedRoom, again: boolean): void {
    this.participants.reconcile(room.members);
    this.store.update((state) => joinedRoom(state, room));
    this.iceServers.use(room.ice);
    // Entering a room with people in it: the room is drawn once their first call is up (at most a second
    // later), not while it is being set up (renderHolds.ts).
    if (!again && room.members.length > 0) holdRenders(this.mesh.nextIncoming());
    this.mesh.settleDeferred();
    this.chat.joined(room.chat);
    this.hosting.entered(room.control, room.hostKey, room.lobby);
    this.speaking.start();
    this.reports.start();
    this.quality.entered();
    this.publishMediaState();
    // A hand raised before a reconnection (or a server restart) is still up.
    if (again && this.store.get().self.hand) this.socket.emit('raise-hand', true);
  }

  private onLocalTrack(kind: TrackKind): void {
    this.mesh.send();
    if (kind === 'video') {
      const { camera, screen } = this.media.outgoing;
      this.store.update((state) => previewsChanged(state, camera, screen));
    } else if (this.store.get().self.mediaReady) {
      this.store.update((state) => selfChanged(state, { microphone: this.media.microphoneTrack }));
    }
    this.speaking.useMicrophone(this.media.microphoneTrack);
  }

  private publishMediaState(): void {
    if (!this.connection.isJoined) return;
    const { audio, video, screen } = this.store.get().self;
    this.socket.emit('media-state', { audio, video, screen });
  }

  /** Calls are answered from people the server lists in our room, once we know the room. */
  private readonly callPolicy: CallPolicy = (peerId) => {
    if (!this.connection.isJoined) return this.isOver ? 'refuse' : 'defer';
    return this.store.get().participants.has(peerId) ? 'answer' : 'refuse';
  };

  private readonly onUserConnected = (peerId: string, info?: ParticipantInfo): void => {
    if (!this.connection.isJoined || peerId === this.peerId) return;
    const name = t('participant.guest');
    this.participants.arrived(
      info ?? { peerId, name, audio: true, video: true, screen: false, hand: false, host: false },
    );
  };

  private patchParticipant(
    peerId: string,
    patch: Partial<{ stream: MediaStream; screenStream: MediaStream | null; link: LinkState }>,
  ): void {
    this.store.update((state) => participantChanged(state, peerId, patch));
  }
}
