/** Notices staff send to residents, and the batches each goes to LINE in. */
import { count, postgresClause, row, rows, step, type Program, type SqlDriver } from './sql';

/**
 * `needsDecision`: a batch could not be sent safely (its retry key is older than LINE keeps one), staff decide.
 * `cancelled`: staff cancelled it before it went out.
 */
export type NoticeStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'needsDecision' | 'cancelled';

/** How a notice's sending ended, as the dispatcher records it. */
export type NoticeOutcome = 'sent' | 'failed' | 'needsDecision';

export type Audience = { kind: 'all' } | { kind: 'topic'; topic: string };

export interface NoticeRecord {
  id: string;
  createdAt: number;
  sender: string;
  audience: Audience;
  messages: unknown[];
  /** Real time (epoch ms) from which the notice may go out. */
  sendAt: number;
  status: NoticeStatus;
  recipients: number | null;
  detail: string | null;
  finishedAt: number | null;
}

export interface NoticeBatch {
  index: number;
  /** Sent as X-Line-Retry-Key on every attempt of this batch, so a retry never delivers twice. */
  retryKey: string;
  /** When the retry key was made (real time): LINE keeps a key for 24 hours only. */
  plannedAt: number;
  /** Multicast recipients; null for a broadcast. */
  recipients: string[] | null;
  status: 'pending' | NoticeOutcome;
  requestId: string | null;
  detail: string | null;
}

export interface NoticeStore {
  createNotice(notice: Omit<NoticeRecord, 'status' | 'recipients' | 'detail' | 'finishedAt'>): Promise<void>;
  listNotices(limit: number): Promise<NoticeRecord[]>;
  getNotice(id: string): Promise<NoticeRecord | null>;
  /** Takes one due notice (queued, or sending with a lapsed lease after a crash) for this worker. */
  claimDueNotice(now: number, leaseMs: number): Promise<NoticeRecord | null>;
  /** Stores the batches once; a resumed notice keeps the batches (and retry keys) it was given first. */
  planNoticeBatches(
    noticeId: string,
    batches: Omit<NoticeBatch, 'status' | 'requestId' | 'detail'>[],
  ): Promise<NoticeBatch[]>;
  noticeBatches(noticeId: string): Promise<NoticeBatch[]>;
  finishNoticeBatch(
    noticeId: string,
    index: number,
    status: NoticeOutcome,
    requestId: string | null,
    detail: string | null,
  ): Promise<void>;
  finishNotice(
    id: string,
    status: NoticeOutcome,
    recipients: number | null,
    detail: string | null,
    now: number,
  ): Promise<void>;
  /**
   * Cancels a notice that has not gone out (queued, or waiting for staff's decision); one already being sent or
   * finished is left alone and its status returned. Null for an unknown id.
   */
  cancelNotice(
    id: string,
    detail: string,
    now: number,
  ): Promise<{ cancelled: boolean; status: NoticeStatus } | null>;
}

/** A notice row as both databases return it (PostgreSQL's BIGINT as text). */
interface NoticeRow {
  id: string;
  created_at: number | string;
  sender: string;
  audience: string;
  messages: string;
  send_at: number | string;
  status: NoticeStatus;
  recipients: number | null;
  detail: string | null;
  finished_at: number | string | null;
}

const toNotice = (r: NoticeRow): NoticeRecord => ({
  id: r.id,
  createdAt: Number(r.created_at),
  sender: r.sender,
  audience: JSON.parse(r.audience),
  messages: JSON.parse(r.messages),
  sendAt: Number(r.send_at),
  status: r.status,
  recipients: r.recipients,
  detail: r.detail,
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
});

interface BatchRow {
  batch_index: number;
  retry_key: string;
  planned_at: number | string;
  recipients: string | null;
  status: NoticeBatch['status'];
  request_id: string | null;
  detail: string | null;
}

const toBatch = (r: BatchRow): NoticeBatch => ({
  index: r.batch_index,
  retryKey: r.retry_key,
  plannedAt: Number(r.planned_at),
  recipients: r.recipients === null ? null : JSON.parse(r.recipients),
  status: r.status,
  requestId: r.request_id,
  detail: r.detail,
});

