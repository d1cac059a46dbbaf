import { SpeakingDetector, TrackLevel } from '../media/levels.js';

const sampleMs = 150;

/**
 * Samples audio levels (ours from the microphone, the others' from what their calls deliver) a few times a
 * second and reports who is speaking whenever that changes.
 */
export class SpeakingMonitor {
  private readonly detector = new SpeakingDetector();
  private local: TrackLevel | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly remoteLevels: () => Map<string, number>,
    private readonly onSpeaking: (speaking: ReadonlySet<string>) => void,
  ) {}

  /** The microphone to measure as 'self' (null: none). */
  useMicrophone(track: MediaStreamTrack | null): void {
    if (this.local?.track === track) return;
    this.local?.close();
    this.local = track ? new TrackLevel(track) : undefined;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      const levels = this.remoteLevels();
      if (this.local) levels.set('self', this.local.read());
      this.onSpeaking(this.detector.sample(levels, performance.now()));
    }, sampleMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.local?.close();
    this.local = undefined;
  }
}
