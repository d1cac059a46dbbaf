import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, secureOriginFlag } from '../browser.js';
import { writeNoiseVideo, type NoiseVideo } from '../fakeCamera.js';
import { startServer, type RunningServer } from '../server.js';
import { launchBrowserInNamespace } from './browser.js';
import { createIsolatedHost, type IsolatedHost } from './host.js';

export interface IsolatedSuiteEnvironment {
  /** The namespace the `isolated` browser lives in; shape or cut its link. */
  readonly host: IsolatedHost;
  /** Parley, listening on the root side of the veth pair only (never 0.0.0.0). */
  readonly server: RunningServer;
  /** Chromium in the root namespace, for participants with a clean network. */
  readonly browser: Browser;
  /** Chromium inside the namespace, for participants whose network the test controls. */
  readonly isolated: Browser;
}

export interface IsolatedSuiteOptions {
  /** The server's environment (HOST is always the veth address). */
  env?: Record<string, string>;
  /**
   * Both browsers' cameras show random noise (fakeCamera.ts), so video takes all the bitrate it is granted
   * and shaping shows; the default fake camera's simple picture needs only about 400 kbit/s.
   */
  noisyCamera?: boolean;
  /** Another fake camera for both browsers (e.g. busyCamera.ts); wins over `noisyCamera`. */
  camera?: () => Promise<NoiseVideo>;
}

/**
 * Registers before/after hooks for the calling describe(): an isolated host, a real server on its root-side
 * address, and one Chromium on each side, both trusting the server's http:// origin for camera and
 * microphone. Everything is closed in `after`, in reverse order, even when `before` failed halfway.
 */
export function useIsolatedParticipant({
  env = {},
  noisyCamera = false,
  camera,
}: IsolatedSuiteOptions = {}): IsolatedSuiteEnvironment {
  let host: IsolatedHost | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let isolated: Browser | undefined;
  let noise: NoiseVideo | undefined;
  before(async () => {
    host = await createIsolatedHost();
    server = await startServer({ ...env, HOST: host.hostAddress });
    const args = [secureOriginFlag(server.url)];
    if (camera || noisyCamera) {
      noise = await (camera ?? writeNoiseVideo)();
      args.push(noise.flag);
    }
    browser = await launchBrowser(args);
    isolated = await launchBrowserInNamespace(host, args);
  });
  after(async () => {
    const failures: unknown[] = [];
    const steps: (() => Promise<unknown> | undefined)[] = [
      () => isolated?.close(),
      () => browser?.close(),
      () => server?.stop(),
      () => host?.close(),
      () => noise?.remove(),
    ];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'closing the isolated suite failed');
  });
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };
  return {
    get host() {
      return required(host, 'the isolated host');
    },
    get server() {
      return required(server, 'the server');
    },
    get browser() {
      return required(browser, 'the browser');
    },
    get isolated() {
      return required(isolated, 'the isolated browser');
    },
  };
}
