// bench:join: a newcomer's navigation to its first presented remote video frame
// (requestVideoFrameCallback), with one participant already in the room. Parley and, as a baseline in the
// same harness, the seed tutorial's app. Parley's newcomer passes its pre-join screen: a script in the page
// clicks "Join now" the moment it can be clicked, as the quickest possible person would. Prints JSON.
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, openPage, participantFlags } from '../test/support/browser.js';
import { startServer } from '../test/support/server.js';
import { emulateNetwork, networkFromEnv } from './network.js';
import { announceFrames, clickJoinAtOnce, framesPresented } from './pageScripts.js';
import { startSeedApp } from './seed-app.js';

const runs = Number(process.env.RUNS ?? 12);
/** BENCH_NETWORK=latency/down/up, e.g. 60/10/5: newcomers load over a phone's network (bench/network.ts). */
const network = networkFromEnv('BENCH_NETWORK');
/** Room size once the newcomer is in: 2 (one already there; also measures the seed) or more (Parley only). */
const participants = Number(process.env.PARTICIPANTS ?? 2);
const present = participants - 1;
const debugSteps = process.env.BENCH_DEBUG
  ? [
      'created',
      'srd-offer',
      'srd-done-offer',
      'create-answer',
      'sld',
      'sld-done',
      'track',
      'local-candidate',
      'ice-checking',
      'ice-connected',
      'conn-connecting',
      'conn-connected',
    ].map((step) => `pc-${step}`)
  : [];
const steps = [
  'page-drawn',
  'devices-ready',
  'signaling-connected',
  'peer-open',
  'join-requested',
  'joined',
  'call-received',
  'remote-stream',
  'first-remote-frame',
  ...debugSteps,
];

/** The seed's page leaves no marks: mark the first frame of its first unmuted (remote) video. */
const markSeedFirstFrame = `(() => {
  const timer = setInterval(() => {
    for (const video of document.querySelectorAll('video')) {
      if (video.muted || !video.srcObject || video.dataset.watched) continue;
      video.dataset.watched = '1';
      video.requestVideoFrameCallback(() => {
        if (!performance.getEntriesByName('parley:first-remote-frame').length) performance.mark('parley:first-remote-frame');
        clearInterval(timer);
      });
    }
  }, 4);
})();`;

/** Marks the first presented frame of every remote video (Parley's remote tiles), for rooms of more than two. */
const markEveryRemoteFrame = `(() => {
  const timer = setInterval(() => {
    for (const video of document.querySelectorAll('.tile:not([data-self]) video')) {
      if (!video.srcObject || video.dataset.watched) continue;
      video.dataset.watched = '1';
      video.requestVideoFrameCallback(() => performance.mark('bench:remote-frame'));
    }
  }, 4);
  setTimeout(() => clearInterval(timer), 30000);
})();`;

/** BENCH_DEBUG=1: the newcomer's RTCPeerConnection steps, marked the same way in both apps. */
const markCallSteps = `(() => {
  const Native = RTCPeerConnection;
  const mark = (name) => { if (!performance.getEntriesByName('parley:pc-' + name).length) performance.mark('parley:pc-' + name); };
  window.RTCPeerConnection = function (...args) {
    const pc = new Native(...args);
    mark('created');
    pc.addEventListener('iceconnectionstatechange', () => mark('ice-' + pc.iceConnectionState));
    pc.addEventListener('connectionstatechange', () => mark('conn-' + pc.connectionState));
    pc.addEventListener('track', () => mark('track'));
    pc.addEventListener('icecandidate', () => mark('local-candidate'));
    const srd = pc.setRemoteDescription.bind(pc);
    pc.setRemoteDescription = (d) => { mark('srd-' + d.type); return srd(d).then((r) => { mark('srd-done-' + d.type); return r; }); };
    const sld = pc.setLocalDescription.bind(pc);
    pc.setLocalDescription = (d) => { mark('sld'); return sld(d).then((r) => { mark('sld-done'); return r; }); };
    const ca = pc.createAnswer.bind(pc);
    pc.createAnswer = (...a) => { mark('create-answer'); return ca(...a); };
    return pc;
  };
  window.RTCPeerConnection.prototype = Native.prototype;
})();`;

/** BENCH_DEBUG=1: when the first participant's page creates each call and sends its offer (wall-clock). */
const markHostOffers = `(() => {
  const Native = RTCPeerConnection;
  const at = () => performance.timeOrigin + performance.now();
  window.benchOffers = [];
  const Wrapped = function (...args) {
    const pc = new Native(...args);
    const entry = { created: at() };
    window.benchOffers.push(entry);
    const sld = pc.setLocalDescription.bind(pc);
    pc.setLocalDescription = (d) => sld(d).then((r) => { entry.offerSent = at(); return r; });
    return pc;
  };
  Wrapped.prototype = Native.prototype;
  window.RTCPeerConnection = Wrapped;
})();`;

