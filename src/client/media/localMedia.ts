import type { Phrase } from '../i18n/index.js';
import { callTracks, type CallShape, type OutgoingMedia } from '../mesh/callMedia.js';
import type { DeviceChoice } from './devices.js';
import { blankVideoTrack, silentAudioTrack } from './placeholders.js';
import { describeMediaProblem, insecureContextProblem, isBlocked } from './problems.js';
import { captureScreen } from './screenCapture.js';

export type TrackKind = 'audio' | 'video';

export interface AcquireResult {
  hasMicrophone: boolean;
  hasCamera: boolean;
  /** A device is missing because permission was refused (asking again may help once it is allowed). */
  blocked: boolean;
  problem?: Phrase;
}

const cameraShape: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24, max: 30 },
};

const cameraConstraints = (deviceId?: string, exact = false): MediaTrackConstraints => ({
  ...cameraShape,
  ...(deviceId ? { deviceId: exact ? { exact: deviceId } : { ideal: deviceId } } : {}),
});

const microphoneConstraints = (deviceId?: string, exact = false): MediaTrackConstraints | boolean =>
  deviceId ? { deviceId: exact ? { exact: deviceId } : { ideal: deviceId } } : true;

/**
 * The participant's own camera, microphone and screen. Every call always sends one audio track and the
 * camera's video (a stand-in without a real device), and a Parley call a second video for the screen, so that
 * every change is a `replaceTrack` on each call, never a renegotiation (see mesh/callMedia.ts).
 */
export class LocalMedia {
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  /** The latest on/off the person asked for, which wins over a camera that is still starting. */
  private cameraWanted = true;
  private microphoneEnabled = true;
  private choice: DeviceChoice = {};
  /** Stand-ins; `screenSlot` only opens a call's screen m-line and is replaced by nothing at once. */
  private readonly placeholders: Record<TrackKind | 'screenSlot', MediaStreamTrack>;

  constructor(
    /** What the calls send changed: audio, or video (the camera or the screen). */
    private readonly onChange: (kind: TrackKind) => void,
    /** The screen share ended from outside (the browser's own "Stop sharing" button). */
    private readonly onScreenEnded: () => void = () => undefined,
  ) {
    this.placeholders = { audio: silentAudioTrack(), video: blankVideoTrack(), screenSlot: blankVideoTrack(16, 16) };
  }

  /** What the calls send now. */
  get outgoing(): OutgoingMedia {
    return {
      audio: this.microphone ?? this.placeholders.audio,
      camera: this.camera ?? this.placeholders.video,
      screen: this.screen,
    };
  }

  /** A new stream to place or answer a call of this shape with (its tracks in m-line order). */
  callStream(shape: CallShape): { stream: MediaStream; tracks: MediaStreamTrack[] } {
    const tracks = callTracks(shape, this.outgoing, this.placeholders.screenSlot);
    return { stream: new MediaStream(tracks), tracks };
  }

  /** The screen being shared, for the presenter's own small preview. */
  get screenTrack(): MediaStreamTrack | null {
    return this.screen;
  }

  get hasCamera(): boolean {
    return this.camera !== null;
  }

  get hasMicrophone(): boolean {
    return this.microphone !== null;
  }

  get isSharingScreen(): boolean {
    return this.screen !== null;
  }

  /** The real microphone track, for level meters (null without a microphone). */
  get microphoneTrack(): MediaStreamTrack | null {
    return this.microphone;
  }

  /** The devices in use (ids), as the browser reports them. */
  get devicesInUse(): DeviceChoice {
    const idOf = (track: MediaStreamTrack | null) => track?.getSettings().deviceId;
    return {
      ...this.choice,
      ...(idOf(this.camera) ? { camera: idOf(this.camera) } : {}),
      ...(idOf(this.microphone) ? { microphone: idOf(this.microphone) } : {}),
    };
  }

  /**
   * Asks for camera and microphone (the remembered devices when they are still there); falls back to
   * whichever one is available. With `camera: false` (the person left it off last time) the camera is not
   * opened at all, so its light never comes on: only whether there is one is read. Never throws.
   */
  async acquire(choice: DeviceChoice = {}, { camera = true } = {}): Promise<AcquireResult> {
    this.choice = { ...choice };
    this.cameraWanted = camera;
    if (!navigator.mediaDevices?.getUserMedia) {
      return { hasMicrophone: false, hasCamera: false, blocked: false, problem: insecureContextProblem };
    }
    let problem: Phrase | undefined;
    let blocked = false;
    const audio = microphoneConstraints(choice.microphone);
    const video = cameraConstraints(choice.camera);
    try {
      this.install(await navigator.mediaDevices.getUserMedia(camera ? { audio, video } : { audio }));
    } catch (error) {
      problem = describeMediaProblem(error, camera ? 'cameraAndMicrophone' : 'microphone');
      blocked = isBlocked(error);
      const alone = await Promise.allSettled([
        navigator.mediaDevices.getUserMedia({ audio }),
        ...(camera ? [navigator.mediaDevices.getUserMedia({ video })] : []),
      ]);
      for (const outcome of alone) if (outcome.status === 'fulfilled') this.install(outcome.value);
      if (this.microphone && !this.camera) problem = camera ? describeMediaProblem(error, 'camera') : undefined;
      if (this.camera && !this.microphone) problem = describeMediaProblem(error, 'microphone');
    }
    const hasCamera = this.hasCamera || (!camera && (await cameraPresent()));
    return {
      hasMicrophone: this.hasMicrophone,
      hasCamera,
      blocked: blocked && !(this.hasMicrophone && hasCamera),
      ...(problem ? { problem } : {}),
    };
  }

