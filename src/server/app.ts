import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { Server } from 'socket.io';
import { limits } from '../shared/limits.js';
import { ChatLog } from './chat/chatLog.js';
import { registerChatHandlers } from './chat/handlers.js';
import type { Config } from './config/load.js';
import { iceServersFor } from './ice/credentials.js';
import { clientAddressResolver } from './http/clientAddress.js';
import { createHealthRoutes } from './http/health.js';
import { originAllowed } from './http/origin.js';
import { createRoutes } from './http/routes.js';
import { permissionsPolicy, securityHeaders } from './http/security.js';
import { AddressCounter } from './limits/addressCounter.js';
import { ConnectionRates } from './limits/rates.js';
import type { Logger } from './log.js';
import { Metrics } from './observability/metrics.js';
import { mountPeerServer } from './peer/mount.js';
import { Departures } from './rooms/departures.js';
import { registerRoomHandlers, type RoomDeps } from './rooms/handlers.js';
import { Roster } from './rooms/roster.js';
import { guardEvents, replier, type ParleyServer } from './socket/reply.js';

export const peerMountPath = '/peerjs';

/** Limits of the transport layer. */
const transport = {
  /** socket.io frames are small JSON; 64 KiB leaves room for chat and still refuses floods of bytes. */
  maxHttpBufferSize: 64 * 1024,
  /** A vanished browser is noticed 2 to 4 s after its last answer (pingInterval, then pingTimeout)... */
  pingIntervalMs: 2000,
  pingTimeoutMs: 2000,
  /**
   * ...and, if its PeerJS socket still looks open (a blip?), leaves after this much more: 8 s at most, so
   * that a page which lost its network is out of every grid within 10 s even on a busy machine, while a
   * page back within a few seconds (it notices the drop as the server does, and retries within 0.4 s, then
   * at most 1 s apart) is resumed without anyone seeing it leave.
   */
  awayGraceMs: 4000,
  peerMaxPayload: 64 * 1024,
  maxHeaderBytes: 16 * 1024,
} as const;

export type WebServer = HttpServer | HttpsServer;

export interface ParleyApp {
  httpServer: WebServer;
  protocol: 'http' | 'https';
  io: ParleyServer;
  roster: Roster;
  listen(): Promise<AddressInfo>;
  /** The first step of shutting down: /readyz says 503 and joins are refused with `shutting-down`. */
  stopAcceptingJoins(): void;
  /** Stops accepting joins, tells every page the server is restarting, closes every connection. */
  close(): Promise<void>;
}

/** The whole server. `tls` (PEM certificate and key) makes it HTTPS. */
export function createApp(config: Config, log: Logger, tls?: { cert: string; key: string }): ParleyApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const httpServer: WebServer = tls
    ? createHttpsServer({ ...tls, maxHeaderSize: transport.maxHeaderBytes }, app)
    : createServer({ maxHeaderSize: transport.maxHeaderBytes }, app);
  // Slow or stalled requests (slowloris) do not hold connections for long. WebSockets are not affected.
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;
  httpServer.keepAliveTimeout = 5_000;

  const clientAddress = clientAddressResolver(config.trustProxy);
  const addresses = new AddressCounter(config.maxConnectionsPerAddress);
  const io: ParleyServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: transport.maxHttpBufferSize,
    pingInterval: transport.pingIntervalMs,
    pingTimeout: transport.pingTimeoutMs,
    // Same-origin only: the room page is served from here.
    cors: { origin: false },
    allowRequest: (request, callback) => {
      if (!originAllowed(request, config.publicOrigin)) return callback('origin not allowed', false);
      if (!addresses.hasRoom(clientAddress(request))) return callback('too many connections from this address', false);
      callback(null, true);
    },
  });
  io.engine.on(
    'connection',
    (connection: { request: IncomingMessage | null; once(event: 'close', listener: () => void): void }) => {
      if (!connection.request) return;
      const address = clientAddress(connection.request);
      addresses.opened(address);
      connection.once('close', () => addresses.closed(address));
      // Nothing needs the upgrade request after this: letting it go saves memory on every connection
      // (socket.io's own advice; its handshake copes without it).
      connection.request = null;
    },
  );

  app.use(securityHeaders);
  app.use((_request, response, next) => {
    response.set('Permissions-Policy', permissionsPolicy);
    next();
  });
  const roster = new Roster(config.roomCapacity);
  const chat = new ChatLog(limits.chatHistory);
  const departures = new Departures(transport.awayGraceMs);
  let acceptingJoins = true;
  const metrics = new Metrics({
    participants: () => roster.participantCount,
    rooms: () => roster.roomCount,
    peerSockets: () => peer.registry.size,
  });

  const peer = mountPeerServer(
    httpServer,
    {
      mountPath: peerMountPath,
      maxPayload: transport.peerMaxPayload,
      expireTimeout: 5000,
      aliveTimeout: 60_000,
      concurrentLimit: 50_000,
      allowOrigin: (request) => originAllowed(request, config.publicOrigin),
      addresses,
      clientAddress,
      roomOf: (peerId) => roster.memberByPeerId(peerId)?.roomId,
      onDrop: (reason) => metrics.signalingDropped(reason),
      onPeerGone: (peerId) => departures.peerGone(peerId),
    },
    log.child({ component: 'peer' }),
  );

  app.use(peerMountPath, peer.router);
  app.use(createHealthRoutes(() => acceptingJoins, config.metrics ? metrics : undefined));
  app.use(createRoutes(config.clientDir));
  const onError: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ err: error }, 'request failed');
    response
      .status(status)
      .type('text/plain')
      .send(status >= 500 ? 'Internal error' : 'Bad request');
  };
  app.use(onError);

  const roomsLog = log.child({ component: 'rooms' });
  // One set of dependencies for every connection: per-connection state is only its socket and allowances.
  const roomDeps: RoomDeps = {
    roster,
    chat,
    departures,
    isPeerLive: (peerId) => peer.registry.isLive(peerId),
    isAcceptingJoins: () => acceptingJoins,
    isShuttingDown: () => !acceptingJoins,
    iceServersFor: (peerId) => iceServersFor(config, peerId),
    metrics,
    log: roomsLog,
  };
  io.on('connection', (socket) => {
    const rates = new ConnectionRates();
    const reply = replier(socket, rates, metrics, roomsLog);
    guardEvents(socket, rates, reply);
    registerChatHandlers(socket, roster, chat, reply);
    registerRoomHandlers(io, socket, roomDeps, reply);
  });

  return {
    httpServer,
    protocol: tls ? 'https' : 'http',
    io,
    roster,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    stopAcceptingJoins: () => {
      acceptingJoins = false;
    },
    close: async () => {
      acceptingJoins = false;
      departures.close();
      io.emit('server-restarting');
      peer.close();
      // Disconnects every socket and stops listening; resolves once the HTTP server has closed, which
      // waits for requests in flight. Idle keep-alive connections go now; stragglers after 3 s.
      const closed = io.close();
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), 3000);
      force.unref();
      await closed;
      clearTimeout(force);
    },
  };
}

function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status >= 400 && error.status < 600 ? error.status : 500;
  }
  return 500;
}