interface Target {
  name: string;
  room: string;
  /** A page of the same origin to start from, so the renderer process exists already: otherwise the time
   * includes Playwright attaching to a new process, which no user pays. */
  start: string;
  /** Runs in the newcomer's pages before the page's own scripts (marks, and entering the room). */
  initScript?: string;
  /** What someone already in the room did on the page to enter it, if anything. */
  enter?: (page: Page) => Promise<void>;
  remoteCount: (page: Page) => Promise<number>;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const at = (index: number) => sorted[index] ?? NaN;
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};
const round = (value: number) => Math.round(value);

async function measure(
  page: Page,
  target: Target,
  { warm = true, host }: { warm?: boolean; host?: Page } = {},
): Promise<Record<string, number>> {
  if (warm) await page.goto(target.start);
  // Nothing is asked of the page until the first frame has come: the page says so on its console
  // (announceFrames). Polling it with waitForFunction would first compile Playwright's injected script in
  // the page, 40 ms of its main thread on a cold visit, at whatever step either app had reached.
  const presented = page.waitForEvent('console', {
    predicate: (message) => message.text() === framesPresented,
    timeout: 30_000,
  });
  await page.goto(target.room, { waitUntil: 'commit' });
  await presented;
  const timing = await page.evaluate(
    ({ steps, present }) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const entry: Record<string, number> = {
        'html-received': navigation.responseEnd,
        'dom-content-loaded': navigation.domContentLoadedEventEnd,
      };
      for (const step of steps) entry[step] = performance.getEntriesByName(`parley:${step}`)[0]?.startTime ?? NaN;
      if (present > 1) {
        entry['all-remote-frames'] = performance.getEntriesByName('bench:remote-frame')[present - 1]?.startTime ?? NaN;
      }
      return entry;
    },
    { steps, present },
  );
  if (host && process.env.BENCH_DEBUG) {
    // The first participant's side of the call, on the newcomer's clock.
    const origin = await page.evaluate(() => performance.timeOrigin);
    const offer = await host.evaluate(() =>
      (window as unknown as { benchOffers: { created: number; offerSent?: number }[] }).benchOffers.at(-1),
    );
    if (offer) {
      timing['host-call-created'] = offer.created - origin;
      timing['host-offer-sent'] = (offer.offerSent ?? NaN) - origin;
    }
  }
  await page.goto(target.start);
  return timing;
}

function summary(samples: Record<string, number>[]) {
  const all = samples
    .map((sample) => sample['all-remote-frames'])
    .filter((value): value is number => value !== undefined);
  const keys = Object.keys(samples[0] ?? {}).filter((key) => samples.every((sample) => !Number.isNaN(sample[key])));
  const total = samples.map((sample) => sample['first-remote-frame'] ?? NaN);
  const fromClick = samples
    .map((sample) => (sample['first-remote-frame'] ?? NaN) - (sample['join-requested'] ?? NaN))
    .filter((value) => !Number.isNaN(value));
  return {
    runs: samples.length,
    medianMs: round(median(total)),
    // Parley: from the "Join now" click to the first frame, what a person waits once on the pre-join screen.
    ...(fromClick.length ? { joinClickToFrameMedianMs: round(median(fromClick)) } : {}),
    minMs: round(Math.min(...total)),
    maxMs: round(Math.max(...total)),
    samplesMs: total.map(round),
    ...(all.length ? { allRemoteFramesMedianMs: round(median(all)) } : {}),
    medianStepMs: Object.fromEntries(
      keys.map((key) => [key, round(median(samples.map((sample) => sample[key] ?? NaN)))]),
    ),
  };
}

