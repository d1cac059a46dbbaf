/**
 * What each video sender may spend, per receiver: pure functions of the room's size, how the receiver shows
 * this video (it tells us the size of its tile), whether we are the active speaker, what we send (camera or
 * screen) and the pressure we are under (a level on a ladder, see pressure.ts). Audio is never here: it is
 * never reduced.
 *
 * Under pressure a camera gives up resolution first, then frame rate, then pauses; a screen keeps its
 * resolution (text must stay legible) and gives up frame rate, then pauses.
 */

/** How the receiver shows our video. */
export type Presentation = 'large' | 'thumbnail' | 'hidden';
export type VideoSource = 'camera' | 'screen';

/** What the receiver said it shows us: its tile's size in device pixels; 0×0 when it shows no video of us. */
export interface ViewSize {
  width: number;
  height: number;
}

export interface FrameSize {
  width: number;
  height: number;
}

/** The parameters of one video sender's single encoding (RTCRtpEncodingParameters). */
export interface VideoEncoding {
  active: boolean;
  /** bit/s */
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

export interface BudgetInput {
  /** Other participants in the room (each gets its own encoder in a mesh). */
  peers: number;
  source: VideoSource;
  /** undefined: the receiver has not said (an older client, or not yet): assume it shows us large. */
  view: ViewSize | undefined;
  /** We are the active speaker. */
  speaking: boolean;
  /** 0 (no pressure) to `pauseLevel`. */
  level: number;
  /** The frames the track delivers, when known. */
  frame?: FrameSize;
}

/** A tile whose shorter side is below this many device pixels is a thumbnail. */
export const thumbnailBelowPx = 240;
/** The camera's frames when the track does not say (LocalMedia asks for 640×480). */
export const defaultFrame: FrameSize = { width: 640, height: 480 };
/** Never scale a camera below this height: smaller says nothing a paused tile would not. */
const minHeightPx = 90;

const camera = {
  /** For one peer, shown large; shared out as the room grows (see `roomShare`). */
  largeBitrate: 1_500_000,
  largeFloor: 250_000,
  thumbnailShare: 1 / 3,
  thumbnailFloor: 100_000,
  speakerBoost: 1.5,
  largeFps: 30,
  thumbnailFps: 15,
} as const;

const screen = {
  largeBitrate: 2_500_000,
  largeFloor: 600_000,
  thumbnailBitrate: 300_000,
  largeFps: 15,
  thumbnailFps: 5,
} as const;

/** One rung of the ladder: how far below the unpressured budget a sender goes. */
interface Rung {
  /** Multiplies the resolution scale (camera only). */
  scale: number;
  /** Caps the frame rate (camera) or multiplies it (screen). */
  fps: number;
  bitrate: number;
}

/** Camera: resolution first (rungs 1, 2), then frame rate (3, 4), then pause. */
const cameraRungs: readonly Rung[] = [
  { scale: 1, fps: Infinity, bitrate: 1 },
  { scale: 1.5, fps: Infinity, bitrate: 0.6 },
  { scale: 2, fps: Infinity, bitrate: 0.4 },
  { scale: 2, fps: 15, bitrate: 0.3 },
  { scale: 2, fps: 8, bitrate: 0.2 },
];

/** Screen: the resolution stays; frame rate goes (multipliers), then pause. */
const screenRungs: readonly Rung[] = [
  { scale: 1, fps: 1, bitrate: 1 },
  { scale: 1, fps: 0.5, bitrate: 0.7 },
  { scale: 1, fps: 0.33, bitrate: 0.5 },
  { scale: 1, fps: 0.2, bitrate: 0.35 },
  { scale: 1, fps: 0.1, bitrate: 0.25 },
];

/** The ladder's top: video paused, the receiver shows the avatar. */
export const pauseLevel = cameraRungs.length;
/** The lowest rung that still sends video. */
export const lowestVideoLevel = pauseLevel - 1;

export function presentationOf(view: ViewSize | undefined): Presentation {
  if (!view) return 'large';
  if (view.width <= 0 || view.height <= 0) return 'hidden';
  return Math.min(view.width, view.height) < thumbnailBelowPx ? 'thumbnail' : 'large';
}

/** Each peer's share of what one camera may send: 1 for one peer, about a quarter each for six. */
export function roomShare(peers: number): number {
  return 1 / Math.max(1, peers) ** 0.75;
}

/**
 * The tile height to aim at when the receiver has not said: about what a grid of the room's size gives on a
 * laptop screen (two people side by side, four or six in two rows, more in three).
 */
function assumedViewHeight(peers: number): number {
  return peers <= 1 ? 720 : peers <= 5 ? 400 : 270;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The resolution scale that still fills the receiver's tile (object-fit: cover) from this frame. */
function coverScale(frame: FrameSize, view: ViewSize | undefined, presentation: Presentation, peers: number): number {
  if (view && view.width > 0 && view.height > 0) {
    return Math.min(frame.width / view.width, frame.height / view.height);
  }
  const height = presentation === 'thumbnail' ? thumbnailBelowPx : assumedViewHeight(peers);
  return frame.height / height;
}

/** The unpressured budget (level 0) for one receiver. */
function baseBudget(input: BudgetInput): VideoEncoding {
  const presentation = presentationOf(input.view);
  const frame = input.frame ?? defaultFrame;
  if (input.source === 'screen') {
    const large = Math.max(screen.largeFloor, screen.largeBitrate / Math.sqrt(Math.max(1, input.peers)));
    const small = presentation === 'thumbnail' && !input.speaking;
    return {
      active: presentation !== 'hidden',
      maxBitrate: Math.round(small ? screen.thumbnailBitrate : large),
      scaleResolutionDownBy: 1,
      maxFramerate: small ? screen.thumbnailFps : screen.largeFps,
    };
  }
  const large = Math.max(camera.largeFloor, camera.largeBitrate * roomShare(input.peers));
  const thumbnail = Math.max(camera.thumbnailFloor, large * camera.thumbnailShare);
  const boost = input.speaking ? camera.speakerBoost : 1;
  const bitrate = Math.min(camera.largeBitrate, (presentation === 'thumbnail' ? thumbnail : large) * boost);
  // The speaker's picture is sharper than its tile strictly needs: it is the one people look at.
  const scale = coverScale(frame, input.view, presentation, input.peers) / boost;
  return {
    active: presentation !== 'hidden',
    maxBitrate: Math.round(bitrate),
    scaleResolutionDownBy: scale,
    maxFramerate: presentation === 'thumbnail' && !input.speaking ? camera.thumbnailFps : camera.largeFps,
  };
}

/** The encoding for one receiver: the base budget stepped down to the pressure level. */
export function budgetFor(input: BudgetInput): VideoEncoding {
  const base = baseBudget(input);
  const level = Math.max(0, Math.min(pauseLevel, Math.round(input.level)));
  const rungs = input.source === 'screen' ? screenRungs : cameraRungs;
  const rung = rungs[Math.min(level, lowestVideoLevel)] ?? cameraRungs[0];
  if (!rung) throw new Error('the ladder has no rungs');
  const frame = input.frame ?? defaultFrame;
  const maxScale = Math.max(1, frame.height / minHeightPx);
  const fps =
    input.source === 'screen'
      ? Math.max(1, Math.round(base.maxFramerate * rung.fps))
      : Math.min(base.maxFramerate, rung.fps);
  return {
    active: base.active && level < pauseLevel,
    maxBitrate: Math.round(base.maxBitrate * rung.bitrate),
    // The rung scales down from what would be sent without pressure (never more than the frame).
    scaleResolutionDownBy: round2(Math.min(maxScale, Math.max(1, base.scaleResolutionDownBy) * rung.scale)),
    maxFramerate: fps,
  };
}

/** What audio needs of a link (Opus with its packet overhead), kept out of video's share. */
export const audioReserveBitrate = 64_000;
/** Below this much for video, no rung is worth sending: pause. */
export const minVideoBitrate = 40_000;

/**
 * The lowest level whose bitrate the link's estimate can carry (with half again as much headroom: an encoder a
 * little under its cap still looks fine), or `pauseLevel` when video cannot have even `minVideoBitrate`.
 * Used only when the encoder says the link limits it: an estimate alone is often just what an easy picture
 * happens to need.
 */
export function levelForBandwidth(input: Omit<BudgetInput, 'level'>, availableBitrate: number): number {
  const share = (availableBitrate - audioReserveBitrate) * 0.85;
  if (share < minVideoBitrate) return pauseLevel;
  for (let level = 0; level < lowestVideoLevel; level++) {
    if (budgetFor({ ...input, level }).maxBitrate <= share * 1.5) return level;
  }
  return lowestVideoLevel;
}

/** Two encodings are the same for setParameters' purposes (so an unchanged budget is not applied again). */
export function sameEncoding(a: VideoEncoding, b: VideoEncoding): boolean {
  return (
    a.active === b.active &&
    a.maxBitrate === b.maxBitrate &&
    a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
    a.maxFramerate === b.maxFramerate
  );
}
