import type { Page } from 'playwright-core';

// Scripts that run in a participant's page before the page's own (Playwright's addInitScript), and the
// readers of what they record. Chromium's pages and, where noted, Firefox's (test/support/firefox.ts).

/**
 * Records every RTCPeerConnection the page makes, so tests can read `getStats()` for each tile. Runs
 * before the page's own scripts.
 */
export const capturePeerConnections = `(() => {
  const Native = window.RTCPeerConnection;
  const connections = [];
  const changes = [];
  Object.defineProperty(window, '__peerConnections', { value: connections });
  Object.defineProperty(window, '__connectionChanges', { value: changes });
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      const index = connections.push(this) - 1;
      this.addEventListener('connectionstatechange', () =>
        changes.push({ index, state: this.connectionState, at: Date.now() }),
      );
    }
  };
})();`;

/** Every RTCPeerConnection state change the page saw: which connection (by creation order), to what, when. */
export function connectionChanges(page: Page): Promise<{ index: number; state: string; at: number }[]> {
  return page.evaluate(() => [
    ...(window as unknown as { __connectionChanges: { index: number; state: string; at: number }[] })
      .__connectionChanges,
  ]);
}

/** Forces every RTCPeerConnection of the page to use TURN relays only, as a strict firewall would. */
export const forceRelay = `(() => {
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config, ...rest) { super({ ...(config || {}), iceTransportPolicy: 'relay' }, ...rest); }
  };
})();`;

/** Records every track getUserMedia hands out, so tests can see whether a device was released. */
export const captureDeviceTracks = `(() => {
  const tracks = [];
  Object.defineProperty(window, '__deviceTracks', { value: tracks });
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
})();`;

/** Records every membership phase the page goes through (the app shows it as <html data-membership>). */
export const captureMembershipPhases = `(() => {
  const phases = [];
  Object.defineProperty(window, '__membershipPhases', { value: phases });
  const record = () => {
    const phase = document.documentElement.dataset.membership;
    if (phase && phases[phases.length - 1] !== phase) phases.push(phase);
  };
  // The page's <html> may not exist yet when this runs: watch the whole document.
  new MutationObserver(record).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-membership'] });
})();`;

/** The membership phases the page went through so far, in order, repeats collapsed. */
export function membershipPhases(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __membershipPhases: string[] }).__membershipPhases]);
}

/** tsx names functions it compiles (esbuild keepNames): functions the tests evaluate in the page need it. */
export const defineNameHelper = 'globalThis.__name = (target) => target;';

/** Puts `name` where Parley remembers the person's name, so the pre-join screen starts with it. */
export const rememberName = (name: string): string => `localStorage.setItem('parley:name', ${JSON.stringify(name)});`;

/**
 * What the measurement helpers need of a page, so they serve Playwright's pages (Chromium) and Puppeteer's
 * (Firefox) alike: one function evaluated in the page with one serialisable argument.
 */
export interface EvaluatingPage {
  evaluate<R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** Whether any camera track the page obtained is still live (the camera light is on). */
export function cameraInUse(page: EvaluatingPage): Promise<boolean> {
  return page.evaluate(
    () =>
      (window as unknown as { __deviceTracks: MediaStreamTrack[] }).__deviceTracks.some(
        (track) => track.kind === 'video' && track.readyState === 'live',
      ),
    undefined,
  );
}

/**
 * An init script: anything the page's Content-Security-Policy blocks becomes a console error (and so one of the
 * participant's `errors`), even when the page caught what threw.
 */
export const reportPolicyViolations = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('Content-Security-Policy blocked ' + (event.blockedURI || 'something') + ' (' + event.violatedDirective + ')'));`;
