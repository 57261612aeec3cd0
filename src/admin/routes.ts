import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { MULTICAST_BATCH, type NoticeDispatcher } from '../notices/dispatcher';
import { noticeRequestSchema } from '../notices/schema';
import type { NoticeStore, ResidentStore } from '../store/types';
import { describeIssues } from '../validation';
import type { FailedAttempts } from './attempts';
import { requireBearer } from './bearer';

export interface AdminDeps {
  adminToken: string;
  store: NoticeStore & ResidentStore;
  clock: Clock;
  logger: Logger;
  dispatcher: NoticeDispatcher;
  /** Failed bearer attempts per address, shared with every route that takes a token. */
  attempts: FailedAttempts;
}

/** The staff API: send notices and see how they went. Mounted only when ADMIN_TOKEN is set. */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.use(
    '/admin',
    requireBearer({
      token: deps.adminToken,
      tokenName: 'ADMIN_TOKEN',
      attempts: deps.attempts,
      logger: deps.logger,
    }),
  );

  router.post('/admin/notices', express.json({ limit: '256kb' }), async (req, res) => {
    const parsed = noticeRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: 'invalid notice', problems: describeIssues(parsed.error) });
      return;
    }
    const n = parsed.data;
    const now = deps.clock.realNow();
    const sendAt = n.sendAt ? Date.parse(n.sendAt) : now;
    if (n.dryRun) {
      const recipients =
        n.audience.kind === 'all'
          ? await deps.store.countFollowers()
          : (await deps.store.topicAudience(n.audience.topic)).length;
      res.json({
        dryRun: true,
        endpoint: n.audience.kind === 'all' ? 'broadcast' : 'multicast',
        requests: n.audience.kind === 'all' ? 1 : Math.ceil(recipients / MULTICAST_BATCH),
        recipients,
        recipientsNote:
          n.audience.kind === 'all'
            ? 'every friend of the account; the number is the friends this bot has seen follow'
            : `residents who follow the account and opted in to "${n.audience.topic}"`,
        sendAt: new Date(sendAt).toISOString(),
        messages: n.messages,
      });
      return;
    }
    const id = randomUUID();
    await deps.store.createNotice({
      id,
      createdAt: now,
      sender: n.sender,
      audience: n.audience,
      messages: n.messages,
      sendAt,
    });
    deps.logger.info({ notice: id, sender: n.sender, audience: n.audience, sendAt }, 'notice queued');
    deps.dispatcher.poke();
    res.status(202).json({ id, status: 'queued', sendAt: new Date(sendAt).toISOString() });
  });

  /** Cancels a notice that has not gone out yet (or one waiting for staff's decision). */
  const cancel = async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const by = typeof req.body?.sender === 'string' ? req.body.sender.trim().slice(0, 100) : '';
    const result = await deps.store.cancelNotice(
      id,
      by ? `cancelled by ${by}` : 'cancelled',
      deps.clock.realNow(),
    );
    if (!result) {
      res.status(404).json({ message: `no notice ${id}` });
      return;
    }
    if (!result.cancelled) {
      res.status(409).json({
        message: `notice ${id} is ${result.status}: only a queued notice, or one waiting for a decision, can be cancelled`,
        status: result.status,
      });
      return;
    }
    deps.logger.info({ notice: id, sender: by || undefined }, 'notice cancelled');
    res.json({ id, status: result.status });
  };
  router.delete('/admin/notices/:id', express.json({ limit: '16kb' }), cancel);
  router.post('/admin/notices/:id/cancel', express.json({ limit: '16kb' }), cancel);

  router.get('/admin/notices', async (_req, res) => {
    const notices = await deps.store.listNotices(100);
    res.json({
      notices: await Promise.all(
        notices.map(async (n) => ({
          id: n.id,
          status: n.status,
          sender: n.sender,
          audience: n.audience,
          createdAt: new Date(n.createdAt).toISOString(),
          sendAt: new Date(n.sendAt).toISOString(),
          finishedAt: n.finishedAt === null ? null : new Date(n.finishedAt).toISOString(),
          recipients: n.recipients,
          detail: n.detail,
          requests: (await deps.store.noticeBatches(n.id)).map((b) => ({
            batch: b.index,
            status: b.status,
            recipients: b.recipients?.length ?? null,
            requestId: b.requestId,
            detail: b.detail,
          })),
        })),
      ),
    });
  });
  return router;
}
