import type { AddressInfo } from 'node:net';
import express from 'express';
import { limits } from '../shared/limits.js';
import { ChatLog } from './chat/chatLog.js';
import { HistoryLedger } from './chat/historyLedger.js';
import { joinCluster, nodeUrl, type ClusterLink } from './cluster/cluster.js';
import { divertToOwner } from './cluster/forward.js';
import { ClusterLimits } from './cluster/limits.js';
import { singleNode, type RoomHome } from './cluster/home.js';
import type { Config } from './config/load.js';
import { iceServersFor } from './ice/credentials.js';
import { clientAddressResolver, trustFunction } from './http/clientAddress.js';
import { errorHandler } from './http/errors.js';
import { createHealthRoutes, listenForMetrics } from './http/health.js';
import { originAllowed } from './http/origin.js';
import { createRoutes } from './http/routes.js';
import { responseHeaders } from './http/security.js';
import { createWebServer, type WebServer } from './http/webServer.js';
import { routeUpgrades } from './http/upgrades.js';
import { AddressCounter } from './limits/addressCounter.js';
import { Allowances } from './limits/allowances.js';
import type { Logger } from './log.js';
import { Metrics } from './observability/metrics.js';
import { createPeerEndpoint } from './peer/endpoint.js';
import { PresenceMonitor } from './presence/monitor.js';
import { presenceTiming } from './presence/timing.js';
import { unseat, type RoomDeps } from './rooms/rooms.js';
import { movedKnocker } from './rooms/control.js';
import { RoomControls } from './rooms/controls.js';
import { leaveLobby } from './rooms/lobby.js';
import { Roster } from './rooms/roster.js';
import type { ParleyServer } from './socket/reply.js';
import { acceptConnections } from './socket/connections.js';
import { createSocketServer } from './socket/server.js';

export const peerMountPath = '/peerjs';

/** Limits of the transport layer. */
const transport = {
  /** socket.io frames are small JSON; 64 KiB leaves room for chat and still refuses floods of bytes. */
  maxHttpBufferSize: 64 * 1024,
  peerMaxPayload: 64 * 1024,
  maxHeaderBytes: 16 * 1024,
} as const;

export type { WebServer };

export interface ParleyApp {
  httpServer: WebServer;
  protocol: 'http' | 'https';
  io: ParleyServer;
  roster: Roster;
  /** Listens on the public port (and the metrics port, when metrics are on). */
  listen(): Promise<AddressInfo>;
  /** Where metrics are served, once listening (undefined when off). */
  metricsAddress(): AddressInfo | undefined;
  /** Sockets (socket.io sessions, PeerJS sockets, upgrades under way) one client address holds now. */
  connectionsFrom(address: string): number;
  /** Whether a PeerJS socket is open with this id now. */
  isPeerConnected(peerId: string): boolean;
  /** The first step of shutting down: /readyz says 503 and joins are refused with `shutting-down`. */
  stopAcceptingJoins(): void;
  /** Stops accepting joins, tells every page the server is restarting, closes every connection. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** PEM certificate and key: the server speaks HTTPS. */
  tls?: { cert: string; key: string };
  /** The server's clock, for allowances and presence (tests move it on instead of waiting). */
  now?: () => number;
  /** This node's link to a cluster (REDIS_URL): rooms are claimed in Redis before they are served. */
  cluster?: ClusterLink;
}

