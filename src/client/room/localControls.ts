import { rememberDevices, trackKindOf, type DeviceKind } from '../media/devices.js';
import type { LocalMedia, TrackKind } from '../media/localMedia.js';
import { selfChanged, type RoomState } from './state.js';
import type { Store } from './store.js';

/**
 * What the person changes about themselves: microphone, camera, screen, hand and devices. Each change
 * shows on the page at once and is published to the room.
 */
export class LocalControls {
  constructor(
    private readonly media: LocalMedia,
    private readonly store: Store<RoomState>,
    private readonly publish: { media: () => void; hand: (raised: boolean) => void },
    private readonly isOver: () => boolean,
  ) {}

  setMedia(kind: TrackKind, enabled: boolean): void {
    const { self } = this.store.get();
    const available = kind === 'audio' ? self.hasMicrophone : self.hasCamera;
    if (enabled && !available && self.mediaReady) return;
    this.store.update((state) => selfChanged(state, { [kind]: enabled }));
    this.publish.media();
    // Devices still starting: the wish is applied when they are there (RoomSession.acquireMedia).
    if (!self.mediaReady) return;
    if (kind === 'audio') {
      this.media.setMicrophoneEnabled(enabled);
      return;
    }
    void this.media.setCameraEnabled(enabled).then((problem) => {
      if (!problem || this.isOver()) return;
      this.store.update((state) => ({ ...selfChanged(state, { video: false }), mediaProblem: problem }));
      this.publish.media();
    });
  }

  async toggleScreenShare(): Promise<void> {
    if (this.media.isSharingScreen) {
      this.media.stopScreenShare();
      this.screenEnded();
      return;
    }
    const problem = await this.media.startScreenShare();
    if (this.isOver()) {
      this.media.stopScreenShare();
      return;
    }
    if (problem) {
      this.store.update((state) => ({ ...state, mediaProblem: problem }));
      return;
    }
    this.store.update((state) => selfChanged(state, { screen: true }));
    this.publish.media();
  }

  /** Sharing stopped (by us, or by the browser's own "Stop sharing"). */
  readonly screenEnded = (): void => {
    if (!this.store.get().self.screen) return;
    this.store.update((state) => selfChanged(state, { screen: false }));
    this.publish.media();
  };

  setHand(raised: boolean): void {
    this.store.update((state) => selfChanged(state, { hand: raised }));
    this.publish.hand(raised);
  }

  async chooseDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.store.update((state) => ({ ...state, chosenDevices: { ...state.chosenDevices, [kind]: deviceId } }));
    rememberDevices(this.store.get().chosenDevices);
    if (kind === 'speaker') return;
    const problem =
      trackKindOf(kind) === 'audio' ? await this.media.useMicrophone(deviceId) : await this.media.useCamera(deviceId);
    if (problem && !this.isOver()) this.store.update((state) => ({ ...state, mediaProblem: problem }));
  }
}
