import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { addressKey, type TrustFunction } from './clientAddress.js';
import { capConnections } from './connectionCap.js';

export type WebServer = HttpServer | HttpsServer;

export interface WebServerOptions {
  /** PEM certificate and key: the server speaks HTTPS. */
  tls: { cert: string; key: string } | undefined;
  maxHeaderBytes: number;
  /** Which direct peers are proxies (their connections carry many clients). */
  trust: TrustFunction;
  /** MAX_CONNECTIONS_PER_IP (0: no cap). */
  connectionsPerAddress: number;
}

/**
 * The HTTP(S) server, with what keeps slow, silent and numerous connections from holding it: request
 * timeouts that are really checked, and a cap on the TCP connections one address holds.
 */
export function createWebServer(
  app: RequestListener,
  options: WebServerOptions,
): { server: WebServer; detach(): void } {
  // Node checks the header and request timeouts only this often (30 s by default): a connection that never
  // sent its request would live up to 40 s instead of 10.
  const serverOptions = { maxHeaderSize: options.maxHeaderBytes, connectionsCheckingInterval: 1000 };
  const server: WebServer = options.tls
    ? createHttpsServer({ ...options.tls, ...serverOptions }, app)
    : createServer(serverOptions, app);
  // Slow or stalled requests (slowloris) do not hold connections for long. WebSockets are not affected.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  // Plain connections too (silent ones included), twice the sockets' cap: room for page loads beside them.
  const cap = capConnections(server, {
    cap: 2 * options.connectionsPerAddress,
    keyOf: (socket) => {
      const peer = socket.remoteAddress ?? 'unknown';
      return options.trust(peer, 0) ? undefined : addressKey(peer);
    },
  });
  return { server, detach: cap.detach };
}
