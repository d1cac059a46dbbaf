import { resumeAudio } from '../media/audioContext.js';
import { markOnce } from '../perf.js';
import { listDevices, rememberDevices, rememberedDevices, trackKindOf, type DeviceKind } from '../media/devices.js';
import type { AcquireResult, LocalMedia, TrackKind } from '../media/localMedia.js';
import { preferredMedia, rememberMedia } from './identity.js';
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

  /**
   * Asks for camera and microphone (the devices chosen last time, when they are still there), then keeps
   * the device lists current. Wishes made while the devices were starting (microphone off) are honoured.
   */
  async acquire(): Promise<void> {
    navigator.mediaDevices?.addEventListener('devicechange', this.refreshDevices);
    // A camera left off last time stays closed (its light never blinks on).
    const result = await this.media.acquire(rememberedDevices(), { camera: this.store.get().self.video });
    markOnce('devices-ready');
    if (this.isOver()) {
      this.media.stop();
      return;
    }
    // Browsers let a page that is capturing run audio without a click: the level meter can start now.
    resumeAudio();
    await this.apply(result, false);
    if (result.blocked) void this.watchPermissions();
    await this.refreshDevices();
  }

  /**
   * Asks for camera and microphone again, after the browser blocked them: from the "Allow" button, or by
   * itself when the browser says the permission changed. What arrives replaces the stand-ins on every call.
   */
  async retryMedia(): Promise<void> {
    if (this.isOver()) return;
    // A permission granted while a request is under way (it may have been refused just before): once more
    // after it, or the grant would be lost.
    if (this.retrying) {
      this.retryAgain = true;
      return;
    }
    this.retrying = true;
    try {
      do {
        this.retryAgain = false;
        const result = await this.media.acquire(rememberedDevices(), { camera: preferredMedia().video });
        if (this.isOver()) return;
        resumeAudio();
        await this.apply(result, true);
        this.publish.media();
        await this.refreshDevices();
      } while (this.retryAgain && this.store.get().self.mediaBlocked);
    } finally {
      this.retrying = false;
    }
  }

  private retrying = false;
  private retryAgain = false;
  private permissions: PermissionStatus[] = [];

  /** What a request for devices brought, on the page: devices, their state, and any problem. */
  private async apply(result: AcquireResult, again: boolean): Promise<void> {
    // Devices that arrive after a block come on as the person last chose (their toggles were disabled).
    const wanted = again ? preferredMedia() : this.store.get().self;
    if (!wanted.audio) this.media.setMicrophoneEnabled(false);
    if (!wanted.video) await this.media.setCameraEnabled(false);
    this.store.update((state) => {
      const { mediaProblem, ...rest } = state;
      // Asked again and nothing is missing now: the old message goes.
      const problem = result.problem ?? (again ? undefined : mediaProblem);
      return {
        ...rest,
        ...(problem ? { mediaProblem: problem } : {}),
        chosenDevices: { ...state.chosenDevices, ...this.media.devicesInUse },
        self: {
          ...state.self,
          mediaReady: true,
          hasMicrophone: result.hasMicrophone,
          hasCamera: result.hasCamera,
          mediaBlocked: result.blocked,
          microphone: this.media.microphoneTrack,
          audio: (again ? wanted.audio : state.self.audio) && result.hasMicrophone,
          video: (again ? wanted.video : state.self.video) && result.hasCamera,
        },
      };
    });
  }

  /** Asks the browser to say when camera or microphone permission changes (the person allowed them). */
  private async watchPermissions(): Promise<void> {
    if (!navigator.permissions?.query || this.permissions.length > 0) return;
    for (const name of ['camera', 'microphone']) {
      // 'camera' and 'microphone' are not in every browser's PermissionName list (Firefox has no camera).
      const status = await navigator.permissions.query({ name: name as PermissionName }).catch(() => undefined);
      if (!status || this.isOver()) continue;
      status.addEventListener('change', this.onPermissionChange);
      this.permissions.push(status);
    }
  }

  private readonly onPermissionChange = (event: Event): void => {
    const status = event.target as PermissionStatus;
    if (status.state === 'granted' && this.store.get().self.mediaBlocked) void this.retryMedia();
  };

  /** Releases every device. */
  stop(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.refreshDevices);
    for (const status of this.permissions) status.removeEventListener('change', this.onPermissionChange);
    this.permissions = [];
    this.media.stop();
  }

  private readonly refreshDevices = async (): Promise<void> => {
    const devices = await listDevices().catch(() => undefined);
    if (devices && !this.isOver()) this.store.update((state) => ({ ...state, devices }));
  };

  setMedia(kind: TrackKind, enabled: boolean): void {
    const { self } = this.store.get();
    const available = kind === 'audio' ? self.hasMicrophone : self.hasCamera;
    if (enabled && !available && self.mediaReady) return;
    rememberMedia(kind, enabled);
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
    this.store.update((state) => selfChanged(state, raised ? { hand: true } : { hand: false, handOrder: undefined }));
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
