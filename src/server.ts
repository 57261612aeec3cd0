import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { StoreConnection } from './store/types';
import { WEBHOOK_BODY_LIMIT, webhookHandler, type WebhookDeps } from './line/webhook';

export interface AppDeps {
  channelSecret: string;
  store: StoreConnection;
  clock: Clock;
  logger: Logger;
  accept: WebhookDeps['accept'];
  /** False once shutdown has begun: /healthz then tells load balancers to stop sending. */
  isAcceptingWork(): boolean;
  /** Express's `trust proxy`, so that `req.secure` is true behind an https proxy that says so. */
  trustProxy?: string;
  /** Extra routes (the local chat page, the admin API) mounted by main. */
  extraRouters?: express.Router[];
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // The usual security headers on every response. The local chat page and the staff console are the only pages:
  // each sets a policy of its own (src/local/csp.ts, src/staff/routes.ts); everything else is JSON or empty and
  // may load nothing, nor be framed.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'none'"],
        },
      },
    }),
  );
  if (deps.trustProxy !== undefined) {
    const hops = Number(deps.trustProxy);
    const setting = deps.trustProxy === 'true' ? true : Number.isInteger(hops) ? hops : deps.trustProxy;
    app.set('trust proxy', setting);
  }
  app.get('/healthz', (_req, res) => {
    if (deps.isAcceptingWork()) res.status(200).json({ status: 'ok' });
    else res.status(503).json({ status: 'shutting down' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.status(200).json({ status: 'ready', store: deps.store.kind });
    } catch {
      res.status(503).json({ status: 'store unreachable', store: deps.store.kind });
    }
  });
  app.post('/webhook', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), webhookHandler(deps));
  for (const router of deps.extraRouters ?? []) app.use(router);
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) deps.logger.error({ err }, 'request failed');
    res
      .status(status)
      .json({ message: status === 413 ? 'body too large' : status < 500 ? 'bad request' : 'internal error' });
  };
  app.use(onError);
  return app;
}
