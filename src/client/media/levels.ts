import { sharedAudioContext } from './audioContext.js';

/**
 * How loud a local track is, from 0 (silence) to about 1 (full scale), on the same linear scale as
 * WebRTC's `audioLevel`, so local and remote speakers are judged alike.
 */
export class TrackLevel {
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(readonly track: MediaStreamTrack) {
    const context = sharedAudioContext();
    this.source = context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    this.source.connect(this.analyser);
  }

  /** Root mean square of the last ~20 ms; 0 while the track is muted. */
  read(): number {
    if (!this.track.enabled || this.track.readyState !== 'live') return 0;
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    return Math.min(1, Math.sqrt(sum / this.samples.length));
  }

  close(): void {
    this.source.disconnect();
  }
}

/** Levels above this count as sound (about -36 dBFS: speech close to a microphone, not room noise). */
export const speechLevel = 0.015;
/** Someone stays "speaking" through pauses shorter than this. */
export const speechHoldMs = 800;

/**
 * Who is speaking, from sampled levels: on as soon as a level passes the threshold, off after a pause
 * longer than the hold time. Pure: the caller supplies levels and the time.
 */
export class SpeakingDetector {
  private readonly lastHeard = new Map<string, number>();

  /** Records the levels sampled at `now`; returns the ids speaking now. */
  sample(levels: ReadonlyMap<string, number>, now: number): Set<string> {
    for (const [id, level] of levels) if (level >= speechLevel) this.lastHeard.set(id, now);
    const speaking = new Set<string>();
    for (const [id, heard] of this.lastHeard) {
      if (!levels.has(id) || now - heard > speechHoldMs) this.lastHeard.delete(id);
      else speaking.add(id);
    }
    return speaking;
  }
}
