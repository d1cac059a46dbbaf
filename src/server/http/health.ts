import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Metrics } from '../observability/metrics.js';

/**
 * /healthz: the process answers. /readyz: it accepts joins (not shutting down, its stores reachable).
 * With a token, /metrics for requests that bear it (Prometheus `authorization: { credentials: <token> }`).
 */
export function createHealthRoutes(
  readiness: () => 'ready' | 'shutting-down' | 'store-unavailable',
  metrics: Metrics | undefined,
  token?: string,
): Router {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', (_request, response) => {
    const status = readiness();
    response
      .status(status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status });
  });
  if (metrics && token) {
    router.get('/metrics', (request, response, next) => {
      if (!bears(request.get('authorization'), token)) {
        response.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('metrics need a token');
        return;
      }
      void send(metrics, response).catch(next);
    });
  }
  return router;
}

/** Metrics on their own listener, apart from the public port (loopback by default). */
export function listenForMetrics(
  metrics: Metrics,
  host: string,
  port: number,
): Promise<{ server: Server; address: AddressInfo }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (_request, response, next) => void send(metrics, response).catch(next));
  app.use((_request, response) => response.status(404).type('text/plain').send('only /metrics here'));
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, address: server.address() as AddressInfo });
    });
  });
}

async function send(metrics: Metrics, response: express.Response): Promise<void> {
  const body = await metrics.registry.metrics();
  response.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(body);
}

function bears(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
