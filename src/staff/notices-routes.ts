import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { NOTICE_TOPIC } from '../../flows';
import { noticeRequestSchema } from '../notices/schema';
import type { StaffSession } from '../store/types';
import { audit } from './auth';
import {
  AUDIENCE_LABELS,
  noticePage,
  noticesPage,
  previewPage,
  type Audience,
  type Draft,
} from './notices-page';
import type { StaffDeps } from './routes';
import { formatJapanTime, japanLocalTime } from './time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_TEXT = 5000;
const MAX_AHEAD_MS = 366 * 24 * 3600_000;

const emptyDraft = (): Draft => ({ id: randomUUID(), text: '', audience: 'topic', when: 'now', sendAt: '' });

function readDraft(body: Record<string, unknown>): Draft {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    id: UUID.test(str(body.draft)) ? str(body.draft) : randomUUID(),
    // Browsers send CRLF from a textarea; LINE shows LF.
    text: str(body.text).replace(/\r\n?/g, '\n'),
    audience: body.audience === 'all' ? 'all' : 'topic',
    when: body.when === 'later' ? 'later' : 'now',
    sendAt: str(body.sendAt).slice(0, 16),
  };
}

/** Japanese, one line per problem; empty when the draft can go out. */
function draftProblems(draft: Draft, now: number): { problems: string[]; sendAt: number } {
  const problems: string[] = [];
  if (draft.text.trim() === '') problems.push('本文を入力してください。');
  if (draft.text.length > MAX_TEXT)
    problems.push(
      `本文はLINEの上限の${MAX_TEXT.toLocaleString()}文字以内にしてください（いま${draft.text.length.toLocaleString()}文字）。`,
    );
  let sendAt = now;
  if (draft.when === 'later') {
    const at = japanLocalTime(draft.sendAt);
    if (at === null) problems.push('予約する日時を入力してください。');
    else if (at <= now)
      problems.push(
        `予約日時が過ぎています（いまは${formatJapanTime(now)}）。すぐに送る場合は「すぐに送る」を選んでください。`,
      );
    else if (at > now + MAX_AHEAD_MS) problems.push('予約できるのは1年先までです。');
    else sendAt = at;
  }
  return { problems, sendAt };
}

async function audienceOf(deps: StaffDeps, choice: Draft['audience']): Promise<Audience> {
  if (choice === 'all')
    return {
      size: await deps.store.countFollowers(),
      note: 'このボットが友だち追加を確認した人数です。LINE公式アカウントの友だち数とは異なる場合があります。',
    };
  return {
    size: (await deps.store.topicAudience(NOTICE_TOPIC)).length,
    note: '友だちのうち、マイナポイントのお知らせを受け取ると答えた人数です（送信の時点の人数に送られます）。',
  };
}

