import { screenSender } from '../mesh/callMedia.js';
import { sameEncoding, type VideoEncoding, type VideoSource } from './budgets.js';

/** Which of a call's video senders: the camera's, or (on a call with two videos) the screen's. */
export type VideoSlot = 'camera' | 'screen';

/**
 * One video sender's budget. Calls to setParameters on a sender are never concurrent (each needs the
 * transaction of a fresh getParameters); a budget that arrives while one is being applied replaces any other
 * waiting, so only the latest is applied next.
 */
class SenderBudget {
  private applied: { sender: RTCRtpSender; encoding: VideoEncoding; source: VideoSource } | undefined;
  private waiting: { encoding: VideoEncoding; source: VideoSource } | undefined;
  private busy = false;

  constructor(private readonly find: () => RTCRtpSender | undefined) {}

  get encoding(): VideoEncoding | undefined {
    return this.applied?.encoding;
  }

  apply(encoding: VideoEncoding, source: VideoSource): void {
    const sender = this.find();
    if (!sender) return;
    if (screenHint(sender.track, source)) this.applied = undefined;
    const current = this.applied;
    if (current?.sender === sender && current.source === source && sameEncoding(current.encoding, encoding)) return;
    this.waiting = { encoding, source };
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting) {
        const { encoding, source } = this.waiting;
        this.waiting = undefined;
        const sender = this.find();
        if (!sender) return;
        if (await setVideoParameters(sender, encoding, source)) this.applied = { sender, encoding, source };
      }
    } finally {
      this.busy = false;
    }
  }
}

/**
 * Applies budgets to one call's senders with `RTCRtpSender.setParameters`: no renegotiation, effective
 * within a frame or two. A call between Parley pages has two video senders (mesh/callMedia.ts): the camera's
 * and the screen's, each with its own budget. Audio gets the highest priority on the link (more of the
 * congestion controller's estimate, and DSCP marking where the network honours it) and is never capped.
 */
export class CallSenders {
  private readonly budgets: Record<VideoSlot, SenderBudget> = {
    camera: new SenderBudget(() => this.videoSender('camera')),
    screen: new SenderBudget(() => this.videoSender('screen')),
  };
  private prioritized: RTCRtpSender | undefined;

  constructor(private readonly connection: RTCPeerConnection) {}

  /** The camera's encoding in force (what was last applied successfully), for the stats panel and tests. */
  get encoding(): VideoEncoding | undefined {
    return this.budgets.camera.encoding;
  }

  /** Whether the call has a video of its own for the screen (both ends are Parley pages). */
  get hasScreenSlot(): boolean {
    return this.connection.connectionState !== 'closed' && !!screenSender(this.connection);
  }

  /** Sets one video sender's budget, if it changed (or the sender did). */
  applyVideo(encoding: VideoEncoding, source: VideoSource, slot: VideoSlot = 'camera'): void {
    this.budgets[slot].apply(encoding, source);
  }

  /** The size of the frames a slot's track delivers, when it has one. */
  frame(slot: VideoSlot): { width: number; height: number } | undefined {
    const { width, height } = this.videoSender(slot)?.track?.getSettings() ?? {};
    return width && height ? { width, height } : undefined;
  }

  /** Audio first on this link: once per audio sender (a re-placed call has a new one). */
  prioritizeAudio(): void {
    const sender = this.connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    if (this.connection.connectionState === 'closed' || !sender || this.prioritized === sender) return;
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

  /** The screen's sender only while it carries a track; the camera's is any other video sender with one. */
  private videoSender(slot: VideoSlot): RTCRtpSender | undefined {
    if (this.connection.connectionState === 'closed') return undefined;
    const screen = screenSender(this.connection);
    if (slot === 'screen') return screen?.track ? screen : undefined;
    return this.connection.getSenders().find((candidate) => candidate !== screen && candidate.track?.kind === 'video');
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
