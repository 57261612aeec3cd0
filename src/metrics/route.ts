import express, { type RequestHandler, type Router } from 'express';
import type { BotMetrics } from './metrics';

/**
 * GET /metrics in Prometheus' text format. `guard` decides who may read it (a bearer token outside local mode);
 * without one, anyone who reaches the server may.
 */
export function metricsRouter(metrics: BotMetrics, guard?: RequestHandler): Router {
  const router = express.Router();
  const handlers: RequestHandler[] = guard ? [guard] : [];
  router.get('/metrics', ...handlers, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
