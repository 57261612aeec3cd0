import { validateSignature, type webhook } from '@line/bot-sdk';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { NewInboxEvent } from '../store/types';
import { inboxRowOf } from './events';

const bodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(
    z
      .object({
        type: z.string(),
        webhookEventId: z.string().min(1),
        timestamp: z.number(),
      })
      .passthrough(),
  ),
});

export const WEBHOOK_BODY_LIMIT = '1mb';

export interface WebhookDeps {
  channelSecret: string;
  clock: Clock;
  logger: Logger;
  /** Stores the new events durably (and has them answered); resolves with the ids that were new. */
  accept(events: NewInboxEvent[]): Promise<string[]>;
}

/**
 * POST /webhook: checks the signature on the raw bytes, stores each new event in the inbox, then answers 200.
 * Processing happens afterwards, from the inbox, so nothing accepted is lost if the process dies.
 */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  router.post(
    '/webhook',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get('x-line-signature');
      if (!signature || !validateSignature(raw, deps.channelSecret, signature)) {
        deps.logger.warn({ hasSignature: Boolean(signature) }, 'webhook refused: bad signature');
        res.status(401).json({ message: 'invalid signature' });
        return;
      }
      let parsed: z.infer<typeof bodySchema>;
      try {
        parsed = bodySchema.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        res.status(400).json({ message: 'body is not a LINE webhook payload' });
        return;
      }
      const receivedAt = deps.clock.realNow();
      const rows: NewInboxEvent[] = [];
      try {
        for (const e of parsed.events as unknown as webhook.Event[]) {
          const row = inboxRowOf(e, receivedAt);
          if (row) rows.push(row);
        }
      } catch {
        // An event shaped unlike any LINE sends (a message that is null, a source that is a string): thrown
        // here, it would have ended the process. It is refused like any other body that is not LINE's.
        res.status(400).json({ message: 'body is not a LINE webhook payload' });
        return;
      }
      try {
        const fresh = rows.length > 0 ? await deps.accept(rows) : [];
        if (fresh.length < rows.length)
          deps.logger.info({ duplicates: rows.length - fresh.length }, 'redelivered events ignored');
        // LINE reads only the status; an empty body is the cheapest answer on the hottest path.
        res.status(200).end();
      } catch (error) {
        // Not stored means not accepted: a 500 lets LINE deliver again.
        deps.logger.error({ err: error }, 'could not store webhook events');
        res.status(500).json({ message: 'could not store events' });
      }
    },
  );
  return router;
}
