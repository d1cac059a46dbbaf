import { after, before } from 'node:test';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import {
  capturePeerConnections,
  captureDeviceTracks,
  defineNameHelper,
  rememberName,
  type EvaluatingPage,
} from './pageScripts.js';
import { startVirtualDisplay } from './xvfb.js';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Firefox as a meeting participant: fake camera, no permission prompts, real host addresses in ICE
 * candidates (Firefox gathers no 127.0.0.1 candidate, so calls use the machine's own interface addresses),
 * and nothing that phones home. Autoplay keeps Firefox's default policy (sound only after a click), as
 * people have it.
 *
 * The mock audio backend (`media.cubeb.force_mock_context`) lists three fake microphones and two fake
 * speakers, so device switching can be tested; `camera.fake.force` keeps the one fake camera Firefox has
 * (`media.navigator.streams.fake` would also replace those microphones with a single fake one).
 *
 * `layout.frame_rate` paints at 15 frames a second, the rate of Chromium's fake cameras, instead of 60: Firefox
 * composites its windows in software here, and at 60 that alone took a third of a core for two participants on
 * this two-core machine, enough to starve the other browser's pages of the time to answer the server's pings.
 */
export const firefoxPrefs: Record<string, unknown> = {
  'layout.frame_rate': 15,
  'media.getusermedia.camera.fake.force': true,
  'media.cubeb.force_mock_context': true,
  'media.setsinkid.enabled': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'toolkit.telemetry.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.update.enabled': false,
  'browser.safebrowsing.update.enabled': false,
};

const launchTimeoutMs = 30_000;
const closeTimeoutMs = 10_000;
/** 16:9, like Chromium's fake screen, so tests tell a shared screen from the 4:3 camera by its shape. */
export const screenSize = { width: 1600, height: 900 };

export interface RunningFirefox {
  browser: Browser;
  /** Closes Firefox (killed if it does not close in time, so a hung browser cannot hang the run) and its display. */
  close(): Promise<void>;
}

/**
 * One Firefox ESR for a whole suite (it takes about 4.5 s to start), driven over WebDriver BiDi. It runs
 * with a window on its own virtual display rather than headless, because only there can it share a screen.
 */
export async function launchFirefox(): Promise<RunningFirefox> {
  const display = await startVirtualDisplay(screenSize.width, screenSize.height);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      protocol: 'webDriverBiDi',
      headless: false,
      env: { ...process.env, DISPLAY: display.display },
      timeout: launchTimeoutMs,
      protocolTimeout: 60_000,
      extraPrefsFirefox: firefoxPrefs,
    });
  } catch (error) {
    await display.stop();
    throw error;
  }
  return {
    browser,
    async close() {
      await closeBrowser(browser);
      await display.stop();
    },
  };
}

async function closeBrowser(browser: Browser): Promise<void> {
  const process = browser.process();
  const closed = await withTimeout(browser.close(), closeTimeoutMs, 'closing Firefox').then(
    () => true,
    () => false,
  );
  if (!closed && process && process.exitCode === null && process.signalCode === null) process.kill('SIGKILL');
}

/** Registers before/after hooks for the calling describe(): one Firefox, closed at the end. */
export function useFirefox(): { readonly browser: Browser } {
  let firefox: RunningFirefox | undefined;
  before(async () => {
    firefox = await launchFirefox();
  });
  after(async () => {
    await firefox?.close();
  });
  return {
    get browser() {
      if (!firefox) throw new Error('Firefox is not started: use it inside a test');
      return firefox.browser;
    },
  };
}

export interface FirefoxParticipant {
  context: BrowserContext;
  page: Page;
  /** The same page for the measurement helpers shared with Chromium (`expectMediaFromAll`, `tileInfo`...). */
  probe: EvaluatingPage;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export interface FirefoxPageOptions {
  name?: string;
  viewport?: { width: number; height: number };
  /**
   * The languages the page sees the browser ask for (`navigator.languages`), as a Firefox set up in that
   * language has them. One Firefox serves the whole suite and its language is a preference of the whole
   * browser, so a page is given its own; Parley chooses its language from `navigator.languages` only.
   */
  languages?: readonly string[];
}

/**
 * A participant in Firefox: a new browser context (its own storage, like a separate person) and page,
 * instrumented like the Chromium participants, opened at `url`.
 */
export async function openFirefoxPage(
  browser: Browser,
  url: string,
  options: FirefoxPageOptions = {},
): Promise<FirefoxParticipant> {
  const context = await browser.createBrowserContext();
  const close = () => withTimeout(context.close(), closeTimeoutMs, 'closing a Firefox context').catch(() => undefined);
  try {
    // Each page in its own window: a tab behind another is hidden (document.visibilityState), and a hidden
    // page rightly asks its senders for no video (quality/views.ts).
    const page = await context.newPage({ type: 'window' });
    await page.setViewport(options.viewport ?? { width: 1280, height: 800 });
    const scripts = [defineNameHelper, capturePeerConnections, captureDeviceTracks];
    // The first document of a new tab is about:blank, whose storage cannot be touched.
    if (options.name) scripts.push(`if (location.protocol.startsWith('http')) ${rememberName(options.name)}`);
    if (options.languages) scripts.push(askForLanguages(options.languages));
    for (const script of scripts) await page.evaluateOnNewDocument(script);
    const errors: string[] = [];
    page.on('pageerror', (error) =>
      errors.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await page.goto(url);
    return { context, page, probe: probeOf(page), errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Opens a room in Firefox and joins it from the pre-join screen (or stays there, with `stayInLobby`). */
export async function joinInFirefox(
  browser: Browser,
  url: string,
  options: FirefoxPageOptions & { stayInLobby?: boolean } = {},
): Promise<FirefoxParticipant> {
  const participant = await openFirefoxPage(browser, url, options);
  if (!options.stayInLobby) {
    try {
      await clickButton(participant.page, 'Join now');
    } catch (error) {
      await participant.close();
      throw error;
    }
  }
  return participant;
}

/** An init script: the page's navigator asks for `languages`, the first one as its own language. */
function askForLanguages(languages: readonly string[]): string {
  const list = JSON.stringify(languages);
  return `(() => {
    const languages = Object.freeze(${list});
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => languages, configurable: true });
    Object.defineProperty(Navigator.prototype, 'language', { get: () => languages[0], configurable: true });
  })();`;
}

const button = (name: string) => `::-p-aria([name=${JSON.stringify(name)}][role="button"])`;

/** Clicks the enabled button whose accessible name is `name`, once it is there (as a person would). */
export async function clickButton(page: Page, name: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(button(name)).setTimeout(timeoutMs).click();
}

/** Resolves once a button whose accessible name is `name` shows. */
export async function buttonShown(page: Page, name: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(button(name)).setTimeout(timeoutMs).wait();
}

/**
 * Puppeteer's `evaluate` is typed for element handles as arguments, which TypeScript cannot match to the
 * plain generic signature; the call itself is the same.
 */
function probeOf(page: Page): EvaluatingPage {
  return {
    evaluate: <R, A>(pageFunction: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(pageFunction as (arg: unknown) => R | Promise<R>, arg) as Promise<R>,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
