import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  captureDeviceTracks,
  captureMembershipPhases,
  capturePeerConnections,
  defineNameHelper,
  forceRelay,
  rememberName,
  reportPolicyViolations,
  type EvaluatingPage,
} from './pageScripts.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium as a meeting participant: fake cameras and microphones, no network beyond loopback. Of the three
 * fake cameras, fake_device_1 delivers a pixel format that shows in a <video> but never reaches WebRTC's
 * encoder (checked in Chromium 156); tests that switch cameras use fake_device_2.
 */
export const participantFlags = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=fps=15,device-count=3',
  '--allow-loopback-in-peer-connection',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=LocalNetworkAccessChecks',
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/**
 * Camera and microphone need a secure context: `localhost` is one, a page served from any other http://
 * address (a veth address, for a participant in a network namespace) is not, unless the browser is told so.
 */
export function secureOriginFlag(origin: string): string {
  return `--unsafely-treat-insecure-origin-as-secure=${new URL(origin).origin}`;
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...participantFlags, ...extraArgs] });
}

/** A browser without the fake permission prompt: where no permission is granted, getUserMedia is refused. */
export function launchBrowserThatDeniesDevices(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: participantFlags.filter((flag) => flag !== '--use-fake-ui-for-media-stream'),
  });
}

export interface Participant {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

export interface PageOptions {
  name?: string;
  viewport?: { width: number; height: number };
  permissions?: string[];
  /** Only relayed (TURN) connections, as behind a strict firewall. */
  relayOnly?: boolean;
  /** Accept a self-signed certificate, as a person does by clicking through the warning. */
  acceptSelfSigned?: boolean;
  /** Runs on the new context before the page opens (routes, network faults). */
  prepare?: (context: BrowserContext) => Promise<void>;
  /** The browser's language (navigator.languages, Accept-Language); English unless a test asks. */
  locale?: string;
  /** A phone: a touch screen and no hover (CSS `hover: none`, `pointer: coarse`). */
  touch?: boolean;
}

/** Opens a room and joins it from the pre-join screen (or stays there, with `stayInLobby`). */
export async function joinAs(
  browser: Browser,
  url: string,
  options: PageOptions & { stayInLobby?: boolean } = {},
): Promise<Participant> {
  const participant = await openPage(browser, url, options);
  if (!options.stayInLobby) await participant.page.getByRole('button', { name: 'Join now' }).click();
  return participant;
}

/** A new participant's browser context and page, opened at `url` (any page: a room, a probe, a seed page). */
export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<Participant> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    permissions: options.permissions ?? ['camera', 'microphone'],
    ignoreHTTPSErrors: options.acceptSelfSigned ?? false,
    locale: options.locale ?? 'en-US',
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  if (options.relayOnly) await context.addInitScript(forceRelay);
  await context.addInitScript(defineNameHelper);
  await options.prepare?.(context);
  await context.addInitScript(capturePeerConnections);
  await context.addInitScript(captureDeviceTracks);
  await context.addInitScript(captureMembershipPhases);
  await context.addInitScript(reportPolicyViolations);
  if (options.name) {
    await context.addInitScript(rememberName(options.name));
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { context, page, errors };
}

export interface TileMedia {
  peerId: string;
  name: string;
  framesDecoded: number;
  audioPacketsReceived: number;
  playing: boolean;
}

export const parleyRemoteTiles = '.tile:not([data-self])';

/**
 * For every remote tile on the page (Parley's tiles, or any elements holding a <video>): its name,
 * whether its video plays, and the counters of the receivers behind it.
 */
export function remoteMedia(page: EvaluatingPage, selector = parleyRemoteTiles): Promise<TileMedia[]> {
  return page.evaluate(async (selector) => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const tiles = [...document.querySelectorAll<HTMLElement>(selector)];
    return Promise.all(
      tiles.map(async (tile) => {
        const video = tile instanceof HTMLVideoElement ? tile : tile.querySelector('video');
        const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
        const trackIds = new Set(stream?.getTracks().map((track) => track.id) ?? []);
        let framesDecoded = 0;
        let audioPacketsReceived = 0;
        for (const connection of connections) {
          if (connection.connectionState === 'closed') continue;
          for (const receiver of connection.getReceivers()) {
            if (!trackIds.has(receiver.track.id)) continue;
            const report = await receiver.getStats();
            report.forEach(
              (entry: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
                if (entry.type !== 'inbound-rtp') return;
                if (entry.kind === 'video') framesDecoded += entry.framesDecoded ?? 0;
                if (entry.kind === 'audio') audioPacketsReceived += entry.packetsReceived ?? 0;
              },
            );
          }
        }
        return {
          peerId: tile.dataset.peerId ?? stream?.id ?? '',
          name: tile.querySelector('.tile__name')?.textContent ?? '',
          framesDecoded,
          audioPacketsReceived,
          playing: !!video && !video.paused && video.readyState >= 2 && video.videoWidth > 0,
        };
      }),
    );
  }, selector);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Media really flows from every other participant: `count` remote tiles whose video plays and whose
 * decoded frames and received audio packets both grow between two samples. With `video: false` (people
 * with their cameras off send no new frames), only the sound is checked.
 */
export async function expectMediaFromAll(
  page: EvaluatingPage,
  count: number,
  { timeoutMs = 45_000, selector = parleyRemoteTiles, video = true } = {},
): Promise<TileMedia[]> {
  // What the page showed last, for the failure message: which tile was missing, paused or stalled, and why.
  let lastSeen: TileMedia[] = [];
  try {
    return await waitFor(
      `${count} remote participants with flowing ${video ? 'media' : 'sound'}`,
      async () => {
        const first = await remoteMedia(page, selector);
        lastSeen = first;
        if (first.length !== count || (video && !first.every((tile) => tile.playing))) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const second = await remoteMedia(page, selector);
        lastSeen = second;
        if (second.length !== count) return undefined;
        const flowing = second.every((tile) => {
          const before = first.find((other) => other.peerId === tile.peerId);
          const moving = !video || (tile.playing && !!before && tile.framesDecoded > before.framesDecoded);
          return !!before && moving && tile.audioPacketsReceived > before.audioPacketsReceived;
        });
        return flowing ? second : undefined;
      },
      timeoutMs,
      500,
    );
  } catch (error) {
    const tiles = lastSeen.map(
      (tile) =>
        `${tile.name || tile.peerId} (${tile.playing ? 'playing' : 'not playing'}, ${tile.framesDecoded} frames, ` +
        `${tile.audioPacketsReceived} audio packets)`,
    );
    const calls = await connectionStates(page).catch((problem: unknown) => [`unreadable: ${String(problem)}`]);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${message}; last seen: ${tiles.join(', ') || 'no remote tile'}; calls: ${calls.join(', ') || 'none'}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * For failure messages: each live connection of the page, its states (connection, ICE, DTLS) and what came in on
 * it, which tells a call that never connected from one that connected but carries nothing.
 */
export function connectionStates(page: EvaluatingPage): Promise<string[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const states: string[] = [];
    for (const connection of connections) {
      // Firefox refuses getStats on a closed connection (PeerJS closes its own feature probe at once).
      if (connection.connectionState === 'closed') continue;
      // Chromium reports the DTLS state; Firefox has no transport entry.
      let dtls = '';
      let packets = 0;
      (await connection.getStats()).forEach((entry: { type: string; dtlsState?: string; packetsReceived?: number }) => {
        if (entry.type === 'transport') dtls = `/DTLS ${entry.dtlsState ?? '?'}`;
        if (entry.type === 'inbound-rtp') packets += entry.packetsReceived ?? 0;
      });
      states.push(`${connection.connectionState}/ICE ${connection.iceConnectionState}${dtls}, ${packets} packets in`);
    }
    return states;
  }, undefined);
}

/** The local and remote candidate types of the selected pair of every live connection on the page. */
export function selectedCandidateTypes(page: EvaluatingPage): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pairs: { local: string; remote: string }[] = [];
    for (const connection of connections) {
      if (connection.connectionState !== 'connected') continue;
      const report = await connection.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      report.forEach((entry: Record<string, unknown>) => byId.set(String(entry.id), entry));
      for (const entry of byId.values()) {
        if (entry.type !== 'transport' || !entry.selectedCandidatePairId) continue;
        const pair = byId.get(String(entry.selectedCandidatePairId));
        const local = byId.get(String(pair?.localCandidateId));
        const remote = byId.get(String(pair?.remoteCandidateId));
        pairs.push({ local: String(local?.candidateType), remote: String(remote?.candidateType) });
      }
    }
    return pairs;
  }, undefined);
}
