import { blankVideoTrack, silentAudioTrack } from './placeholders.js';
import { describeMediaProblem, insecureContextProblem } from './problems.js';

export type TrackKind = 'audio' | 'video';

export interface AcquireResult {
  hasMicrophone: boolean;
  hasCamera: boolean;
  problem?: string;
}

const videoConstraints: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24, max: 30 },
};

/**
 * The participant's own camera and microphone. `stream` is what every call sends: always exactly one
 * audio and one video track, stand-ins until (or unless) real devices are there.
 */
export class LocalMedia {
  readonly stream = new MediaStream();
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  /** The latest on/off the person asked for, which wins over a camera that is still starting. */
  private cameraWanted = true;
  private readonly placeholders: Record<TrackKind, MediaStreamTrack>;

  constructor(private readonly onTrackChange: (kind: TrackKind, track: MediaStreamTrack) => void) {
    this.placeholders = { audio: silentAudioTrack(), video: blankVideoTrack() };
    this.stream.addTrack(this.placeholders.audio);
    this.stream.addTrack(this.placeholders.video);
  }

  get hasCamera(): boolean {
    return this.camera !== null;
  }

  get hasMicrophone(): boolean {
    return this.microphone !== null;
  }

  /** Asks for camera and microphone; falls back to whichever one is available. Never throws. */
  async acquire(): Promise<AcquireResult> {
    if (!navigator.mediaDevices?.getUserMedia) {
      return { hasMicrophone: false, hasCamera: false, problem: insecureContextProblem };
    }
    let problem: string | undefined;
    try {
      const both = await navigator.mediaDevices.getUserMedia({ audio: true, video: videoConstraints });
      this.install(both);
    } catch (error) {
      problem = describeMediaProblem(error, 'camera and microphone');
      const alone = await Promise.allSettled([
        navigator.mediaDevices.getUserMedia({ audio: true }),
        navigator.mediaDevices.getUserMedia({ video: videoConstraints }),
      ]);
      for (const outcome of alone) if (outcome.status === 'fulfilled') this.install(outcome.value);
      if (this.microphone && !this.camera) problem = describeMediaProblem(error, 'camera');
      if (this.camera && !this.microphone) problem = describeMediaProblem(error, 'microphone');
    }
    return { hasMicrophone: this.hasMicrophone, hasCamera: this.hasCamera, ...(problem ? { problem } : {}) };
  }

  /** Microphone: muted in place (instant, and the browser keeps the device ready). */
  setMicrophoneEnabled(enabled: boolean): void {
    if (this.microphone) this.microphone.enabled = enabled;
  }

  /**
   * Camera off releases the device (its light goes out) and sends the stand-in; camera on asks for it
   * again. Returns a message when the camera cannot be had back.
   */
  async setCameraEnabled(enabled: boolean): Promise<string | undefined> {
    this.cameraWanted = enabled;
    if (!enabled) {
      if (!this.camera) return undefined;
      this.camera.stop();
      this.camera = null;
      this.swap('video', this.placeholders.video);
      return undefined;
    }
    if (this.camera) return undefined;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: videoConstraints });
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

  stop(): void {
    for (const track of [this.microphone, this.camera, this.placeholders.audio, this.placeholders.video]) track?.stop();
  }

  private install(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      const kind = track.kind as TrackKind;
      if (kind === 'audio' && !this.microphone) this.microphone = track;
      else if (kind === 'video' && !this.camera) this.camera = track;
      else {
        track.stop();
        continue;
      }
      this.swap(kind, track);
    }
  }

  private swap(kind: TrackKind, track: MediaStreamTrack): void {
    for (const old of this.stream.getTracks()) if (old.kind === kind) this.stream.removeTrack(old);
    this.stream.addTrack(track);
    this.onTrackChange(kind, track);
  }
}