/** PostgreSQL replicas skip a notice another one is taking; a SQLite write holds the whole database anyway. */
const CLAIM_DUE = postgresClause(
  'FOR UPDATE SKIP LOCKED',
  (lock) => `UPDATE notices SET status = 'sending', lease_until = ? WHERE id = (
    SELECT id FROM notices WHERE send_at <= ? AND (status = 'queued' OR (status = 'sending' AND lease_until <= ?))
    ORDER BY send_at, created_at LIMIT 1 ${lock}
  ) RETURNING *`,
);

/** Two replicas planning the same notice wait for each other (PostgreSQL); the first one's batches stay. */
const LOCK_NOTICE = postgresClause('FOR UPDATE', (lock) => `SELECT 1 FROM notices WHERE id = ? ${lock}`);

const BATCHES = 'SELECT * FROM notice_batches WHERE notice_id = ? ORDER BY batch_index';
const FINISH_BATCH =
  'UPDATE notice_batches SET status = ?, request_id = ?, detail = ? WHERE notice_id = ? AND batch_index = ?';
const FINISH_NOTICE =
  'UPDATE notices SET status = ?, recipients = ?, detail = ?, finished_at = ?, lease_until = 0 WHERE id = ?';

function* plan(
  lockNotice: string,
  noticeId: string,
  batches: Omit<NoticeBatch, 'status' | 'requestId' | 'detail'>[],
): Program<NoticeBatch[]> {
  yield* step(row(lockNotice, noticeId));
  if (!(yield* step(row('SELECT 1 FROM notice_batches WHERE notice_id = ? LIMIT 1', noticeId)))) {
    for (const b of batches)
      yield* step(
        count(
          `INSERT INTO notice_batches (notice_id, batch_index, retry_key, planned_at, recipients)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (notice_id, batch_index) DO NOTHING`,
          noticeId,
          b.index,
          b.retryKey,
          b.plannedAt,
          b.recipients === null ? null : JSON.stringify(b.recipients),
        ),
      );
  }
  return (yield* step(rows<BatchRow>(BATCHES, noticeId))).map(toBatch);
}

function* cancel(
  id: string,
  detail: string,
  now: number,
): Program<{ cancelled: boolean; status: NoticeStatus } | null> {
  const cancelled = yield* step(
    count(
      `UPDATE notices SET status = 'cancelled', detail = ?, finished_at = ?, lease_until = 0
        WHERE id = ? AND status IN ('queued', 'needsDecision')`,
      detail,
      now,
      id,
    ),
  );
  const r = yield* step(row<{ status: NoticeStatus }>('SELECT status FROM notices WHERE id = ?', id));
  return r ? { cancelled: cancelled === 1, status: r.status } : null;
}

export function noticeTables(db: SqlDriver): NoticeStore {
  return {
    createNotice: async (n) => {
      await db.one(
        count(
          `INSERT INTO notices (id, created_at, sender, audience, messages, send_at, status)
           VALUES (?, ?, ?, ?, ?, ?, 'queued')`,
          n.id,
          n.createdAt,
          n.sender,
          JSON.stringify(n.audience),
          JSON.stringify(n.messages),
          n.sendAt,
        ),
      );
    },
    listNotices: async (limit) =>
      (
        await db.one(rows<NoticeRow>('SELECT * FROM notices ORDER BY created_at DESC, id LIMIT ?', limit))
      ).map(toNotice),
    getNotice: async (id) => {
      const r = await db.one(row<NoticeRow>('SELECT * FROM notices WHERE id = ?', id));
      return r ? toNotice(r) : null;
    },
    claimDueNotice: async (now, leaseMs) => {
      const r = await db.one(row<NoticeRow>(CLAIM_DUE[db.dialect], now + leaseMs, now, now));
      return r ? toNotice(r) : null;
    },
    planNoticeBatches: (noticeId, batches) =>
      db.transaction(plan(LOCK_NOTICE[db.dialect], noticeId, batches)),
    noticeBatches: async (noticeId) => (await db.one(rows<BatchRow>(BATCHES, noticeId))).map(toBatch),
    finishNoticeBatch: async (noticeId, index, status, requestId, detail) => {
      await db.one(count(FINISH_BATCH, status, requestId, detail, noticeId, index));
    },
    finishNotice: async (id, status, recipients, detail, now) => {
      await db.one(count(FINISH_NOTICE, status, recipients, detail, now, id));
    },
    cancelNotice: (id, detail, now) => db.transaction(cancel(id, detail, now)),
  };
}
