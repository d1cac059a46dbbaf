import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server } from 'socket.io';
import { roomIdSchema } from '../../shared/schemas.js';
import type { RoomHome } from '../cluster/home.js';
import { originAllowed } from '../http/origin.js';
import type { AddressCounter } from '../limits/addressCounter.js';
import { presenceTiming } from '../presence/timing.js';
import type { ParleyServer } from './reply.js';

export interface SocketServerOptions {
  publicOrigin: string | undefined;
  /** This node's name, on every handshake answer (X-Parley-Node). */
  node: string;
  maxHttpBufferSize: number;
  clientAddress: (request: IncomingMessage) => string;
  addresses: AddressCounter;
  /** Where rooms live now (one node, or a cluster that may claim the room first). */
  home: () => RoomHome;
}

/**
 * socket.io on the HTTP server: same origin only, connections per address capped, and a connection that
 * names its room (`?room=`) let in once the room lives on this node.
 */
export function createSocketServer(httpServer: HttpServer | HttpsServer, options: SocketServerOptions): ParleyServer {
  const { addresses, clientAddress } = options;
  const io: ParleyServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: options.maxHttpBufferSize,
    pingInterval: presenceTiming.probeMs,
    pingTimeout: presenceTiming.pingTimeoutMs,
    // Upgrades to other paths are answered (and their sockets destroyed) by routeUpgrades, not left open.
    destroyUpgrade: false,
    // Same-origin only: the room page is served from here.
    cors: { origin: false },
    allowRequest: (request, callback) => {
      if (!originAllowed(request, options.publicOrigin)) return callback('origin not allowed', false);
      if (!addresses.hasRoom(clientAddress(request))) return callback('too many connections from this address', false);
      // A connection for a room is let in once the room lives here (in a cluster, it may be claimed first).
      const room = roomIdSchema.safeParse(new URL(request.url ?? '/', 'http://io').searchParams.get('room'));
      const home = options.home();
      if (!room.success || home.isHere(room.data)) return callback(null, true);
      home.admit(room.data, 'routed').then(
        (admission) => callback(admission.ok ? null : admission.message, admission.ok),
        () => callback('try again in a moment', false),
      );
    },
  });
  const nameNode = (headers: Record<string, string>) => {
    headers['X-Parley-Node'] = options.node;
  };
  io.engine.on('initial_headers', nameNode);
  io.engine.on('headers', nameNode);
  // Long-polling sessions hold no upgraded socket of their own: count them from their handshake.
  io.engine.on(
    'connection',
    (connection: {
      request: IncomingMessage;
      transport: { name: string };
      once(event: 'close', listener: () => void): void;
    }) => {
      if (connection.transport.name !== 'polling') return;
      const address = clientAddress(connection.request);
      addresses.opened(address);
      connection.once('close', () => addresses.closed(address));
    },
  );
  return io;
}
