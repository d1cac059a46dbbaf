import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { createApp, type ParleyApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config/load.js';
import { createLogger } from '../../src/server/log.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shared/events.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/client');

export interface TestServer {
  app: ParleyApp;
  url: string;
  /** Where its metrics are served (their own port, on loopback), for readMetric. */
  metricsUrl: string;
  close(): Promise<void>;
}

/** A clock that follows real time and can be moved on: a test skips a wait instead of sleeping through it. */
export class TestClock {
  private offset = 0;
  readonly now = (): number => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** The real app, in this process, on a free port (metrics on another free port). */
export async function startTestServer(env: Record<string, string> = {}, clock?: TestClock): Promise<TestServer> {
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'silent', ...env },
    clientDir,
  );
  const app = createApp(config, createLogger(config.logLevel), clock ? { now: clock.now } : {});
  const address = await app.listen();
  const metrics = app.metricsAddress();
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    metricsUrl: metrics ? `http://127.0.0.1:${metrics.port}` : '',
    close: () => app.close(),
  };
}

export async function connectSocket(
  url: string,
  transports: ('websocket' | 'polling')[] = ['websocket'],
  query?: Record<string, string>,
): Promise<TestSocket> {
  const socket: TestSocket = io(url, { transports, reconnection: false, forceNew: true, ...(query ? { query } : {}) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

export interface PeerClient {
  id: string;
  /** The token it connected with: its proof of owning `id` when joining. */
  token: string;
  socket: WebSocket;
  messages: Record<string, unknown>[];
  send(message: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** A PeerJS signaling client, as the peerjs library opens it. Resolves once the server says OPEN. */
export async function connectPeer(
  url: string,
  id: string = randomUUID(),
  token = 'token-' + id,
  key = 'peerjs',
): Promise<PeerClient> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/peerjs/peerjs?key=${key}&id=${id}&token=${token}`);
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', function onMessage(data: Buffer) {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type === 'OPEN') resolve();
      else reject(new Error(`PeerServer answered ${data.toString()}`));
      socket.off('message', onMessage);
    });
  });
  return {
    id,
    token,
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** The next event of this name, with its arguments. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 3000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      clearTimeout(timer);
      resolve(args);
    };
    socket.once(event, listener as never);
  });
}

/** Resolves true if no such event arrives within the window. */
export function noEvent(socket: TestSocket, event: keyof ServerToClientEvents, windowMs = 400): Promise<boolean> {
  return new Promise((resolve) => {
    const listener = () => resolve(false);
    socket.once(event, listener);
    setTimeout(() => {
      socket.off(event, listener);
      resolve(true);
    }, windowMs);
  });
}

export async function waitUntil(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The value of one Prometheus line, e.g. `parley_errors_total{code="room-full"}` (0 when absent), from a
 * server's metrics listener (`metricsUrl`).
 */
export async function readMetric(server: { metricsUrl: string }, line: string): Promise<number> {
  const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}
