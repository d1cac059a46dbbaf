import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface SuiteEnvironment {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Starts the server again on the same port (after a stop or a crash). */
  restartServer(): Promise<RunningServer>;
}

/** Registers before/after hooks for the calling describe(): a real server process and one Chromium. */
export function useServerAndBrowser(env: Record<string, string> = {}): SuiteEnvironment {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };
  return {
    get server() {
      return required(server, 'the server');
    },
    get browser() {
      return required(browser, 'the browser');
    },
    async restartServer() {
      server = await startServer(env, required(server, 'the server').port);
      return server;
    },
  };
}
