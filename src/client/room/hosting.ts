import type { ErrorBody, Result } from '../../shared/errors.js';
import type { HostRequest, Knocking, RoomControlView, RoomMode } from '../../shared/events.js';
import type { HostAction } from '../../shared/schemas.js';
import { phrase } from '../i18n/index.js';
import { chime } from '../media/chime.js';
import type { SignalingSocket } from '../signaling/socket.js';
import { keepHostKey } from './identity.js';
import type { LocalControls } from './localControls.js';
import type { Notices } from './notices.js';
import type { RoomState } from './state.js';
import type { Store } from './store.js';

const answerWithinMs = 5000;

/**
 * The room's control as this page sees it (mode, passcode, hosts, the lobby for hosts), what hosts ask of
 * this participant (mute, unmute, stop sharing: the page does it, a host cannot), and the actions a host
 * takes. The server decides every rule; this only asks and shows.
 */
export class Hosting {
  constructor(
    private readonly socket: SignalingSocket,
    private readonly store: Store<RoomState>,
    private readonly notices: Notices,
    private readonly controls: LocalControls,
    private readonly roomId: string,
  ) {}

  start(): void {
    this.socket.on('room-updated', this.onControl);
    this.socket.on('lobby-updated', this.onLobby);
    this.socket.on('host-key', this.onHostKey);
    this.socket.on('host-request', this.onRequest);
  }

  close(): void {
    this.socket.off('room-updated', this.onControl);
    this.socket.off('lobby-updated', this.onLobby);
    this.socket.off('host-key', this.onHostKey);
    this.socket.off('host-request', this.onRequest);
  }

  /** What the join said: the room's control, a host key issued with it, the lobby (for a host). */
  entered(control: RoomControlView, hostKey: string | undefined, lobby: Knocking[] | undefined): void {
    if (hostKey) keepHostKey(this.roomId, hostKey);
    this.onControl(control);
    if (lobby) this.store.update((state) => ({ ...state, lobby }));
  }

  admit = (peerId: string) => this.act({ type: 'admit', peerId });
  deny = (peerId: string) => this.act({ type: 'deny', peerId });
  admitAll = () => this.act({ type: 'admit-all' });
  setMode = (mode: RoomMode) => this.act({ type: 'set-mode', mode });
  setPasscode = (passcode: string | null) => this.act({ type: 'set-passcode', passcode });
  mute = (peerId: string) => this.act({ type: 'mute', peerId });
  muteAll = () => this.act({ type: 'mute-all' });
  askUnmute = (peerId: string) => this.act({ type: 'ask-unmute', peerId });
  stopShare = (peerId: string) => this.act({ type: 'stop-share', peerId });
  remove = (peerId: string) => this.act({ type: 'remove', peerId });
  makeHost = (peerId: string) => this.act({ type: 'make-host', peerId });
  stepDown = () => this.act({ type: 'step-down' });
  endMeeting = () => this.act({ type: 'end-meeting' });

  /** The person answered a host's request to unmute (or waved it away). */
  answerUnmute(unmute: boolean): void {
    if (unmute) this.controls.setMedia('audio', true);
    this.store.update((state) => ({ ...state, unmuteAsked: undefined }));
  }

  /** Sends a host action; says why when the server refuses it (nothing changes then). */
  private async act(action: HostAction): Promise<ErrorBody | undefined> {
    const noAnswer: Result<null> = { ok: false, error: { code: 'shutting-down', message: 'no answer' } };
    const result: Result<null> = await this.socket
      .timeout(answerWithinMs)
      .emitWithAck('host-action', action)
      .catch(() => noAnswer);
    if (result.ok) return undefined;
    this.notices.show(phrase(`error.${result.error.code}`));
    return result.error;
  }

  private readonly onControl = (control: RoomControlView): void => {
    this.store.update((state) => {
      const wasHost = state.self.host;
      const host = control.hosts.includes(state.selfPeerId);
      if (host && !wasHost && state.membership.phase === 'joined') this.notices.show(phrase('host.youAreHost'));
      return { ...state, control, self: { ...state.self, host }, lobby: host ? state.lobby : [] };
    });
  };

  private readonly onLobby = (lobby: Knocking[]): void => {
    const before = new Set(this.store.get().lobby.map((knocker) => knocker.peerId));
    const arrived = lobby.filter((knocker) => !before.has(knocker.peerId));
    this.store.update((state) => ({ ...state, lobby }));
    if (arrived.length === 0) return;
    chime();
    for (const knocker of arrived) this.notices.show(phrase('lobby.knocks', { name: knocker.name }));
  };

  private readonly onHostKey = ({ roomId, hostKey }: { roomId: string; hostKey: string }): void => {
    if (roomId === this.roomId) keepHostKey(roomId, hostKey);
  };

  private readonly onRequest = (request: HostRequest): void => {
    switch (request.type) {
      case 'mute':
        this.controls.setMedia('audio', false);
        this.notices.show(phrase('host.mutedYou', { name: request.by }));
        return;
      case 'stop-share':
        if (this.store.get().self.screen) void this.controls.toggleScreenShare();
        this.notices.show(phrase('host.stoppedYourShare', { name: request.by }));
        return;
      case 'ask-unmute':
        // Only the person can turn their microphone on: they are asked, and choose.
        if (!this.store.get().self.audio) this.store.update((state) => ({ ...state, unmuteAsked: request.by }));
    }
  };
}
