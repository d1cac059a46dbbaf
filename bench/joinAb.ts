// bench:join:ab: an interleaved A/B of two builds of Parley on cold visits (a fresh browser context whose
// first navigation is the room link), for changes worth 10-40 ms: single runs of bench:join spread by about
// ±100 ms here, so only paired runs see them. A is this checkout; B is another one (a git worktree with its
// own dependencies and `npm run build:client` done), named by AB_B. Each server has one member in its room;
// cold newcomers alternate in ABBA order, so neither build always goes first. Prints JSON: medians of each
// build, the median of the paired differences (B - A) and how many pairs B won.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, openPage, participantFlags, type Participant } from '../test/support/browser.js';
import { emulateNetwork, networkFromEnv } from './network.js';
import { announceFrames, clickJoinAtOnce, framesPresented } from './pageScripts.js';

const pairs = Number(process.env.PAIRS ?? 24);
/** AB_NETWORK=latency/down/up, e.g. 60/10/5: the newcomers load over a phone's network (bench/network.ts). */
const network = networkFromEnv('AB_NETWORK');
const otherRoot = process.env.AB_B;
if (!otherRoot) throw new Error('AB_B must name the other checkout (built with npm run build:client)');
const roots = { A: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), B: path.resolve(otherRoot) };
type Build = keyof typeof roots;

const steps = [
  'page-drawn',
  'signaling-connected',
  'join-requested',
  'joined',
  'call-received',
  'remote-stream',
  'first-remote-frame',
];

/** Clicks "Join now" the moment it can, and says when Parley marks the member's first frame presented. */
const newcomerScript = `${clickJoinAtOnce}\n${announceFrames(1)}`;

const started: ChildProcess[] = [];

/** One build's server, started from its own checkout as `npm start` would run it. */
async function startBuild(root: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server in ${root} did not start in 20 s`)), 20_000);
    if (!child.stdout) throw new Error('the server process has no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { port?: unknown; msg?: unknown };
        if (typeof entry.port === 'number' && String(entry.msg).startsWith('listening')) {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};

const browser = await chromium.launch({
  executablePath: chromiumPath,
  // Cameras deliver 30 frames a second, as in bench:join.
  args: participantFlags.map((flag) =>
    flag.startsWith('--use-fake-device-for-media-stream') ? '--use-fake-device-for-media-stream' : flag,
  ),
});
try {
  const servers = { A: await startBuild(roots.A), B: await startBuild(roots.B) };
  const members = {} as Record<Build, Participant>;
  for (const build of ['A', 'B'] as const) {
    members[build] = await openPage(browser, `${servers[build].url}/bench-ab`, { name: `Member ${build}` });
    await members[build].page.getByRole('button', { name: 'Join now' }).click();
  }
  await members.A.page.waitForTimeout(2000);

  const coldVisit = async (build: Build): Promise<Record<string, number>> => {
    const newcomer = await openPage(browser, 'about:blank', { name: `Cold ${build}` });
    await newcomer.context.addInitScript(newcomerScript);
    if (network) await emulateNetwork(newcomer, network);
    // Told by the page's console, not polled: waitForFunction would compile Playwright's injected script
    // in the page first (40 ms of a cold page's main thread).
    const presented = newcomer.page.waitForEvent('console', {
      predicate: (message) => message.text() === framesPresented,
      timeout: 30_000,
    });
    await newcomer.page.goto(`${servers[build].url}/bench-ab`, { waitUntil: 'commit' });
    await presented;
    const timing = await newcomer.page.evaluate((steps) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const entry: Record<string, number> = { 'dom-content-loaded': navigation.domContentLoadedEventEnd };
      for (const step of steps) entry[step] = performance.getEntriesByName(`parley:${step}`)[0]?.startTime ?? NaN;
      return entry;
    }, steps);
    await newcomer.context.close();
    await members[build].page.waitForFunction(
      () => document.querySelectorAll('.tile:not([data-self])').length === 0,
      null,
      { timeout: 30_000 },
    );
    await members[build].page.waitForTimeout(300);
    return timing;
  };

  const samples: Record<Build, Record<string, number>[]> = { A: [], B: [] };
  // One warm-up pair first: Chromium's first fake-device start is not what a user sees.
  for (let pair = 0; pair <= pairs; pair++) {
    const order: Build[] = pair % 2 ? ['B', 'A'] : ['A', 'B'];
    for (const build of order) {
      const timing = await coldVisit(build);
      if (pair > 0) samples[build].push(timing);
    }
  }
  const keys = ['dom-content-loaded', ...steps];
  const compared = Object.fromEntries(
    keys.map((key) => {
      const a = samples.A.map((sample) => sample[key] ?? NaN);
      const b = samples.B.map((sample) => sample[key] ?? NaN);
      const differences = a.map((value, index) => (b[index] ?? NaN) - value).filter((value) => !Number.isNaN(value));
      return [
        key,
        {
          medianA: Math.round(median(a)),
          medianB: Math.round(median(b)),
          medianOfDifferences: Math.round(median(differences)),
          pairsBSooner: `${differences.filter((value) => value < 0).length}/${differences.length}`,
        },
      ];
    }),
  );
  console.log(
    JSON.stringify(
      {
        benchmark: 'join-ab',
        description: `cold visits, ${pairs} pairs in ABBA order; B - A < 0 means B is sooner (ms from navigation)`,
        network: process.env.AB_NETWORK ?? 'loopback',
        a: roots.A,
        b: roots.B,
        steps: compared,
      },
      null,
      2,
    ),
  );
} finally {
  setTimeout(() => process.exit(0), 20_000).unref();
  await browser.close();
  for (const child of started) child.kill();
}
