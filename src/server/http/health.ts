import express, { type Router } from 'express';
import type { Metrics } from '../observability/metrics.js';

/** /healthz: the process answers. /readyz: it accepts joins (not shutting down). /metrics: Prometheus. */
export function createHealthRoutes(isReady: () => boolean, metrics: Metrics | undefined): Router {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', (_request, response) => {
    const ready = isReady();
    response
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ready ? 'ready' : 'shutting-down' });
  });
  if (metrics) {
    router.get('/metrics', async (_request, response, next) => {
      try {
        const body = await metrics.registry.metrics();
        response.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(body);
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}
