// bench:quality: rooms of 2, 4 and 6 Chromium participants on this machine, each with adaptive budgets off
// (?quality=off: the browser's defaults) and on, in the same run. Per room, after everyone receives everyone
// and a warm-up, a measuring window: per pair (receiver, sender) the received frame rate every 2 s (min and
// median), freezes (the decoder's freezeCount and total time, and the longest wait between two presented
// frames), the received resolution, audio concealment; per sender what limits its encoders; per participant
// what it uploads. Prints one JSON line per room as it ends, then the whole run as JSON. The machine is shared
// and its load moves by the minute, so modes alternate within each size and REPEAT runs them again in the
// other order. Environment: SIZES (2,4,6), MODES (off,on), REPEAT (1), WARMUP_S (20), MEASURE_S (30),
// CAMERA_FPS (24).
import { loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import {
  chromiumPath,
  expectMediaFromAll,
  joinAs,
  participantFlags,
  type Participant,
} from '../test/support/browser.js';
import { startServer } from '../test/support/server.js';
import {
  budgetChanges,
  countBudgetChanges,
  frameGaps,
  readCalls,
  resetFrameGaps,
  watchFrameGaps,
  type CallCounters,
} from './quality/pageStats.js';

const sizes = (process.env.SIZES ?? '2,4,6').split(',').map(Number);
const modes = (process.env.MODES ?? 'off,on').split(',') as ('off' | 'on')[];
const warmupS = Number(process.env.WARMUP_S ?? 20);
const measureS = Number(process.env.MEASURE_S ?? 30);
const cameraFps = Number(process.env.CAMERA_FPS ?? 24);
const repeat = Number(process.env.REPEAT ?? 1);
const sampleMs = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return Math.round(value * 10) / 10;
};
const round1 = (value: number) => Math.round(value * 10) / 10;

interface PairSeries {
  receiver: string;
  sender: string;
  fps: number[];
  heights: number[];
  first: CallCounters;
  last: CallCounters;
}

