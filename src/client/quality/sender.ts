import { sameEncoding, type VideoEncoding, type VideoSource } from './budgets.js';

/**
 * Applies budgets to one call's senders with `RTCRtpSender.setParameters`: no renegotiation, effective
 * within a frame or two. Audio gets the highest priority on the link (more of the congestion controller's
 * estimate, and DSCP marking where the network honours it) and is never capped. Calls to setParameters on
 * one sender are never concurrent (each needs the transaction of a fresh getParameters); a budget that
 * arrives while one is being applied replaces any other waiting, so only the latest is applied next.
 */
export class CallSenders {
  private applied: { sender: RTCRtpSender; encoding: VideoEncoding; source: VideoSource } | undefined;
  private waiting: { encoding: VideoEncoding; source: VideoSource } | undefined;
  private busy = false;
  private prioritized: RTCRtpSender | undefined;

  constructor(private readonly connection: RTCPeerConnection) {}

  /** The video encoding in force (what was last applied successfully), for the stats panel and tests. */
  get encoding(): VideoEncoding | undefined {
    return this.applied?.encoding;
  }

  /** Sets the video sender's budget, if it changed (or the sender did). */
  applyVideo(encoding: VideoEncoding, source: VideoSource): void {
    const sender = this.sender('video');
    if (!sender) return;
    if (screenHint(sender.track, source)) this.applied = undefined;
    const current = this.applied;
    if (current?.sender === sender && current.source === source && sameEncoding(current.encoding, encoding)) return;
    this.waiting = { encoding, source };
    if (!this.busy) void this.drain();
  }

  /** Audio first on this link: once per audio sender (a re-placed call has a new one). */
  prioritizeAudio(): void {
    const sender = this.sender('audio');
    if (!sender || this.prioritized === sender) return;
    this.prioritized = sender;
    const parameters = sender.getParameters();
    const [first] = parameters.encodings;
    if (!first) return;
    first.priority = 'high';
    first.networkPriority = 'high';
    sender.setParameters(parameters).catch((error: unknown) => {
      this.prioritized = undefined;
      console.warn('could not prioritise audio', error);
    });
  }

  private sender(kind: 'audio' | 'video'): RTCRtpSender | undefined {
    if (this.connection.connectionState === 'closed') return undefined;
    return this.connection.getSenders().find((candidate) => candidate.track?.kind === kind);
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting) {
        const { encoding, source } = this.waiting;
        this.waiting = undefined;
        const sender = this.sender('video');
        if (!sender) return;
        if (await setVideoParameters(sender, encoding, source)) this.applied = { sender, encoding, source };
      }
    } finally {
      this.busy = false;
    }
  }
}

/**
 * Camera: keep the frame rate and let the browser's own adaptation take resolution (our ladder does the
 * same, in the same order). Screen: keep the resolution, let frames go.
 */
const preferences: Record<VideoSource, RTCDegradationPreference> = {
  camera: 'maintain-framerate',
  screen: 'maintain-resolution',
};

async function setVideoParameters(
  sender: RTCRtpSender,
  encoding: VideoEncoding,
  source: VideoSource,
): Promise<boolean> {
  // A browser that refuses degradationPreference gets the budget without it: the budget matters more.
  for (const preference of [preferences[source], undefined]) {
    const parameters = sender.getParameters();
    const [first] = parameters.encodings;
    // No encodings before the call is negotiated: the next sample applies it.
    if (!first) return false;
    Object.assign(first, encoding);
    if (preference) parameters.degradationPreference = preference;
    try {
      await sender.setParameters(parameters);
      return true;
    } catch (error) {
      if (!preference) console.warn('could not apply a video budget', error);
    }
  }
  return false;
}

/** A screen's track says its content is detail (text, lines), so the encoder keeps it sharp. True if changed. */
function screenHint(track: MediaStreamTrack | null, source: VideoSource): boolean {
  if (!track || source !== 'screen' || track.contentHint === 'detail') return false;
  track.contentHint = 'detail';
  return true;
}
