import net from 'node:net';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { JoinedRoom } from '../../../src/shared/events.js';
import { connectPeer, connectSocket, readMetric, type PeerClient, type TestSocket } from '../clients.js';

/** What every hostile case may use: the server, the call under attack, and a member of its room. */
export interface HostileContext {
  url: string;
  port: number;
  /** The room of the live call, and its two participants' peer ids. */
  room: string;
  adaId: string;
  boId: string;
  /** A hostile member of the same room (a socket.io connection and a PeerJS socket that answers nothing). */
  mallory: { socket: TestSocket; peer: PeerClient };
  /** A fresh socket.io connection, closed after the case. */
  outsider(): Promise<TestSocket>;
  /** A fresh PeerJS socket that joined `room` (another room by default), closed after the case. */
  outsiderPeer(room?: string): Promise<{ socket: TestSocket; peer: PeerClient; joined: JoinedRoom }>;
  /** A fresh PeerJS socket and socket.io connection that joined nothing, closed after the case. */
  stranger(): Promise<{ socket: TestSocket; peer: PeerClient }>;
  /** A signaling frame counted as dropped for `reason` since the case began. */
  dropped(reason: string): Promise<number>;
  /** The messages on Ada's and Bo's pages' chat, once `text` is on both (or as they are after 10 s). */
  chatSeenByCall(text: string): Promise<string[]>;
  /** The signaling state of every peer connection Ada's page made, in order. */
  adaConnections(): Promise<string[]>;
}

export interface HostileCase {
  edge: 'HTTP' | 'socket.io' | 'PeerJS';
  name: string;
  run(context: HostileContext): Promise<void>;
}

/**
 * Sends raw bytes over HTTP/1.1 and returns the status line of the answer ('closed' if none came). With
 * `keepOpen`, the client never ends its own side (as an attacker holding sockets would): `endedByServer` says
 * whether the server closed the socket itself.
 */
export function rawHttp(
  port: number,
  request: string,
  { keepOpen = false } = {},
): Promise<{ status: number; body: string; endedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: keepOpen }, () => socket.write(request));
    let data = '';
    let endedByServer = false;
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('end', () => (endedByServer = true));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4), endedByServer });
    });
    setTimeout(() => socket.destroy(), 3000);
  });
}

export const get = (path: string, headers = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`;

/** The refusal a socket.io request got, through its acknowledgement. */
export async function refusal(socket: TestSocket, event: string, ...args: unknown[]): Promise<string> {
  const timed = socket.timeout(3000);
  const emit = timed.emitWithAck as unknown as (...values: unknown[]) => Promise<unknown>;
  const result = (await emit.apply(timed, [event, ...args])) as { ok: boolean; error?: { code: string } };
  assert.equal(result.ok, false, `${event} was accepted`);
  return result.error?.code ?? '';
}

/** The HTTP status with which the server refused a WebSocket upgrade (0 if it accepted it). */
export function upgradeAnswer(url: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve(0);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? -1));
    socket.once('error', () => undefined);
  });
}

/** Polls an asynchronous condition every 100 ms. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A raw WebSocket to the server: for frames no well-behaved client library would send. */
export function rawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the close code of a WebSocket (or 0 if it is still open after `ms`). */
export function closeCode(socket: WebSocket, ms = 3000): Promise<number> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(0), ms);
    socket.once('close', (code: number) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export { connectPeer, connectSocket, readMetric };
