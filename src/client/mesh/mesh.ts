import type { DataConnection, MediaConnection, Peer } from 'peerjs';
import { markOnce } from '../perf.js';
import { holdRenders, setUp } from '../renderHolds.js';
import { applyOutgoing, type RemoteMedia } from './callMedia.js';
import {
  answerCall,
  handshakeStalled,
  isSettingUp,
  isUp,
  placeCall,
  remoteMediaFor,
  type CallMedia,
  type LocalSource,
} from './callSetup.js';
import { meshTiming as timing } from './timing.js';

/** failed: attempts to reach them keep failing (and go on, less often). */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface MeshListener {
  /** A participant's media arrived (once per track; the same objects each time for one call). */
  onMedia(peerId: string, media: RemoteMedia): void;
  onLinkState(peerId: string, state: LinkState): void;
  /** A call carried media, or produced none within the timeout. */
  onCallOutcome(outcome: 'connected' | 'failed'): void;
}

/** Decides whether a call from `peerId` may be answered now, later (not joined yet), or never. */
export type CallPolicy = (peerId: string) => 'answer' | 'defer' | 'refuse';

interface Link {
  call: MediaConnection;
  /** Whoever placed the call places it again when it fails. */
  placedByUs: boolean;
  attempt: number;
  retryTimer?: ReturnType<typeof setTimeout>;
  hasMedia: boolean;
  media: CallMedia;
  detach(): void;
}

/**
 * The full mesh: one call per remote participant. Members call each newcomer (the seed's protocol); the
 * newcomer answers every call from the moment its Peer exists, deferring those that arrive before it knows
 * the room.
 */
export class Mesh {
  private readonly links = new Map<string, Link>();
  private readonly retries = new Map<string, ReturnType<typeof setTimeout>>();
  private deferred: MediaConnection[] = [];
  private incomingWaiters: (() => void)[] = [];

  constructor(
    private readonly peer: Peer,
    private readonly local: LocalSource,
    private readonly policy: CallPolicy,
    private readonly listener: MeshListener,
  ) {
    peer.on('call', this.onIncomingCall);
    peer.on('connection', this.onIncomingData);
  }

  /** Calls a participant (we are the member, they are the newcomer). */
  call(peerId: string): void {
    const existing = this.links.get(peerId);
    if (existing?.hasMedia && existing.call.open) return;
    this.place(peerId, existing ? existing.attempt + 1 : 0);
  }

  /** Whether a call with this participant is up and carrying media. */
  isConnected(peerId: string): boolean {
    const link = this.links.get(peerId);
    return !!link && link.hasMedia && link.call.open;
  }

  /** Each participant's call connection, for those whose call carries media now (stats, sender budgets). */
  connections(): Map<string, RTCPeerConnection> {
    const connections = new Map<string, RTCPeerConnection>();
    for (const [peerId, link] of this.links) {
      const connection = link.call.peerConnection as RTCPeerConnection | undefined;
      if (link.hasMedia && connection) connections.set(peerId, connection);
    }
    return connections;
  }

  /** Settles when the next call to us is answered. */
  nextIncoming(): Promise<void> {
    return new Promise((resolve) => this.incomingWaiters.push(resolve));
  }

  /** Answers or refuses calls that arrived before the room was known. */
  settleDeferred(): void {
    const waiting = this.deferred;
    this.deferred = [];
    for (const call of waiting) this.onIncomingCall(call);
  }

  remove(peerId: string): void {
    this.cancelRetry(peerId);
    const link = this.links.get(peerId);
    if (!link) return;
    this.links.delete(peerId);
    this.dispose(link);
  }

  /** Sends what the page sends now (a new device, the camera off, a share started or stopped) on every call. */
  send(): void {
    for (const { media } of this.links.values()) applyOutgoing(media.senders, media.shape, this.local.outgoing);
  }

  /** The sender that carries our screen to this participant (dual calls only), e.g. to set its encodings. */
  screenSender(peerId: string): RTCRtpSender | undefined {
    const media = this.links.get(peerId)?.media;
    return media?.shape === 'dual' ? media.senders.screen : undefined;
  }

  close(): void {
    this.peer.off('call', this.onIncomingCall);
    this.peer.off('connection', this.onIncomingData);
    for (const call of this.deferred) call.close();
    this.deferred = [];
    for (const resolve of this.incomingWaiters.splice(0)) resolve();
    for (const peerId of new Set([...this.links.keys(), ...this.retries.keys()])) this.remove(peerId);
  }

  private readonly onIncomingCall = (call: MediaConnection): void => {
    markOnce('call-received');
    const decision = this.policy(call.peer);
    if (decision === 'defer') {
      this.deferred.push(call);
      return;
    }
    if (decision === 'refuse') {
      call.close();
      return;
    }
    this.cancelRetry(call.peer);
    const previous = this.links.get(call.peer);
    if (previous) this.dispose(previous);
    const link = this.track(call.peer, call, false, 0, answerCall(call, this.local));
    this.links.set(call.peer, link);
    // A seed client answers whatever calls it and shows each as another video: only a Parley caller
    // (it offered the dual shape) is called back.
    if (link.media.shape === 'dual') this.awaitAnsweredHandshake(call.peer, link);
    holdRenders(setUp(call.peerConnection as RTCPeerConnection | undefined));
    this.listenToConnection(call.peer, call);
    const waiters = this.incomingWaiters;
    this.incomingWaiters = [];
    for (const resolve of waiters) resolve();
  };

