// bench:join: a newcomer's navigation to its first presented remote video frame
// (requestVideoFrameCallback), with one participant already in the room. Prints JSON.
import { chromium, type Page } from 'playwright-core';
import { chromiumPath, joinAs, participantFlags } from '../test/support/browser.js';
import { startServer } from '../test/support/server.js';

const runs = Number(process.env.RUNS ?? 12);
const steps = ['peer-open', 'signaling-connected', 'joined', 'call-received', 'remote-stream', 'first-remote-frame'];

const server = await startServer();
// Cameras deliver 30 frames a second; the tests' 15 fps (to spare CPU) would add half a frame interval.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: participantFlags.map((flag) =>
    flag.startsWith('--use-fake-device-for-media-stream') ? '--use-fake-device-for-media-stream' : flag,
  ),
});
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};
const round = (value: number) => Math.round(value);

try {
  const room = `${server.url}/bench-join`;
  const host = await joinAs(browser, room, { name: 'Host' });
  await host.page.getByText('Only you here').waitFor();
  const measure = async (page: Page): Promise<Record<string, number>> => {
    await page.goto(room);
    await page.waitForFunction(() => performance.getEntriesByName('parley:first-remote-frame').length > 0, undefined, {
      timeout: 30_000,
    });
    return page.evaluate((steps) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const entry: Record<string, number> = {
        'html-received': navigation.responseEnd,
        'dom-content-loaded': navigation.domContentLoadedEventEnd,
      };
      for (const step of steps) entry[step] = performance.getEntriesByName(`parley:${step}`)[0]?.startTime ?? NaN;
      return entry;
    }, steps);
  };
  const hostAlone = () =>
    host.page.waitForFunction(() => document.querySelectorAll('.tile').length === 1, undefined, { timeout: 10_000 });

  // Cold: a first visit, in a fresh browser context (empty HTTP cache, no compiled code cached).
  // One warm-up run first: Chromium's first fake-device start is not what a user sees.
  const cold: Record<string, number>[] = [];
  for (let run = 0; run <= runs; run++) {
    const newcomer = await joinAs(browser, 'about:blank', { name: `Guest ${run}` });
    const timing = await measure(newcomer.page);
    if (run > 0) cold.push(timing);
    await newcomer.context.close();
    await hostAlone();
  }
  // Warm: a returning visitor, the same context opening the link again (cached assets and code).
  const warm: Record<string, number>[] = [];
  const returning = await joinAs(browser, 'about:blank', { name: 'Returning' });
  for (let run = 0; run <= runs; run++) {
    const timing = await measure(returning.page);
    if (run > 0) warm.push(timing);
    await returning.page.goto('about:blank');
    await hostAlone();
  }
  const summary = (samples: Record<string, number>[]) => {
    const keys = Object.keys(samples[0] ?? {});
    const total = samples.map((sample) => sample['first-remote-frame'] ?? NaN);
    return {
      runs: samples.length,
      medianMs: round(median(total)),
      minMs: round(Math.min(...total)),
      maxMs: round(Math.max(...total)),
      samplesMs: total.map(round),
      medianStepMs: Object.fromEntries(
        keys.map((key) => [key, round(median(samples.map((sample) => sample[key] ?? NaN)))]),
      ),
    };
  };
  console.log(
    JSON.stringify(
      {
        benchmark: 'join',
        description:
          "newcomer's navigation start to first presented remote video frame, one participant already in the room",
        firstVisit: summary(cold),
        returningVisit: summary(warm),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.stop();
}
