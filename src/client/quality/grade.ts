/**
 * A call's connection grade as the tile shows it: good, poor (what people notice: losses, delay, a jerky or
 * frozen picture) or lost (nothing arrives). Pure, from one stats window; `smoothGrade` keeps it from
 * flickering.
 */
import type { LinkWindow } from './statsReport.js';

export type Grade = 'good' | 'poor' | 'lost';

export interface GradeInput {
  /** The call's connection is up (RTCPeerConnection `connected`). */
  connected: boolean;
  window: LinkWindow;
  /** We should be receiving video from them: their camera or screen is on and we show it. */
  videoExpected: boolean;
}

export const gradeThresholds = {
  /** Share of packets lost, either way. */
  loss: 0.02,
  rttMs: 400,
  /** Below this, expected video looks jerky. */
  fps: 10,
} as const;

/** Why a window is poor (empty: it is not), for the stats panel and for tests. */
export function poorReasons({ window, videoExpected }: GradeInput): string[] {
  const reasons: string[] = [];
  const outboundLoss = window.outbound.loss ?? 0;
  if (window.inbound.loss >= gradeThresholds.loss || outboundLoss >= gradeThresholds.loss) reasons.push('loss');
  if ((window.rttMs ?? 0) >= gradeThresholds.rttMs) reasons.push('delay');
  if (videoExpected && window.inbound.fps < gradeThresholds.fps) reasons.push('frame-rate');
  if (videoExpected && window.inbound.freezes > 0) reasons.push('freeze');
  return reasons;
}

export function gradeOf(input: GradeInput): Grade {
  const { window } = input;
  // Audio flows whenever a call does (silence is still packets), so no audio packets means nothing arrives.
  if (!input.connected || (window.inbound.audioPackets === 0 && window.inbound.fps === 0)) return 'lost';
  return poorReasons(input).length > 0 ? 'poor' : 'good';
}

export interface SmoothedGrade {
  grade: Grade;
  /** Consecutive better windows seen while the grade stayed where it was. */
  better: number;
}

/** A better grade must hold this many windows (2 s each) before it shows. */
const betterAfter = 2;
const rank: Record<Grade, number> = { good: 0, poor: 1, lost: 2 };

/** Worse shows at once; better only once it has held, so a link at the edge does not flicker. */
export function smoothGrade(previous: SmoothedGrade | undefined, next: Grade): SmoothedGrade {
  if (!previous || rank[next] >= rank[previous.grade]) return { grade: next, better: 0 };
  const better = previous.better + 1;
  return better >= betterAfter ? { grade: next, better: 0 } : { grade: previous.grade, better };
}
