import type { ViewSize } from '../../shared/events.js';
import type { Mesh } from '../mesh/mesh.js';
import { qualitiesChanged, type RoomState } from '../room/state.js';
import type { Store } from '../room/store.js';
import type { SignalingSocket } from '../signaling/socket.js';
import { QualityController } from './controller.js';
import { adaptiveQualityEnabled } from './settings.js';
import { ViewReporter } from './views.js';

/**
 * Quality in one room, both halves: what we tell each sender about their tile (ViewReporter), and what we
 * send each receiver and how each call goes (QualityController). The session creates it, starts it, and
 * passes on the room's events; the grades land in the room's store.
 */
export class RoomQuality {
  private readonly views: ViewReporter;
  private readonly controller: QualityController;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: Store<RoomState>,
    mesh: Mesh,
    socket: SignalingSocket,
    isJoined: () => boolean,
  ) {
    this.views = new ViewReporter({
      participants: () =>
        [...store.get().participants.values()].map(({ info }) => ({ peerId: info.peerId, screen: info.screen })),
      send: (report) => socket.emit('view-size', report),
      canSend: () => isJoined() && socket.connected,
    });
    this.controller = new QualityController({
      connections: () => mesh.connections(),
      room: () => {
        const state = store.get();
        return {
          peers: state.participants.size,
          isPresent: (peerId) => state.participants.has(peerId),
          selfSpeaking: state.speaking.has('self'),
          source: state.self.screen ? 'screen' : 'camera',
          sendsVideo: (peerId) => {
            const info = state.participants.get(peerId)?.info;
            return !!info && (info.video || info.screen);
          },
        };
      },
      shows: (peerId) => this.views.shows(peerId),
      publish: (qualities) => store.update((state) => qualitiesChanged(state, qualities)),
      adaptive: adaptiveQualityEnabled(),
    });
  }

  start(): void {
    this.views.start();
    this.controller.start();
    // The speaking set is a new object only when it changed (state.ts), so this hears each change once.
    let speaking = this.store.get().speaking;
    this.unsubscribe ??= this.store.subscribe((state) => {
      if (state.speaking === speaking) return;
      speaking = state.speaking;
      this.views.speakingChanged(speaking);
    });
  }

  /** In the room (again): every sender hears our view of them afresh. */
  entered(): void {
    this.views.resendAll();
  }

  viewChanged(view: ViewSize): void {
    this.controller.viewChanged(view);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.views.stop();
    this.controller.stop();
  }
}