export function staffNoticesRouter(deps: StaffDeps): Router {
  const router = express.Router();
  const session = (res: Response): StaffSession => res.locals.staffSession!;
  const html = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);

  router.get('/staff/notices', async (_req, res, next) => {
    try {
      const now = deps.clock.realNow();
      html(res, 200, noticesPage(session(res), emptyDraft(), [], await deps.store.listNotices(50), now));
    } catch (error) {
      next(error);
    }
  });

  router.post('/staff/notices/preview', async (req, res, next) => {
    try {
      const now = deps.clock.realNow();
      const draft = readDraft(req.body);
      const { problems, sendAt } = draftProblems(draft, now);
      if (problems.length) {
        html(res, 400, noticesPage(session(res), draft, problems, await deps.store.listNotices(50), now));
        return;
      }
      const audience = await audienceOf(deps, draft.audience);
      html(res, 200, previewPage(session(res), deps.botName, draft, sendAt, audience, now, null));
    } catch (error) {
      next(error);
    }
  });

  router.post('/staff/notices', async (req: Request, res: Response, next) => {
    try {
      const now = deps.clock.realNow();
      const staff = session(res).staffName;
      const draft = readDraft(req.body);
      const { problems, sendAt } = draftProblems(draft, now);
      if (problems.length) {
        html(res, 400, noticesPage(session(res), draft, problems, await deps.store.listNotices(50), now));
        return;
      }
      if (draft.audience === 'all' && req.body.confirmAll !== 'yes') {
        const audience = await audienceOf(deps, draft.audience);
        const problem = 'すべての友だちに送るには、確認のチェックを入れてください。';
        html(res, 400, previewPage(session(res), deps.botName, draft, sendAt, audience, now, problem));
        return;
      }
      // The draft's id is the notice's: pressing the button twice sends one notice.
      if (await deps.store.getNotice(draft.id)) {
        res.redirect(303, `/staff/notices/${draft.id}`);
        return;
      }
      const parsed = noticeRequestSchema.safeParse({
        sender: staff,
        audience: draft.audience === 'all' ? { kind: 'all' } : { kind: 'topic', topic: NOTICE_TOPIC },
        messages: [{ type: 'text', text: draft.text }],
      });
      if (!parsed.success)
        throw new Error(`a checked draft failed the notice schema: ${parsed.error.message}`);
      await deps.store.createNotice({
        id: draft.id,
        createdAt: now,
        sender: staff,
        audience: parsed.data.audience,
        messages: parsed.data.messages,
        sendAt,
      });
      const scheduled = draft.when === 'later';
      await audit(
        deps,
        staff,
        scheduled ? 'noticeScheduled' : 'noticeSent',
        draft.id,
        `${AUDIENCE_LABELS[draft.audience]}、${scheduled ? `${formatJapanTime(sendAt)}に予約` : 'すぐに送信'}`,
      );
      deps.logger.info(
        { notice: draft.id, staff, audience: parsed.data.audience, sendAt },
        'notice queued from the staff console',
      );
      deps.dispatcher.poke();
      res.redirect(303, `/staff/notices/${draft.id}?done=${scheduled ? 'scheduled' : 'sent'}`);
    } catch (error) {
      next(error);
    }
  });

  router.get('/staff/notices/:id', async (req, res, next) => {
    try {
      const notice = await deps.store.getNotice(String(req.params.id));
      if (!notice) {
        res
          .status(404)
          .type('html')
          .send(
            noticesPage(
              session(res),
              emptyDraft(),
              ['そのお知らせは見つかりませんでした。'],
              await deps.store.listNotices(50),
              deps.clock.realNow(),
            ),
          );
        return;
      }
      const done =
        { sent: '送信を受け付けました。', scheduled: '予約しました。', cancelled: '取り消しました。' }[
          String(req.query.done)
        ] ?? null;
      const batches = await deps.store.noticeBatches(notice.id);
      html(res, 200, noticePage(session(res), deps.botName, notice, batches, deps.clock.realNow(), done));
    } catch (error) {
      next(error);
    }
  });

  router.post('/staff/notices/:id/cancel', async (req, res, next) => {
    try {
      const id = String(req.params.id);
      const staff = session(res).staffName;
      const result = await deps.store.cancelNotice(
        id,
        `cancelled by ${staff} (staff console)`,
        deps.clock.realNow(),
      );
      if (!result) {
        res.redirect(303, '/staff/notices');
        return;
      }
      if (!result.cancelled) {
        const notice = (await deps.store.getNotice(id))!;
        const batches = await deps.store.noticeBatches(id);
        html(
          res,
          409,
          noticePage(
            session(res),
            deps.botName,
            notice,
            batches,
            deps.clock.realNow(),
            'すでに送信が始まっているか終わっているため、取り消せませんでした。',
          ),
        );
        return;
      }
      await audit(deps, staff, 'noticeCancelled', id, null);
      deps.logger.info({ notice: id, staff }, 'notice cancelled from the staff console');
      res.redirect(303, `/staff/notices/${id}?done=cancelled`);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
