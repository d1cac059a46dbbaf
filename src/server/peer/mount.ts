import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer, type IClient } from 'peer';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressCounter } from '../limits/addressCounter.js';
import { ConnectionRates } from '../limits/rates.js';
import type { Logger } from '../log.js';
import { checkSignal, type DropReason } from './guard.js';

export interface PeerMountOptions {
  /** Where the PeerServer is mounted in the Express app; clients use `{ path: mountPath }`. */
  mountPath: string;
  /** Largest signaling frame accepted, in bytes (the ws default is 100 MiB). */
  maxPayload: number;
  /** How long a message for an absent peer is kept, in ms. */
  expireTimeout: number;
  /** A peer that has sent nothing (not even a heartbeat) for this long is dropped, in ms. */
  aliveTimeout: number;
  concurrentLimit: number;
  /** Refuses upgrades whose Origin is not allowed (see http/origin.ts). */
  allowOrigin: (request: IncomingMessage) => boolean;
  /** Open connections per client address, and how to tell a request's client address. */
  addresses: AddressCounter;
  clientAddress: (request: IncomingMessage) => string;
  /** The room a peer id is in, per the roster; signaling is relayed only within a room. */
  roomOf: (peerId: string) => string | undefined;
  onDrop: (reason: DropReason) => void;
  /** A peer id's signaling socket closed. */
  onPeerGone: (peerId: string) => void;
}

/**
 * A PeerJS signaling socket whose frames pass the guard before `peer` sees them: a refused frame is
 * never emitted. No error goes back: PeerJS destroys the whole Peer on a server ERROR. A socket that keeps
 * sending refused frames is closed (1008, policy violation).
 */
class GuardedSocket extends WebSocket {
  inspect?: (data: string) => boolean;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'message' && this.inspect && !this.inspect(String(args[0]))) return false;
    return super.emit(event, ...args);
  }
}

/** Peer ids currently connected to this server's PeerServer. */
export class PeerRegistry {
  private readonly clients = new Map<string, IClient>();

  add(client: IClient): void {
    this.clients.set(client.getId(), client);
  }

  remove(client: IClient): void {
    if (this.clients.get(client.getId()) === client) this.clients.delete(client.getId());
  }

  isLive(peerId: string): boolean {
    return this.clients.has(peerId);
  }

  get size(): number {
    return this.clients.size;
  }
}

export interface PeerMount {
  router: ReturnType<typeof ExpressPeerServer>;
  registry: PeerRegistry;
  close(): void;
}

/**
 * The PeerJS server on the app's own HTTP server. By default `peer` opens a WebSocketServer bound to the
 * whole HTTP server, which answers every other upgrade (socket.io's too) with 400 and pushes socket.io
 * back to long-polling. Here its WebSocketServer is detached (`noServer`) and handed only the upgrades
 * for its own path.
 */
export function mountPeerServer(
  httpServer: HttpServer | HttpsServer,
  options: PeerMountOptions,
  log: Logger,
): PeerMount {
  const registry = new PeerRegistry();
  let webSocketServer: WebSocketServer | undefined;
  let onUpgrade: ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;

  const router = ExpressPeerServer(httpServer, {
    path: '/',
    key: 'peerjs',
    allow_discovery: false,
    expire_timeout: options.expireTimeout,
    alive_timeout: options.aliveTimeout,
    concurrent_limit: options.concurrentLimit,
    // The room page is served from this origin; nobody else needs to reach the PeerServer's HTTP API.
    corsOptions: { origin: false },
    createWebSocketServer: ({ path }) => {
      const wsPath = path ?? `${options.mountPath}/peerjs`;
      const server = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, WebSocket: GuardedSocket });
      // Registered before peer's own listener, so the guard is in place before any frame is handled.
      server.on('connection', (socket: GuardedSocket, request: IncomingMessage) => {
        const sender = new URL(request.url ?? '/', 'http://peer').searchParams.get('id') ?? '';
        const address = options.clientAddress(request);
        options.addresses.opened(address);
        socket.once('close', () => options.addresses.closed(address));
        const rates = new ConnectionRates();
        socket.inspect = (data) => {
          const verdict = rates.allow('signaling')
            ? checkSignal(data, sender, options.roomOf)
            : ({ ok: false, reason: 'rate-limited' } as const);
          if (verdict.ok) return true;
          options.onDrop(verdict.reason);
          log.debug({ peerId: sender, reason: verdict.reason }, 'signaling dropped');
          if (!rates.allow('signalingStrikes')) {
            log.warn({ peerId: sender, address }, 'signaling socket closed: too many refused frames');
            socket.close(1008, 'too many refused frames');
          }
          return false;
        };
      });
      onUpgrade = (request, socket, head) => {
        if (pathnameOf(request) !== wsPath) return;
        if (!options.allowOrigin(request)) {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        if (!options.addresses.hasRoom(options.clientAddress(request))) {
          socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
      };
      httpServer.on('upgrade', onUpgrade);
      webSocketServer = server;
      return server;
    },
  });

  router.on('connection', (client) => {
    registry.add(client);
    log.debug({ peerId: client.getId() }, 'peer connected');
  });
  router.on('disconnect', (client) => {
    registry.remove(client);
    log.debug({ peerId: client.getId() }, 'peer disconnected');
    if (!registry.isLive(client.getId())) options.onPeerGone(client.getId());
  });
  router.on('error', (error) => log.warn({ err: error }, 'peer server error'));

  return {
    router,
    registry,
    close() {
      if (onUpgrade) httpServer.off('upgrade', onUpgrade);
      for (const socket of webSocketServer?.clients ?? []) socket.terminate();
      webSocketServer?.close();
    },
  };
}

function pathnameOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
