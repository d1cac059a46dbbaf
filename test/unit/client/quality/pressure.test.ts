import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowestVideoLevel, pauseLevel } from '../../../../src/client/quality/budgets.js';
import {
  initialLadder,
  ladderTiming,
  stepLadder,
  type LadderBounds,
  type LadderState,
  type Signal,
} from '../../../../src/client/quality/pressure.js';

/** Feeds one signal every 2 s (as the stats samples come) for `seconds`; returns the levels seen. */
function run(state: LadderState, signal: Signal, from: number, seconds: number, bounds: LadderBounds = {}) {
  const levels: number[] = [];
  let now = from;
  for (let elapsed = 0; elapsed < seconds * 1000; elapsed += 2000) {
    now = from + elapsed;
    state = stepLadder(state, signal, now, bounds);
    levels.push(state.level);
  }
  return { state, levels, now };
}

describe('the pressure ladder', () => {
  it('steps down one rung per stretch of pressure, never past the last rung that sends video', () => {
    const { levels } = run(initialLadder, 'pressure', 0, 40);
    assert.equal(levels[0], 0, 'a single sample of pressure moves nothing');
    assert.equal(levels[2], 1, 'pressure held for 4 s steps down');
    assert.equal(Math.max(...levels), lowestVideoLevel, 'pressure alone does not pause');
  });

  it('pauses only when the ceiling allows it', () => {
    const { levels } = run(initialLadder, 'pressure', 0, 60, { ceiling: pauseLevel });
    assert.equal(levels.at(-1), pauseLevel);
  });

  it('goes at once to a floor the link imposes', () => {
    const state = stepLadder(initialLadder, 'calm', 0, { floor: 3 });
    assert.equal(state.level, 3);
    const paused = stepLadder(initialLadder, 'pressure', 0, { floor: pauseLevel, ceiling: pauseLevel });
    assert.equal(paused.level, pauseLevel);
  });

  it('comes back up slowly, one rung per stretch of calm', () => {
    const down = run(initialLadder, 'pressure', 0, 40).state;
    const { levels } = run(down, 'calm', 40_000, 60);
    assert.equal(levels[0], lowestVideoLevel, 'calm does not act at once');
    const firstUp = levels.findIndex((level) => level < lowestVideoLevel);
    assert.ok(firstUp * 2000 >= ladderTiming.initialUpWaitMs, `first step up after ${firstUp * 2} s`);
    assert.equal(levels.at(-1), 0, 'back at the top after a minute of calm');
  });

  it('holds a floor against calm', () => {
    const { levels } = run({ ...initialLadder, level: 4 }, 'calm', 0, 60, { floor: 2 });
    assert.equal(Math.min(...levels), 2);
  });

  it('waits twice as long after an up-step that pressure undid, and shortens the wait again once a step holds', () => {
    let state: LadderState = { ...initialLadder, level: 2 };
    // Calm until the ladder steps up to 1...
    let now = 0;
    while (state.level === 2) state = stepLadder(state, 'calm', (now += 2000));
    // ...then pressure at once: back down, and the next try waits twice as long.
    while (state.level === 1) state = stepLadder(state, 'pressure', (now += 2000));
    assert.equal(state.level, 2);
    assert.equal(state.upWaitMs, 2 * ladderTiming.initialUpWaitMs);
    const downAt = now;
    while (state.level === 2) state = stepLadder(state, 'calm', (now += 2000));
    assert.ok(now - downAt >= 2 * ladderTiming.initialUpWaitMs, 'the second try came later');
    // This try holds (calm goes on): the wait comes back to where it started.
    const held = run(state, 'calm', now + 2000, 30).state;
    assert.equal(held.upWaitMs, ladderTiming.initialUpWaitMs);
  });

  it('does not let flapping grow the wait beyond its cap', () => {
    let state: LadderState = { ...initialLadder, level: 2 };
    let now = 0;
    for (let round = 0; round < 20; round++) {
      while (state.level === 2) state = stepLadder(state, 'calm', (now += 2000));
      while (state.level === 1) state = stepLadder(state, 'pressure', (now += 2000));
    }
    assert.equal(state.upWaitMs, ladderTiming.maxUpWaitMs);
  });
});
