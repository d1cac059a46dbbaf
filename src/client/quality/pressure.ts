/**
 * The pressure ladder: how far down its budget a sender is, and when it moves. Pure: the controller feeds
 * it one signal per stats sample (every 2 s) and the time.
 *
 * Down is quick (pressure held for `downAfterMs`, or at once to a floor the link's estimate imposes); up is
 * slow and careful (calm held for `upWaitMs`), and an up-step followed soon by pressure again doubles the
 * wait before the next try (hysteresis: a link at its limit does not flap between two rungs). A try that
 * holds halves the wait again.
 */
import { lowestVideoLevel, pauseLevel } from './budgets.js';

export type Signal = 'pressure' | 'calm';

export interface LadderState {
  level: number;
  /** When the current run of pressure began. */
  pressureSince?: number;
  /** When the current run of calm began (or the last up-step). */
  calmSince?: number;
  /** Calm needed before the next step up. */
  upWaitMs: number;
  /** When the ladder last stepped up, to tell a premature try from one that held. */
  lastUpAt?: number;
}

export interface LadderBounds {
  /** The level may not be below this now (the link's estimate cannot carry more): moved to at once. */
  floor?: number;
  /**
   * Pressure may not push the level above this (pause only when the situation is dire). A level already
   * above it comes back down the usual way, when calm has lasted.
   */
  ceiling?: number;
}

export const ladderTiming = {
  downAfterMs: 3_500,
  initialUpWaitMs: 8_000,
  maxUpWaitMs: 120_000,
  /** Pressure this soon after a step up means the step was premature. */
  relapseMs: 15_000,
} as const;

export const initialLadder: LadderState = { level: 0, upWaitMs: ladderTiming.initialUpWaitMs };

export function stepLadder(state: LadderState, signal: Signal, now: number, bounds: LadderBounds = {}): LadderState {
  const ceiling = Math.min(pauseLevel, bounds.ceiling ?? lowestVideoLevel);
  const floor = Math.min(pauseLevel, Math.max(0, bounds.floor ?? 0));
  if (floor > state.level) {
    return { ...state, level: floor, pressureSince: undefined, calmSince: undefined, ...relapse(state, now) };
  }
  if (signal === 'pressure') {
    const pressureSince = state.pressureSince ?? now;
    if (now - pressureSince >= ladderTiming.downAfterMs && state.level < ceiling) {
      return { ...state, level: state.level + 1, pressureSince: now, calmSince: undefined, ...relapse(state, now) };
    }
    return { ...state, pressureSince, calmSince: undefined };
  }
  const calmSince = state.calmSince ?? now;
  let upWaitMs = state.upWaitMs;
  // The last step up has held: the next may come sooner again.
  if (state.lastUpAt !== undefined && now - state.lastUpAt >= ladderTiming.relapseMs) {
    upWaitMs = Math.max(ladderTiming.initialUpWaitMs, upWaitMs / 2);
  }
  if (state.level > floor && now - calmSince >= upWaitMs) {
    return { level: state.level - 1, calmSince: now, upWaitMs, lastUpAt: now };
  }
  return {
    ...state,
    pressureSince: undefined,
    calmSince,
    upWaitMs,
    lastUpAt: upWaitMs === state.upWaitMs ? state.lastUpAt : undefined,
  };
}

/** Going down soon after going up: wait twice as long before the next try. */
function relapse(state: LadderState, now: number): Pick<LadderState, 'upWaitMs' | 'lastUpAt'> {
  const premature = state.lastUpAt !== undefined && now - state.lastUpAt < ladderTiming.relapseMs;
  return {
    upWaitMs: premature ? Math.min(ladderTiming.maxUpWaitMs, state.upWaitMs * 2) : state.upWaitMs,
    lastUpAt: undefined,
  };
}
