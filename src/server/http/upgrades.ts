import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { AddressCounter } from '../limits/addressCounter.js';

/**
 * Answers an upgrade that will not happen and ends its socket for good. Ending is not enough: a client that
 * keeps its side open would hold the file descriptor for as long as it likes.
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string, node?: string): void {
  socket.on('error', () => undefined);
  const timer = setTimeout(() => socket.destroy(), 1000);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
      (node === undefined ? '' : `X-Parley-Node: ${node}\r\n`) +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${message}`,
    () => socket.destroy(),
  );
}

export interface UpgradeRoutes {
  /** socket.io's own path: its engine answers those upgrades (and refuses, and destroys, on its own). */
  socketIoPath: string;
  /** The PeerJS socket path. */
  peerPath: string;
  allowOrigin: (request: IncomingMessage) => boolean;
  clientAddress: (request: IncomingMessage) => string;
  /** Open sockets per client address: every upgraded socket counts from its request to its close. */
  addresses: AddressCounter;
  peer: (request: IncomingMessage, socket: Duplex, head: Buffer, address: string) => void;
  /** This node's name, on every refusal (X-Parley-Node). */
  node: string;
  /**
   * Runs first, before anything answers the upgrade: it may take the socket (a cluster forwards a room's
   * connections to the node that holds it), or `proceed` with it here.
   */
  divert?: (request: IncomingMessage, socket: Duplex, head: Buffer, proceed: () => void) => void;
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Every upgrade request has an owner: socket.io's, the PeerServer's, or this function's refusal. Each counts
 * against its client address from the moment it arrives, so half-open upgrades cannot pile up, and nothing
 * refused or unknown keeps its socket.
 */
export function routeUpgrades(httpServer: HttpServer | HttpsServer, routes: UpgradeRoutes): () => void {
  // socket.io's engine listens for upgrades on its own: it is called from here, once nothing diverted them.
  const engine = httpServer.listeners('upgrade') as UpgradeListener[];
  for (const listener of engine) httpServer.off('upgrade', listener);
  const route = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    for (const listener of engine) listener.call(httpServer, request, socket, head);
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    const isSocketIo = url.startsWith(routes.socketIoPath);
    const refuse = (status: number, message: string) => refuseUpgrade(socket, status, message, routes.node);
    if (!isSocketIo && pathname !== routes.peerPath) return refuse(404, 'nothing to upgrade here');
    const address = routes.clientAddress(request);
    if (!isSocketIo) {
      if (!routes.allowOrigin(request)) return refuse(403, 'origin not allowed');
      if (!routes.addresses.hasRoom(address)) return refuse(429, 'too many connections from this address');
    }
    routes.addresses.opened(address);
    socket.once('close', () => routes.addresses.closed(address));
    if (!isSocketIo) routes.peer(request, socket, head, address);
  };
  const onUpgrade: UpgradeListener = (request, socket, head) =>
    routes.divert
      ? routes.divert(request, socket, head, () => route(request, socket, head))
      : route(request, socket, head);
  httpServer.on('upgrade', onUpgrade);
  return () => {
    httpServer.off('upgrade', onUpgrade);
    for (const listener of engine) httpServer.on('upgrade', listener);
  };
}
