import type { Peer } from 'peerjs';
import type { JoinOptions, KnockOptions } from '../../shared/schemas.js';
import type { JoinedRoom, MembershipEnded } from '../../shared/events.js';
import { markOnce } from '../perf.js';
import type { SignalingSocket } from '../signaling/socket.js';
import {
  initialMembership,
  next,
  type Membership,
  type MembershipEffect,
  type MembershipEvent,
  type MembershipState,
} from './membership.js';

const joinTimeoutMs = 5000;
/** PeerJS reconnects 0.5 s after losing its server, then up to 4 s apart. */
const peerRetryMs = { first: 500, most: 4000 } as const;

export interface ConnectionListener {
  /** The membership changed (for the page to show). */
  changed(membership: Membership): void;
  /** In the room: first time, or again after a reconnection. */
  entered(room: JoinedRoom, again: boolean): void;
  /** Was in the room and lost a connection (calls go on meanwhile). */
  lost(): void;
  ended(phase: 'left' | 'refused' | 'removed'): void;
  /** The host key kept for this room no longer opens it. */
  forgetHostKey(): void;
}

/**
 * Runs the membership machine: feeds it what the two connections do, and carries out what it decides (send
 * the join, retry later, reconnect a connection the server closed). The one place for retry, resume and
 * restart.
 */
export class RoomConnection {
  private state: MembershipState = initialMembership;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private peerRetryTimer?: ReturnType<typeof setTimeout>;
  private peerRetries = 0;

  constructor(
    private readonly socket: SignalingSocket,
    private readonly peer: Peer,
    private readonly peerToken: string,
    private readonly roomId: string,
    /** What the join says about us now (name, devices, host key, passcode, the last chat message we have). */
    private readonly joinOptions: () => Omit<JoinOptions, 'resume' | 'peerToken'>,
    private readonly listener: ConnectionListener,
  ) {}

  get membership(): Membership {
    return this.state.membership;
  }

  get isJoined(): boolean {
    return this.state.membership.phase === 'joined';
  }

  start(): void {
    this.peer.on('open', this.onPeerOpen);
    this.peer.on('disconnected', this.onPeerDisconnected);
    this.socket.on('connect', this.onSocketConnect);
    this.socket.on('disconnect', this.onSocketDisconnect);
    this.socket.on('server-restarting', this.onServerRestarting);
    this.socket.on('membership-ended', this.onSeatEnded);
    this.socket.on('lobby-decision', this.onLobbyDecision);
    if (this.peer.open) this.onPeerOpen();
    if (this.socket.connected) this.onSocketConnect();
  }

  dispatch(event: MembershipEvent): void {
    const { state, effects } = next(this.state, event);
    const changed = state.membership !== this.state.membership;
    this.state = state;
    if (changed) this.listener.changed(state.membership);
    for (const effect of effects) this.run(effect);
  }

  close(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.peerRetryTimer);
    this.peer.off('open', this.onPeerOpen);
    this.peer.off('disconnected', this.onPeerDisconnected);
    this.socket.off('connect', this.onSocketConnect);
    this.socket.off('disconnect', this.onSocketDisconnect);
    this.socket.off('server-restarting', this.onServerRestarting);
    this.socket.off('membership-ended', this.onSeatEnded);
    this.socket.off('lobby-decision', this.onLobbyDecision);
  }

  private run(effect: MembershipEffect): void {
    switch (effect.type) {
      case 'send-join':
        return this.sendJoin(effect.resumeToken);
      case 'send-knock':
        return this.sendKnock();
      case 'forget-host-key':
        return this.listener.forgetHostKey();
      case 'retry-in':
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.dispatch({ type: 'retry-due' }), effect.delayMs);
        return;
      case 'entered':
        clearTimeout(this.retryTimer);
        markOnce('joined');
        return this.listener.entered(effect.room, effect.again);
      case 'lost':
        return this.listener.lost();
      case 'ended':
        clearTimeout(this.retryTimer);
        return this.listener.ended(effect.phase);
    }
  }

  private sendJoin(resumeToken: string | undefined): void {
    const options: JoinOptions = {
      ...this.joinOptions(),
      peerToken: this.peerToken,
      ...(resumeToken ? { resume: resumeToken } : {}),
    };
    this.socket
      .timeout(joinTimeoutMs)
      .emitWithAck('join-room', this.roomId, this.peer.id, options)
      .then(
        (result) =>
          this.dispatch(
            result.ok ? { type: 'join-acked', room: result.data } : { type: 'join-refused', error: result.error },
          ),
        () => this.dispatch({ type: 'join-timed-out' }),
      );
  }

  private sendKnock(): void {
    const { name, passcode, device } = this.joinOptions();
    const options: KnockOptions = {
      ...(name ? { name } : {}),
      ...(passcode ? { passcode } : {}),
      ...(device ? { device } : {}),
      peerToken: this.peerToken,
    };
    this.socket
      .timeout(joinTimeoutMs)
      .emitWithAck('knock', this.roomId, this.peer.id, options)
      .then(
        (result) =>
          this.dispatch(
            result.ok ? { type: 'knock-acked', ticket: result.data } : { type: 'knock-refused', error: result.error },
          ),
        () => this.dispatch({ type: 'knock-timed-out' }),
      );
  }

  private readonly onPeerOpen = (): void => {
    markOnce('peer-open');
    this.peerRetries = 0;
    this.dispatch({ type: 'channel', channel: 'peer', up: true });
  };

  private readonly onPeerDisconnected = (): void => {
    this.dispatch({ type: 'channel', channel: 'peer', up: false });
    this.schedulePeerReconnect();
  };

  private schedulePeerReconnect(): void {
    clearTimeout(this.peerRetryTimer);
    const delay = Math.min(peerRetryMs.first * 2 ** this.peerRetries++, peerRetryMs.most);
    this.peerRetryTimer = setTimeout(() => {
      if (this.peer.destroyed || !this.peer.disconnected) return;
      this.peer.reconnect();
      // A reconnection that does not open in time is tried again.
      this.peerRetryTimer = setTimeout(() => {
        if (this.peer.disconnected && !this.peer.destroyed) this.schedulePeerReconnect();
      }, joinTimeoutMs);
    }, delay);
  }

  private readonly onSocketConnect = (): void => {
    markOnce('signaling-connected');
    this.dispatch({ type: 'channel', channel: 'signaling', up: true });
  };

  private readonly onSocketDisconnect = (reason: string): void => {
    this.dispatch({ type: 'channel', channel: 'signaling', up: false });
    // socket.io reconnects by itself after a lost connection, but not when the server closed it (as it does
    // when it restarts): then we ask again, once the server has had a moment.
    if (reason === 'io server disconnect') {
      setTimeout(() => {
        if (!this.socket.connected && this.state.membership.phase !== 'left') this.socket.connect();
      }, 1000);
    }
  };

  private readonly onServerRestarting = (): void => this.dispatch({ type: 'server-restarting' });

  private readonly onSeatEnded = (ended: MembershipEnded): void =>
    this.dispatch(
      ended.reason === 'connection-lost' ? { type: 'seat-lost' } : { type: 'seat-ended', reason: ended.reason },
    );

  private readonly onLobbyDecision = ({ admitted }: { admitted: boolean }): void =>
    this.dispatch({ type: 'lobby-decision', admitted });
}
