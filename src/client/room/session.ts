import type { Peer } from 'peerjs';
import type { JoinedRoom, ParticipantInfo } from '../../shared/events.js';
import type { ErrorBody } from '../../shared/errors.js';
import { phrase, t } from '../i18n/index.js';
import { LocalMedia, type TrackKind } from '../media/localMedia.js';
import { IceServerRenewal } from '../mesh/iceServers.js';
import { createPeer } from '../mesh/peer.js';
import { Mesh, type CallPolicy, type LinkState } from '../mesh/mesh.js';
import { randomId } from '../ids.js';
import { markOnce } from '../perf.js';
import { connectSignaling, type SignalingSocket } from '../signaling/socket.js';
import { ChatRoom } from './chat.js';
import { rememberName } from './identity.js';
import { LocalControls } from './localControls.js';
import { Lobby } from './lobby.js';
import { Notices } from './notices.js';
import { Participants } from './participants.js';
import { SpeakingMonitor } from './speakingMonitor.js';
import { initialState, joinedRoom, participantChanged, selfChanged, speakingChanged, type RoomState } from './state.js';
import { Store } from './store.js';

const joinTimeoutMs = 5000;
/** Retries of a join wait 400 ms, then twice as long each time, up to 4 s. */
const joinRetryMs = { first: 400, most: 4000 } as const;

/**
 * One participant's stay in one room: signaling, the mesh of calls, local media, chat. The connections
 * open as soon as the page loads, so that joining from the pre-join screen is quick. The UI reads the
 * stores and calls the public methods; it never touches sockets or calls.
 */
export class RoomSession {
  readonly store: Store<RoomState>;
  readonly notices = new Notices();
  readonly chat: ChatRoom;
  readonly controls: LocalControls;
  private readonly peerId = randomId();
  private readonly socket: SignalingSocket;
  private readonly peer: Peer;
  private readonly media: LocalMedia;
  private readonly mesh: Mesh;
  private readonly speaking: SpeakingMonitor;
  private readonly participants: Participants;
  private wantsToJoin = false;
  private joined = false;
  /** Set once the first join succeeded: later joins are rejoins after a lost connection. */
  private everJoined = false;
  private joining = false;
  private left = false;
  private joinRetry?: ReturnType<typeof setTimeout>;
  private joinAttempts = 0;
  /** From the last join: presenting it on a rejoin takes our own place back, unseen by the others. */
  private resumeToken: string | undefined;
  private readonly lobby: Lobby;
  private readonly iceServers = new IceServerRenewal(
    (iceServers) => {
      this.peer.options.config = { ...this.peer.options.config, iceServers };
    },
    async () => {
      if (!this.joined) return undefined;
      const result = await this.socket.timeout(joinTimeoutMs).emitWithAck('ice-servers');
      return result.ok ? result.data : undefined;
    },
  );

  constructor(
    readonly roomId: string,
    rememberedName: string | undefined,
  ) {
    this.store = new Store(initialState(roomId, rememberedName ?? ''));
    this.media = new LocalMedia(
      (kind, track) => this.onLocalTrack(kind, track),
      () => this.controls.screenEnded(),
    );
    this.controls = new LocalControls(
      this.media,
      this.store,
      {
        media: () => this.publishMediaState(),
        hand: (raised) => this.joined && this.socket.emit('raise-hand', raised),
      },
      () => this.left,
    );
    this.peer = createPeer(this.peerId);
    this.mesh = new Mesh(this.peer, this.media.stream, this.callPolicy, {
      onStream: (peerId, stream) => {
        markOnce('remote-stream');
        this.patchParticipant(peerId, { stream });
      },
      onLinkState: (peerId, link: LinkState) => this.patchParticipant(peerId, { link }),
      onCallOutcome: (outcome) => {
        if (this.joined) this.socket.emit('call-report', { outcome });
      },
    });
    this.participants = new Participants(this.store, this.mesh, this.notices);
    this.socket = connectSignaling();
    this.lobby = new Lobby(this.socket, roomId, (change) => this.store.update((state) => ({ ...state, ...change })));
    this.chat = new ChatRoom(
      this.socket,
      () => ({ peerId: this.peerId, name: this.store.get().self.name, joined: this.joined }),
      (message) => this.notices.show(phrase('chat.notice', { name: message.name, text: message.text })),
    );
    this.speaking = new SpeakingMonitor(
      () => this.mesh.audioLevels(),
      (speaking) => this.store.update((state) => speakingChanged(state, speaking)),
    );
  }

  start(): void {
    this.peer.on('open', () => {
      markOnce('peer-open');
      this.tryJoin();
    });
    this.peer.on('disconnected', this.onPeerDisconnected);
    this.peer.on('error', (error) => {
      // 'peer-unavailable' is a call to someone who just left; the roster will catch up.
      if (error.type !== 'peer-unavailable') console.warn('peer error', error.type, error.message);
    });
    this.socket.on('connect', () => {
      markOnce('signaling-connected');
      this.tryJoin();
    });
    this.socket.on('disconnect', this.onSocketDisconnected);
    this.socket.on('user-connected', this.onUserConnected);
    this.socket.on('user-disconnected', (peerId) => this.participants.left(peerId));
    this.socket.on('participant-updated', (info) => this.participants.updated(info));
    this.socket.on('parley-error', (error) => console.warn('server refused a request', error));
    this.socket.on('server-restarting', () => {
      if (this.wantsToJoin) this.store.update((state) => ({ ...state, phase: 'reconnecting', restarting: true }));
    });
    window.addEventListener('pagehide', this.leave);

    this.lobby.start();
    void this.controls.acquire().then(() => this.publishMediaState());
  }