async function bench(browser: Browser, target: Target) {
  const hosts = [];
  for (let index = 0; index < present; index++) {
    const host = await openPage(browser, target.room, {
      name: `Host ${index + 1}`,
      ...(process.env.BENCH_DEBUG
        ? {
            prepare: async (context) => {
              await context.addInitScript(markHostOffers);
            },
          }
        : {}),
    });
    await target.enter?.(host.page);
    hosts.push(host);
  }
  const host = hosts[0];
  if (!host) throw new Error('at least one participant must be there already');
  // What the first participant's page shows with nobody new in the room: each run waits for it to come back
  // (the seed's own video counts among its "unmuted" ones, since it mutes it by property, not attribute).
  await host.page.waitForTimeout(2000);
  const baseline = await target.remoteCount(host.page);
  const waitUntilNewcomerGone = async () => {
    const deadline = Date.now() + 30_000;
    while ((await target.remoteCount(host.page)) > baseline && Date.now() < deadline)
      await host.page.waitForTimeout(100);
  };
  const newcomer = async (label: string) => {
    const participant = await openPage(browser, target.start, { name: label });
    if (network) await emulateNetwork(participant, network);
    if (target.initScript) await participant.context.addInitScript(target.initScript);
    return participant;
  };

  // A cold visit: a fresh browser context whose first and only navigation is the room link, as when someone
  // clicks it in a mail (a new renderer process, empty HTTP cache, no compiled code).
  const coldVisit: Record<string, number>[] = [];
  for (let run = 0; run <= runs; run++) {
    const participant = await openPage(browser, 'about:blank', { name: `Cold ${run}` });
    if (network) await emulateNetwork(participant, network);
    if (target.initScript) await participant.context.addInitScript(target.initScript);
    if (process.env.BENCH_DEBUG) await participant.context.addInitScript(markCallSteps);
    const timing = await measure(participant.page, target, { warm: false, host: host.page });
    if (process.env.BENCH_DEBUG) console.error(`${target.name} cold visit ${run}: ${JSON.stringify(timing)}`);
    if (run > 0) coldVisit.push(timing);
    await participant.context.close();
    await waitUntilNewcomerGone();
  }
  // First visit: a fresh browser context (empty HTTP cache, no compiled code cached) that has opened a page of
  // the same origin before (its renderer process exists). One warm-up run first: Chromium's first fake-device
  // start is not what a user sees.
  const firstVisit: Record<string, number>[] = [];
  for (let run = 0; run <= runs; run++) {
    const participant = await newcomer(`Guest ${run}`);
    const timing = await measure(participant.page, target);
    if (run > 0) firstVisit.push(timing);
    await participant.context.close();
    await waitUntilNewcomerGone();
  }
  // Returning visit: the same context opening the link again (cached assets and code).
  const returningVisit: Record<string, number>[] = [];
  const returning = await newcomer('Returning');
  for (let run = 0; run <= runs; run++) {
    const timing = await measure(returning.page, target);
    if (run > 0) returningVisit.push(timing);
    await waitUntilNewcomerGone();
  }
  await returning.context.close();
  for (const participant of hosts) await participant.context.close();
  return { coldVisit: summary(coldVisit), firstVisit: summary(firstVisit), returningVisit: summary(returningVisit) };
}

// Cameras deliver 30 frames a second; the tests' 15 fps (to spare CPU) would add half a frame interval.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: participantFlags.map((flag) =>
    flag.startsWith('--use-fake-device-for-media-stream') ? '--use-fake-device-for-media-stream' : flag,
  ),
});
const parleyServer = await startServer();
const seedApp = await startSeedApp();
try {
  const parley = await bench(browser, {
    name: 'parley',
    room: `${parleyServer.url}/bench-join`,
    start: `${parleyServer.url}/-/start`,
    initScript: [clickJoinAtOnce, announceFrames(present), ...(present > 1 ? [markEveryRemoteFrame] : [])].join('\n'),
    enter: (page) => page.getByRole('button', { name: 'Join now' }).click(),
    remoteCount: (page) => page.locator('.tile:not([data-self])').count(),
  });
  if (present > 1) {
    console.log(
      JSON.stringify(
        {
          benchmark: 'join',
          network: process.env.BENCH_NETWORK ?? 'loopback',
          description: `newcomer's navigation start to first presented remote video frame (and to frames from all ${present}), ${present} participants already in the room; median over runs`,
          participants,
          parley,
        },
        null,
        2,
      ),
    );
  } else {
    const seed = await bench(browser, {
      name: 'seed',
      room: `${seedApp.url}/bench-join`,
      start: `${seedApp.url}/-/start`,
      initScript: `${markSeedFirstFrame}\n${announceFrames(present)}`,
      remoteCount: (page) => page.locator('#video-grid video:not([muted])').count(),
    });
    console.log(
      JSON.stringify(
        {
          benchmark: 'join',
          network: process.env.BENCH_NETWORK ?? 'loopback',
          description:
            "newcomer's navigation start to first presented remote video frame, one participant already in the room; median over runs",
          parley,
          seed,
          ratio: {
            coldVisit: Number((parley.coldVisit.medianMs / seed.coldVisit.medianMs).toFixed(2)),
            firstVisit: Number((parley.firstVisit.medianMs / seed.firstVisit.medianMs).toFixed(2)),
            returningVisit: Number((parley.returningVisit.medianMs / seed.returningVisit.medianMs).toFixed(2)),
          },
        },
        null,
        2,
      ),
    );
  }
} finally {
  // The numbers are printed: a browser or server that does not close in time must not keep the run alive
  // (one RUNS=5 run printed its JSON and then hung on closing).
  setTimeout(() => {
    console.error('bench:join: closing took over 20 s; exiting anyway');
    process.exit(0);
  }, 20_000).unref();
  await browser.close();
  await parleyServer.stop();
  seedApp.close();
}