  /** Microphone: muted in place (instant, and the browser keeps the device ready). */
  setMicrophoneEnabled(enabled: boolean): void {
    this.microphoneEnabled = enabled;
    if (this.microphone) this.microphone.enabled = enabled;
  }

  /**
   * Camera off releases the device (its light goes out) and sends the stand-in; camera on asks for it
   * again. Returns a message when the camera cannot be had back.
   */
  async setCameraEnabled(enabled: boolean): Promise<Phrase | undefined> {
    this.cameraWanted = enabled;
    if (!enabled) {
      if (!this.camera) return undefined;
      this.camera.stop();
      this.camera = null;
      this.sendVideo();
      return undefined;
    }
    if (this.camera) return undefined;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(this.choice.camera) });
      // Switched off again while the camera was starting: release it at once.
      if (!this.cameraWanted) {
        for (const track of stream.getTracks()) track.stop();
        return undefined;
      }
      this.install(stream);
      return undefined;
    } catch (error) {
      return describeMediaProblem(error, 'camera');
    }
  }

  /** Switches to another microphone, keeping it muted or not. Returns a message when it cannot. */
  useMicrophone(deviceId: string): Promise<Phrase | undefined> {
    this.choice.microphone = deviceId;
    if (this.microphone?.getSettings().deviceId === deviceId) return Promise.resolve(undefined);
    return this.switchTo('audio', deviceId);
  }

  /** Switches to another camera; with the camera off, only remembers the choice for when it comes on. */
  useCamera(deviceId: string): Promise<Phrase | undefined> {
    this.choice.camera = deviceId;
    if (!this.camera || this.camera.getSettings().deviceId === deviceId) return Promise.resolve(undefined);
    return this.switchTo('video', deviceId);
  }

  /** Opens `deviceId`, then lets the old device go and sends the new one (the old one stays on failure). */
  private async switchTo(kind: TrackKind, deviceId: string): Promise<Phrase | undefined> {
    const what = kind === 'audio' ? 'microphone' : 'camera';
    try {
      const stream = await navigator.mediaDevices.getUserMedia(
        kind === 'audio'
          ? { audio: microphoneConstraints(deviceId, true) }
          : { video: cameraConstraints(deviceId, true) },
      );
      // Switched off while the new camera was starting: release it.
      if (kind === 'video' && !this.cameraWanted) {
        for (const track of stream.getTracks()) track.stop();
        return undefined;
      }
      this[what]?.stop();
      this[what] = null;
      this.install(stream);
      return undefined;
    } catch (error) {
      return describeMediaProblem(error, what);
    }
  }

  /**
   * Sends the screen too (on its own track; to a seed client, instead of the camera). Returns undefined once
   * sharing, or a message when the person cancelled or the browser refused.
   */
  async startScreenShare(): Promise<Phrase | undefined> {
    if (this.screen) return undefined;
    const captured = await captureScreen();
    if ('problem' in captured) return captured.problem;
    const { track } = captured;
    track.addEventListener('ended', () => {
      if (this.screen !== track) return;
      this.stopScreenShare();
      this.onScreenEnded();
    });
    this.screen = track;
    this.sendVideo();
    return undefined;
  }

  /** Stops sending the screen. */
  stopScreenShare(): void {
    if (!this.screen) return;
    this.screen.stop();
    this.screen = null;
    this.sendVideo();
  }

  stop(): void {
    for (const track of [this.microphone, this.camera, this.screen, ...Object.values(this.placeholders)]) track?.stop();
  }

  private install(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      const kind = track.kind as TrackKind;
      if (kind === 'audio' && !this.microphone) {
        this.microphone = track;
        track.enabled = this.microphoneEnabled;
        this.onChange('audio');
      } else if (kind === 'video' && !this.camera) {
        this.camera = track;
        this.sendVideo();
      } else {
        track.stop();
      }
    }
  }

  private sendVideo(): void {
    this.onChange('video');
  }
}

/** Whether the browser lists a camera (without opening it: the entries may have no label or id yet). */
async function cameraPresent(): Promise<boolean> {
  const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
  return devices.some((device) => device.kind === 'videoinput');
}