  /** Enters the room from the pre-join screen, under this name (empty: the server picks one). */
  join(name: string): void {
    if (this.wantsToJoin || this.left) return;
    markOnce('join-requested');
    this.wantsToJoin = true;
    this.lobby.stop();
    rememberName(name);
    this.store.update((state) => ({ ...selfChanged(state, { name }), phase: 'connecting' }));
    this.tryJoin();
  }

  readonly leave = (): void => this.end('left');

  private end(phase: 'left' | 'refused'): void {
    if (this.left) return;
    this.left = true;
    clearTimeout(this.joinRetry);
    this.lobby.close();
    this.iceServers.stop();
    this.speaking.stop();
    this.participants.close();
    window.removeEventListener('pagehide', this.leave);

    if (this.socket.connected && this.joined) this.socket.emit('leave-room');
    this.chat.close();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.mesh.close();
    this.peer.removeAllListeners();
    this.peer.destroy();
    this.controls.stop();
    this.notices.close();
    this.store.update((state) => ({ ...state, phase, participants: new Map(), speaking: new Set() }));
  }

  private onLocalTrack(kind: TrackKind, track: MediaStreamTrack): void {
    this.mesh.replaceTrack(kind, track);
    if (kind === 'video') {
      this.store.update((state) => selfChanged(state, { preview: new MediaStream([track]) }));
    } else if (this.store.get().self.mediaReady) {
      this.store.update((state) => selfChanged(state, { microphone: this.media.microphoneTrack }));
    }
    this.speaking.useMicrophone(this.media.microphoneTrack);
  }

  private publishMediaState(): void {
    if (!this.joined) return;
    const { audio, video, screen } = this.store.get().self;
    this.socket.emit('media-state', { audio, video, screen });
  }

  private readonly callPolicy: CallPolicy = (peerId) => {
    if (!this.joined) return 'defer';
    return this.store.get().participants.has(peerId) ? 'answer' : 'refuse';
  };

  /** Joins once asked to, the PeerJS id is registered (so calls can reach us) and socket.io is connected. */
  private readonly tryJoin = (): void => {
    if (!this.wantsToJoin || this.left || this.joined || this.joining) return;
    if (!this.peer.open || !this.socket.connected) return;
    this.joining = true;
    const { self } = this.store.get();
    const options = {
      ...(self.name ? { name: self.name } : {}),
      audio: self.audio,
      video: self.video,
      ...(this.resumeToken ? { resume: this.resumeToken } : {}),
    };
    this.socket
      .timeout(joinTimeoutMs)
      .emitWithAck('join-room', this.roomId, this.peerId, options)
      .then(
        (result) => (result.ok ? this.onJoined(result.data) : this.onJoinRefused(result.error)),
        () => this.retryJoin(),
      )
      .finally(() => {
        this.joining = false;
      });
  };

  private retryJoin(): void {
    clearTimeout(this.joinRetry);
    const delay = Math.min(joinRetryMs.first * 2 ** this.joinAttempts++, joinRetryMs.most);
    this.joinRetry = setTimeout(this.tryJoin, delay);
  }

  private onJoined(room: JoinedRoom): void {
    if (this.left) return;
    markOnce('joined');
    this.joined = true;
    this.joinAttempts = 0;
    this.store.update((state) => (state.restarting ? { ...state, restarting: false } : state));
    this.everJoined = true;
    this.resumeToken = room.resumeToken;
    this.participants.reconcile(room.members);
    this.store.update((state) => joinedRoom(state, room));
    this.iceServers.use(room.ice);
    this.mesh.settleDeferred();
    this.chat.joined(room.chat);
    this.speaking.start();
    this.publishMediaState();
    // A hand raised, or a screen shared, before a server restart is still up.
    if (this.store.get().self.hand) this.socket.emit('raise-hand', true);
  }

  private onJoinRefused(error: ErrorBody): void {
    // Transient: the PeerJS socket is still reconnecting, the server is restarting, we asked too often, or
    // (on a rejoin) the server has not yet noticed that our previous connection dropped.
    const transient =
      error.code === 'peer-not-connected' ||
      error.code === 'shutting-down' ||
      error.code === 'rate-limited' ||
      (this.everJoined && error.code === 'peer-id-taken');
    if (transient) {
      this.retryJoin();
      return;
    }
    this.store.update((state) => ({ ...state, refusal: phrase(`error.${error.code}`) }));
    this.end('refused');
  }

  private readonly onSocketDisconnected = (reason: string): void => {
    this.joined = false;
    if (this.left) return;
    if (this.wantsToJoin) this.store.update((state) => ({ ...state, phase: 'reconnecting' }));
    // socket.io reconnects by itself after a lost connection, but not when the server closed it (as it does
    // when it restarts): then we ask again, once the server has had a moment.
    if (reason === 'io server disconnect') setTimeout(() => this.left || this.socket.connect(), 1000);
  };

  private readonly onPeerDisconnected = (): void => {
    if (this.left) return;
    setTimeout(() => {
      if (!this.left && this.peer.disconnected && !this.peer.destroyed) this.peer.reconnect();
    }, 500);
  };

  private readonly onUserConnected = (peerId: string, info?: ParticipantInfo): void => {
    if (!this.joined || peerId === this.peerId) return;
    const name = t('participant.guest');
    this.participants.arrived(info ?? { peerId, name, audio: true, video: true, screen: false, hand: false });
  };

  private patchParticipant(peerId: string, patch: Partial<{ stream: MediaStream; link: LinkState }>): void {
    this.store.update((state) => participantChanged(state, peerId, patch));
  }
}