async function room(browser: Browser, serverUrl: string, size: number, mode: 'off' | 'on') {
  const url = `${serverUrl}/bench-quality-${size}-${mode}?quality=${mode}`;
  const people: { name: string; participant: Participant }[] = [];
  try {
    for (let index = 1; index <= size; index++) {
      const name = `P${index}`;
      const participant = await joinAs(browser, url, {
        name,
        prepare: async (context) => {
          await context.addInitScript(watchFrameGaps);
          await context.addInitScript(countBudgetChanges);
        },
      });
      people.push({ name, participant });
    }
    // On a saturated machine some pair may never look fully fluent: measure anyway, and say so.
    const joinedAt = Date.now();
    let mediaFromAll = true;
    for (const { participant } of people) {
      await expectMediaFromAll(participant.page, size - 1, { timeoutMs: 120_000 }).catch(() => (mediaFromAll = false));
    }
    const mediaAfterS = Math.round((Date.now() - joinedAt) / 1000);
    await sleep(warmupS * 1000);
    const loadAtStart = loadavg()[0] ?? 0;
    const changesBefore = await Promise.all(people.map(({ participant }) => budgetChanges(participant.page)));

    const series = new Map<string, PairSeries>();
    const limitations: Record<string, number> = {};
    const read = () =>
      Promise.all(people.map(async ({ name, participant }) => ({ name, calls: await readCalls(participant.page) })));
    await Promise.all(people.map(({ participant }) => resetFrameGaps(participant.page)));
    const initial = await read();
    let previous = initial;
    const startedAt = Date.now();
    while (Date.now() - startedAt < measureS * 1000) {
      await sleep(sampleMs);
      const current = await read();
      for (const { name, calls } of current) {
        for (const call of calls) {
          limitations[call.limitation] = (limitations[call.limitation] ?? 0) + 1;
          const before = previous
            .find((page) => page.name === name)
            ?.calls.find((other) => other.remote === call.remote);
          if (!before || !call.remote) continue;
          const key = `${name}<-${call.remote}`;
          const pair = series.get(key) ?? {
            receiver: name,
            sender: call.remote,
            fps: [],
            heights: [],
            first: before,
            last: call,
          };
          pair.fps.push(
            round1(((call.framesDecoded - before.framesDecoded) * 1000) / Math.max(1, call.at - before.at)),
          );
          pair.heights.push(call.frameHeight);
          pair.last = call;
          series.set(key, pair);
        }
      }
      previous = current;
    }
    const gaps = Object.fromEntries(
      await Promise.all(
        people.map(async ({ name, participant }) => [name, await frameGaps(participant.page)] as const),
      ),
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const changesAfter = await Promise.all(people.map(({ participant }) => budgetChanges(participant.page)));
    const sentHeights: Record<string, number> = {};
    for (const { calls } of previous)
      for (const call of calls) sentHeights[call.sentHeight] = (sentHeights[call.sentHeight] ?? 0) + 1;

    const pairs = [...series.values()].map((pair) => ({
      pair: `${pair.sender}→${pair.receiver}`,
      fpsMin: Math.min(...pair.fps),
      fpsMedian: median(pair.fps),
      freezes: pair.last.freezeCount - pair.first.freezeCount,
      freezeS: round1(pair.last.totalFreezesDuration - pair.first.totalFreezesDuration),
      longestGapMs: gaps[pair.receiver]?.[pair.sender]?.longestMs ?? null,
      height: median(pair.heights),
      concealment: round1(
        (100 * (pair.last.concealedSamples - pair.first.concealedSamples)) /
          Math.max(1, pair.last.totalSamplesReceived - pair.first.totalSamplesReceived),
      ),
    }));
    // What each participant sent over all its calls in the window (a call placed again starts from zero).
    const upload = people.map(({ name }) => {
      const calls = (reads: typeof initial) => reads.find((page) => page.name === name)?.calls ?? [];
      const bytes = calls(previous).reduce((sum, call) => {
        const before = calls(initial).find((other) => other.remote === call.remote)?.bytesSent ?? 0;
        return sum + Math.max(0, call.bytesSent - before);
      }, 0);
      return Math.round((bytes * 8) / 1000 / seconds);
    });
    const heights: Record<string, number> = {};
    for (const pair of pairs) heights[pair.height] = (heights[pair.height] ?? 0) + 1;
    const limitedShare = (key: 'cpuSeconds' | 'bandwidthSeconds') =>
      round1(
        (100 * [...series.values()].reduce((sum, pair) => sum + pair.last[key] - pair.first[key], 0)) /
          Math.max(1, series.size * seconds),
      );
    return {
      participants: size,
      adaptive: mode,
      mediaFromAll,
      mediaFromAllAfterS: mediaAfterS,
      loadAverage1m: { start: round1(loadAtStart), end: round1(loadavg()[0] ?? 0) },
      pairs: pairs.length,
      fps: {
        worstPairMin: Math.min(...pairs.map((pair) => pair.fpsMin)),
        medianOfPairMedians: median(pairs.map((pair) => pair.fpsMedian)),
        worstPairMedian: Math.min(...pairs.map((pair) => pair.fpsMedian)),
        pairsWithMedianBelow15: pairs.filter((pair) => pair.fpsMedian < 15).length,
      },
      freezes: {
        count: pairs.reduce((sum, pair) => sum + pair.freezes, 0),
        totalS: round1(pairs.reduce((sum, pair) => sum + pair.freezeS, 0)),
        longestGapMs: Math.max(...pairs.map((pair) => pair.longestGapMs ?? 0)),
        pairsWithGapOver1s: pairs.filter((pair) => (pair.longestGapMs ?? 0) > 1000).length,
      },
      receivedHeights: heights,
      sentHeights,
      budgetChangesInWindow: changesAfter.reduce((sum, after, index) => sum + after - (changesBefore[index] ?? 0), 0),
      audioConcealmentPercent: {
        median: median(pairs.map((pair) => pair.concealment)),
        max: Math.max(...pairs.map((pair) => pair.concealment)),
      },
      encoderLimitedPercent: { cpu: limitedShare('cpuSeconds'), bandwidth: limitedShare('bandwidthSeconds') },
      qualityLimitationReasonSamples: limitations,
      uploadKbitPerSecond: { perParticipant: upload, median: median(upload), total: upload.reduce((a, b) => a + b, 0) },
      perPair: pairs,
    };
  } finally {
    for (const { participant } of people) await participant.context.close().catch(() => undefined);
  }
}

const server = await startServer();
const results = [];
const load = { before: loadavg().map(round1) };
try {
  for (let round = 0; round < repeat; round++) {
    for (const size of sizes) {
      for (const mode of round % 2 ? [...modes].reverse() : modes) {
        const browser = await chromium.launch({
          executablePath: chromiumPath,
          args: participantFlags.map((flag) =>
            flag.startsWith('--use-fake-device-for-media-stream')
              ? `--use-fake-device-for-media-stream=fps=${cameraFps}`
              : flag,
          ),
        });
        try {
          const result = await room(browser, server.url, size, mode);
          const { perPair: _pairs, ...summary } = result;
          console.error(JSON.stringify(summary));
          results.push(result);
        } catch (error) {
          console.error(`room of ${size}, adaptive ${mode} failed: ${String(error)}`);
          results.push({ participants: size, adaptive: mode, error: String(error) });
        } finally {
          await browser.close();
        }
      }
    }
  }
} finally {
  await server.stop();
}
console.log(
  JSON.stringify(
    {
      benchmark: 'quality',
      description:
        'rooms of Chromium participants (one browser, a context each) on this machine, adaptive budgets off and on; per pair the received frame rate every 2 s, freezes, resolution, audio concealment; per room what limits the encoders and what each participant uploads',
      cameraFps,
      warmupS,
      measureS,
      repeat,
      load: { ...load, after: loadavg().map(round1) },
      rooms: results,
    },
    null,
    2,
  ),
);