/** The whole server. */
export function createApp(
  config: Config,
  log: Logger,
  { tls, now = Date.now, cluster: link }: AppOptions = {},
): ParleyApp {
  const app = express();
  app.disable('x-powered-by');
  app.use(responseHeaders(config.nodeName));
  // One reading of X-Forwarded-For for Express and for everything Express never sees (clientAddress.ts).
  const trust = trustFunction(config.trustProxy);
  app.set('trust proxy', trust);
  const web = createWebServer(app, {
    tls,
    maxHeaderBytes: transport.maxHeaderBytes,
    trust,
    connectionsPerAddress: config.maxConnectionsPerAddress,
  });
  const httpServer = web.server;
  const clientAddress = clientAddressResolver(trust);
  // Where rooms live: here, or (in a cluster, set once the cluster is joined below) wherever Redis says.
  let home: RoomHome = singleNode;
  const addresses = new AddressCounter(config.maxConnectionsPerAddress);
  const io = createSocketServer(httpServer, {
    publicOrigin: config.publicOrigin,
    node: config.nodeName,
    maxHttpBufferSize: transport.maxHttpBufferSize,
    clientAddress,
    addresses,
    home: () => home,
  });

  const seatsPerAddress =
    config.maxConnectionsPerAddress === 0 ? 0 : Math.max(1, Math.floor(config.maxConnectionsPerAddress / 2));
  const roster = new Roster(config.roomCapacity, seatsPerAddress);
  const chat = new ChatLog(limits.chatHistory);
  const historySent = new HistoryLedger();
  const controls = new RoomControls(undefined, undefined, link?.secret);
  // In a cluster, per-address counts hold for the whole cluster (Redis), on top of this node's own.
  const shared = link && new ClusterLimits(link.redis, () => roster.everyone(), log.child({ component: 'limits' }));
  // MAX_CONNECTIONS_PER_IP=0 (everyone behind one address, or a benchmark) turns per-address limits off.
  const allowances = new Allowances({
    perAddress: config.maxConnectionsPerAddress > 0,
    clock: now,
    ...(shared ? { shared } : {}),
  });
  let acceptingJoins = true;
  const metrics = new Metrics(
    {
      participants: () => roster.participantCount,
      rooms: () => roster.roomCount,
      peerSockets: () => peer.directory.size,
    },
    config.labelMetricsByNode ? config.nodeName : undefined,
  );

  const peer = createPeerEndpoint(
    {
      maxPayload: transport.peerMaxPayload,
      probeMs: presenceTiming.probeMs,
      deadAfterMs: presenceTiming.silentMs,
      roomOf: (peerId) => roster.memberByPeerId(peerId)?.roomId,
      onDrop: (reason) => metrics.signalingDropped(reason),
      onClosed: () => undefined,
      admit: (roomId) =>
        home
          .admit(roomId, 'routed')
          .then((admission) =>
            admission.ok ? admission : { ok: false as const, status: admission.status, message: admission.message },
          ),
      node: config.nodeName,
      now,
    },
    log.child({ component: 'peer' }),
  );
  const detachUpgrades = routeUpgrades(httpServer, {
    socketIoPath: '/socket.io/',
    peerPath: `${peerMountPath}/peerjs`,
    allowOrigin: (request) => originAllowed(request, config.publicOrigin),
    clientAddress,
    addresses,
    peer: peer.upgrade,
    node: config.nodeName,
    ...(link ? { divert: divertToOwner(() => home, config.nodeName, log.child({ component: 'cluster' })) } : {}),
  });

  app.use(peerMountPath, peer.router);
  app.use(
    createHealthRoutes(
      () => (!acceptingJoins ? 'shutting-down' : cluster && !cluster.storeReady() ? 'store-unavailable' : 'ready'),
      config.metrics ? metrics : undefined,
      config.metrics?.token,
    ),
  );
  // A room page asked for here: the room's sockets follow in a moment, so its claim can start now.
  app.use(createRoutes(config.clientDir, (roomId) => void home.admit(roomId, 'routed')));
  app.use(errorHandler(log));

  const roomsLog = log.child({ component: 'rooms' });
  const presence = new PresenceMonitor(
    {
      seated: () => roster.seated(),
      read: (peerId, channel) => {
        if (channel === 'peer') {
          const socket = peer.directory.get(peerId);
          return socket ? { open: true, lastHeard: socket.lastHeard, lastAnswered: socket.lastAlive } : { open: false };
        }
        const member = roster.memberByPeerId(peerId);
        const socket = member && io.sockets.sockets.get(member.connectionId);
        return socket?.connected ? { open: true, lastHeard: socket.data.lastHeard } : { open: false };
      },
    },
    (peerId, reason) => unseat(roomDeps, peerId, reason),
    presenceTiming,
    now,
  );
  const cluster =
    link &&
    joinCluster(link, {
      io,
      roster,
      controls,
      chat,
      historySent,
      peer,
      presence: presence.book,
      allowances,
      knockerGone: (roomId, peerId) => leaveLobby(roomDeps, roomId, peerId, movedKnocker),
      historyLimit: limits.chatHistory,
      now,
    });
  if (cluster) home = cluster.home;
  // One set of dependencies for every connection: per-connection state is only its socket and allowances.
  const roomDeps: RoomDeps = {
    io,
    roster,
    controls,
    chat,
    historySent,
    peer,
    presence: presence.book,
    allowances,
    metrics,
    iceServersFor: (peerId) => iceServersFor(config, peerId),
    isAcceptingJoins: () => acceptingJoins,
    isShuttingDown: () => !acceptingJoins,
    roomEmptied: (roomId) => {
      chat.clear(roomId);
      cluster?.chatCleared(roomId);
    },
    home,
    roomChanged: (roomId) => cluster?.roomChanged(roomId),
    log: roomsLog,
    now,
  };
  acceptConnections(io, {
    clientAddress,
    rooms: roomDeps,
    chat,
    ...(cluster ? { kept: cluster.chatPosted } : {}),
  });
  presence.start();
  const sweep = setInterval(() => {
    allowances.sweep(now());
    controls.sweep(now());
  }, 60_000);
  sweep.unref();

  let metricsServer: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  return {
    httpServer,
    protocol: tls ? 'https' : 'http',
    io,
    roster,
    listen: async () => {
      const address = await new Promise<AddressInfo>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      });
      if (config.metrics) metricsServer = await listenForMetrics(metrics, config.metrics.host, config.metrics.port);
      await cluster?.start(nodeUrl(tls ? 'https' : 'http', config.host, address.port));
      return address;
    },
    metricsAddress: () => metricsServer?.address,
    connectionsFrom: (address) => addresses.count(address),
    isPeerConnected: (peerId) => peer.directory.isLive(peerId),
    stopAcceptingJoins: () => {
      acceptingJoins = false;
    },
    close: async () => {
      acceptingJoins = false;
      // In a cluster, new connections go to the other nodes (this one stops listening) and every room is
      // handed over before anything else closes: its people reconnect, through the proxy, to its new owner.
      const stopped = cluster && new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await cluster?.drain();
      presence.stop();
      clearInterval(sweep);
      shared?.stop();
      io.emit('server-restarting');
      detachUpgrades();
      web.detach();
      peer.close();
      metricsServer?.server.close();
      metricsServer?.server.closeAllConnections();
      // Disconnects every socket and stops listening; resolves once the HTTP server has closed, which
      // waits for requests in flight. Idle keep-alive connections go now; stragglers after 3 s.
      const closed = io.close();
      httpServer.closeIdleConnections();
      const force = setTimeout(() => httpServer.closeAllConnections(), 3000);
      force.unref();
      await closed;
      await stopped;
      clearTimeout(force);
      await cluster?.close();
    },
  };
}