  /**
   * Data connections pass the same door as calls, and Parley opens none: one offered by someone outside the
   * room is refused like their calls, and one from a participant is closed too (there is nothing to say on
   * it). Either way nothing of it stays.
   */
  private readonly onIncomingData = (connection: DataConnection): void => {
    connection.close();
  };

  private place(peerId: string, attempt: number): void {
    this.cancelRetry(peerId);
    const previous = this.links.get(peerId);
    if (previous) this.dispose(previous);
    const placed = placeCall(this.peer, peerId, this.local);
    if (!placed) {
      // The Peer is not connected to its server; try again shortly.
      this.links.delete(peerId);
      this.scheduleRetry(peerId, attempt);
      return;
    }
    const { call } = placed;
    // Calls placed again (a network in trouble) do not hold the page's drawing back: it has news to show.
    if (attempt === 0) holdRenders(setUp(call.peerConnection as RTCPeerConnection | undefined));
    const link = this.track(peerId, call, true, attempt, placed.media);
    this.links.set(peerId, link);
    this.listenToConnection(peerId, call);
    this.awaitMedia(peerId, link, Math.min(timing.mediaTimeoutMs * 2 ** attempt, timing.maxMediaTimeoutMs));
  }

  /**
   * Places the call again if it brings no media in time. A call still setting up (ICE checking, DTLS)
   * gets longer instead: on a saturated machine or a slow network, starting over would never finish.
   */
  private awaitMedia(peerId: string, link: Link, waitMs: number): void {
    link.retryTimer = setTimeout(() => {
      if (this.links.get(peerId) !== link || (link.hasMedia && isUp(link.call))) return;
      const longest = handshakeStalled(link.call) ? timing.maxHandshakeWaitMs : timing.maxMediaTimeoutMs;
      if (isSettingUp(link.call) && waitMs < longest) {
        this.awaitMedia(peerId, link, Math.min(waitMs * 2, timing.maxMediaTimeoutMs));
        return;
      }
      this.listener.onCallOutcome('failed');
      this.place(peerId, link.attempt + 1);
    }, waitMs);
  }

  /** Calls back a caller whose call we answered and whose DTLS handshake never finishes (see timing). */
  private awaitAnsweredHandshake(peerId: string, link: Link): void {
    link.retryTimer = setTimeout(() => {
      if (this.links.get(peerId) !== link || isUp(link.call) || !link.call.open) return;
      if (!handshakeStalled(link.call)) {
        // ICE still checking (a slow network): the caller's own watchdog is the one to judge that.
        if (isSettingUp(link.call)) this.awaitAnsweredHandshake(peerId, link);
        return;
      }
      this.listener.onCallOutcome('failed');
      this.place(peerId, 1);
    }, timing.answeredHandshakeWaitMs);
  }

  private track(peerId: string, call: MediaConnection, placedByUs: boolean, attempt: number, media: CallMedia): Link {
    const onStream = (stream: MediaStream): void => {
      const link = this.links.get(peerId);
      if (link?.call !== call) return;
      if (!link.hasMedia) this.listener.onCallOutcome('connected');
      link.hasMedia = true;
      // Their stream comes with the answer, before ICE and DTLS: the watchdog stays until the call is up.
      if (isUp(call)) clearTimeout(link.retryTimer);
      media.remote ??= remoteMediaFor(call, media, placedByUs, stream, this.local.outgoing);
      this.listener.onMedia(peerId, media.remote);
      this.listener.onLinkState(peerId, 'connected');
    };
    const onEnd = (): void => {
      const link = this.links.get(peerId);
      if (link?.call !== call) return;
      link.hasMedia = false;
      this.listener.onLinkState(peerId, 'reconnecting');
      if (link.placedByUs) this.scheduleRetry(peerId, link.attempt + 1);
    };
    call.on('stream', onStream);
    call.on('close', onEnd);
    call.on('error', onEnd);
    // After two calls that brought nothing, say so rather than "connecting" forever.
    this.listener.onLinkState(peerId, attempt >= 2 ? 'failed' : 'connecting');
    return {
      call,
      placedByUs,
      attempt,
      hasMedia: false,
      media,
      detach: () => {
        call.off('stream', onStream);
        call.off('close', onEnd);
        call.off('error', onEnd);
      },
    };
  }

  /** Reports ICE trouble before PeerJS gives up on the call. */
  private listenToConnection(peerId: string, call: MediaConnection): void {
    const connection = call.peerConnection as RTCPeerConnection | undefined;
    connection?.addEventListener('connectionstatechange', () => {
      const link = this.links.get(peerId);
      if (link?.call !== call) return;
      if (connection.connectionState === 'disconnected') this.listener.onLinkState(peerId, 'reconnecting');
      if (connection.connectionState === 'connected' && link.hasMedia) {
        clearTimeout(link.retryTimer);
        this.listener.onLinkState(peerId, 'connected');
      }
    });
  }

  private scheduleRetry(peerId: string, attempt: number): void {
    this.cancelRetry(peerId);
    const delay = Math.min(timing.retryDelayMs * 2 ** Math.min(attempt, 6), timing.maxRetryDelayMs);
    this.retries.set(
      peerId,
      setTimeout(() => {
        this.retries.delete(peerId);
        this.place(peerId, attempt);
      }, delay),
    );
  }

  private cancelRetry(peerId: string): void {
    clearTimeout(this.retries.get(peerId));
    this.retries.delete(peerId);
  }

  private dispose(link: Link): void {
    clearTimeout(link.retryTimer);
    link.detach();
    link.call.close();
  }
}
