import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { FINISHED_EVENT_RETENTION_MS, UNANSWERED_RETENTION_MS } from './retention';
import { MIGRATIONS } from './schema';
import { toBatch, toNotice, toUnanswered, type BatchRow, type NoticeRow, type UnansweredRow } from './rows';
import type {
  ConversationChange,
  CommitResult,
  ConversationEnvelope,
  EventClaim,
  EventOutcome,
  InboxEvent,
  NewInboxEvent,
  NoticeBatch,
  NoticeOutcome,
  NoticeRecord,
  NoticeStatus,
  Store,
  TurnEffects,
  UnansweredQuestion,
} from './types';
import { NO_TURN_EFFECTS } from './types';
import { activityCounts, unitsColumn } from './rows';
import {
  toAudit,
  toStaffAccount,
  toMark,
  toStaffSession,
  type AuditRow,
  type MarkRow,
  type StaffAccountRow,
  type StaffSessionRow,
} from './rows';
import type { ActivityCounts, AuditEntry, StaffAccount, StaffSession, UnansweredMark } from './types';

interface EventRow {
  id: string;
  conversation_key: string;
  event_timestamp: string;
  received_at: string;
  payload: string | null;
  pending_reply: string | null;
  attempts: number;
  status: string;
  claim_token: string | null;
}

const toEvent = (row: EventRow): InboxEvent => ({
  id: row.id,
  conversationKey: row.conversation_key,
  timestamp: Number(row.event_timestamp),
  receivedAt: Number(row.received_at),
  payload: row.payload === null ? null : JSON.parse(row.payload),
  pendingReply: row.pending_reply === null ? null : JSON.parse(row.pending_reply),
  attempts: row.attempts,
  claimToken: row.claim_token ?? '',
});

// Any constant would do; it only has to differ from other advisory locks taken on the same database.
const MIGRATION_LOCK = 7_320_001;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;

  constructor(url: string, poolSize = 10) {
    this.pool = new Pool({ connectionString: url, max: poolSize });
    // An idle client losing its connection must not take the process down; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    // A connection PostgreSQL closes between two statements (a restart) is reported as an 'error' event on the
    // client, which nothing else listens to while the client is checked out: unheard, it would end the process.
    const lostConnection = (error: Error) => (failure ??= error);
    client.on('error', lostConnection);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A client that failed is discarded, not pooled: after PostgreSQL restarts, a connection it closed would
      // otherwise go back to the pool and fail every transaction that got it, for good.
      client.off('error', lostConnection);
      client.release(failure);
    }
  }

  async migrate(): Promise<void> {
    // Replicas starting together must not run the same migration twice.
    await this.inTransaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)',
      );
      const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.postgres);
        await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async acceptEvents(events: NewInboxEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    return this.inTransaction(async (c) => {
      const accepted: string[] = [];
      for (const e of events) {
        const r = await c.query(
          `INSERT INTO inbox_events (id, conversation_key, event_timestamp, received_at, payload)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
          [e.id, e.conversationKey, e.timestamp, e.receivedAt, JSON.stringify(e.payload)],
        );
        if (r.rowCount === 1) accepted.push(e.id);
      }
      return accepted;
    });
  }

  async claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null> {
    return this.inTransaction(async (c) => {
      // Serialises claims for one conversation across every replica for the length of this transaction.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [conversationKey]);
      const busy = await c.query(
        `SELECT 1 FROM inbox_events WHERE conversation_key = $1 AND status IN ('processing', 'replying')
         AND lease_until > $2 LIMIT 1`,
        [conversationKey, now],
      );
      if (busy.rowCount) return null;
      // One statement, the row locked while it is read: a claim that waited for a lapsed holder's commit sees
      // what that commit wrote (the decided reply, or the event finished) rather than the row as it was before.
      const { rows } = await c.query<EventRow>(
        `UPDATE inbox_events
            SET status = CASE status WHEN 'replying' THEN 'replying' ELSE 'processing' END,
                lease_until = $2, attempts = attempts + 1, claim_token = $3
          WHERE id = (SELECT id FROM inbox_events
                       WHERE conversation_key = $1 AND status IN ('pending', 'processing', 'replying')
                       ORDER BY event_timestamp, seq LIMIT 1 FOR UPDATE)
            AND status IN ('pending', 'processing', 'replying')
        RETURNING *`,
        [conversationKey, now + leaseMs, randomUUID()],
      );
      return rows[0] ? toEvent(rows[0]) : null;
    });
  }

  async renewClaim(claim: EventClaim, leaseMs: number, now: number): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE inbox_events SET lease_until = $1
        WHERE id = $2 AND claim_token = $3 AND status IN ('processing', 'replying')`,
      [now + leaseMs, claim.id, claim.claimToken],
    );
    return r.rowCount === 1;
  }

  async commitTurn(
    claim: EventClaim,
    conversationKey: string,
    change: ConversationChange,
    reply: unknown[],
    now: number,
    effects: TurnEffects = NO_TURN_EFFECTS,
  ): Promise<CommitResult> {
    return this.inTransaction(async (c) => {
      // The event's row stays locked until the commit: no claim can take it over between this check and then.
      const held = await c.query(
        `SELECT 1 FROM inbox_events WHERE id = $1 AND claim_token = $2 AND status = 'processing' FOR UPDATE`,
        [claim.id, claim.claimToken],
      );
      if (!held.rowCount) return 'lost';
      if (!(await this.applyChange(c, conversationKey, change, now))) return 'conflict';
      await c.query(
        `UPDATE inbox_events SET status = 'replying', pending_reply = $1, answered_units = $2 WHERE id = $3`,
        [JSON.stringify(reply), unitsColumn(effects), claim.id],
      );
      for (const o of effects.optIns) await this.saveOptIn(c, o.userId, o.topic, o.optedIn, now);
      if (effects.unanswered) await this.insertUnanswered(c, effects.unanswered);
      if (effects.toldGroupChat)
        await c.query(
          'INSERT INTO group_chats (chat_key, told_at) VALUES ($1, $2) ON CONFLICT (chat_key) DO NOTHING',
          [effects.toldGroupChat, now],
        );
      if (effects.knownFriend)
        await c.query(
          `INSERT INTO residents (user_id, following, updated_at) VALUES ($1, TRUE, $2)
           ON CONFLICT (user_id) DO NOTHING`,
          [effects.knownFriend, now],
        );
      return 'committed';
    });
  }

  private async applyChange(
    c: PoolClient,
    key: string,
    change: ConversationChange,
    now: number,
  ): Promise<boolean> {
    if (change.kind === 'keep') return true;
    if (change.kind === 'delete') {
      const r = await c.query('DELETE FROM conversations WHERE conversation_key = $1 AND revision = $2', [
        key,
        change.expectedRevision,
      ]);
      return r.rowCount === 1;
    }
    const snapshot = JSON.stringify(change.snapshot);
    if (change.expectedRevision === null) {
      const r = await c.query(
        `INSERT INTO conversations (conversation_key, flow_id, flow_version, snapshot, revision, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (conversation_key) DO NOTHING`,
        [key, change.flowId, change.flowVersion, snapshot, now],
      );
      return r.rowCount === 1;
    }
    const r = await c.query(
      `UPDATE conversations SET flow_id = $1, flow_version = $2, snapshot = $3, revision = revision + 1,
       updated_at = $4 WHERE conversation_key = $5 AND revision = $6`,
      [change.flowId, change.flowVersion, snapshot, now, key, change.expectedRevision],
    );
    return r.rowCount === 1;
  }

  async finishEvent(
    claim: EventClaim,
    outcome: EventOutcome,
    detail: string | null,
    now: number,
  ): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE inbox_events SET status = 'done', outcome = $1, detail = $2, finished_at = $3, payload = NULL,
       pending_reply = NULL, lease_until = 0
       WHERE id = $4 AND claim_token = $5 AND status IN ('processing', 'replying')`,
      [outcome, detail, now, claim.id, claim.claimToken],
    );
    return r.rowCount === 1;
  }

  async purgeFinishedEvents(before: number): Promise<number> {
    const r = await this.pool.query(`DELETE FROM inbox_events WHERE status = 'done' AND finished_at < $1`, [
      before,
    ]);
    return r.rowCount ?? 0;
  }

  async conversationsWithPendingEvents(now: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ conversation_key: string }>(
      `SELECT DISTINCT conversation_key FROM inbox_events
       WHERE status IN ('pending', 'processing', 'replying') AND lease_until <= $1`,
      [now],
    );
    return rows.map((r) => r.conversation_key);
  }

  async eventStatus(eventId: string) {
    const { rows } = await this.pool.query<{
      status: string;
      outcome: EventOutcome | null;
      detail: string | null;
    }>('SELECT status, outcome, detail FROM inbox_events WHERE id = $1', [eventId]);
    return rows[0] ?? null;
  }

  async loadConversation(key: string): Promise<ConversationEnvelope | null> {
    const { rows } = await this.pool.query<{
      flow_id: string;
      flow_version: number;
      snapshot: string;
      revision: number;
      updated_at: string;
    }>('SELECT * FROM conversations WHERE conversation_key = $1', [key]);
    const row = rows[0];
    if (!row) return null;
    return {
      flowId: row.flow_id,
      flowVersion: row.flow_version,
      snapshot: JSON.parse(row.snapshot),
      revision: row.revision,
      updatedAt: Number(row.updated_at),
    };
  }

  async hasToldGroupChat(chatKey: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM group_chats WHERE chat_key = $1', [chatKey]);
    return (r.rowCount ?? 0) > 0;
  }

  async forgetGroupChat(chatKey: string): Promise<void> {
    await this.inTransaction(async (c) => {
      await c.query('DELETE FROM group_chats WHERE chat_key = $1', [chatKey]);
      await c.query('DELETE FROM conversations WHERE conversation_key = $1', [chatKey]);
    });
  }

  async setFollowing(userId: string, following: boolean, now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO residents (user_id, following, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET following = EXCLUDED.following, updated_at = EXCLUDED.updated_at`,
      [userId, following, now],
    );
  }

  async isFollowing(userId: string): Promise<boolean | null> {
    const { rows } = await this.pool.query<{ following: boolean }>(
      'SELECT following FROM residents WHERE user_id = $1',
      [userId],
    );
    return rows[0] ? rows[0].following : null;
  }

  async setTopicOptIn(userId: string, topic: string, optedIn: boolean, now: number): Promise<void> {
    await this.saveOptIn(this.pool, userId, topic, optedIn, now);
  }

  private async saveOptIn(
    c: Pick<PoolClient, 'query'>,
    userId: string,
    topic: string,
    optedIn: boolean,
    now: number,
  ): Promise<void> {
    await c.query(
      `INSERT INTO topic_optins (user_id, topic, opted_in, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, topic) DO UPDATE SET opted_in = EXCLUDED.opted_in, updated_at = EXCLUDED.updated_at`,
      [userId, topic, optedIn, now],
    );
  }

  async topicAudience(topic: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT o.user_id FROM topic_optins o JOIN residents r ON r.user_id = o.user_id
       WHERE o.topic = $1 AND o.opted_in AND r.following ORDER BY o.user_id`,
      [topic],
    );
    return rows.map((r) => r.user_id);
  }

  async countFollowers(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM residents WHERE following',
    );
    return Number(rows[0]?.n ?? 0);
  }

  async createNotice(
    n: Omit<NoticeRecord, 'status' | 'recipients' | 'detail' | 'finishedAt'>,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO notices (id, created_at, sender, audience, messages, send_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'queued')`,
      [n.id, n.createdAt, n.sender, JSON.stringify(n.audience), JSON.stringify(n.messages), n.sendAt],
    );
  }

  async listNotices(limit: number): Promise<NoticeRecord[]> {
    const { rows } = await this.pool.query<NoticeRow>(
      'SELECT * FROM notices ORDER BY created_at DESC, id LIMIT $1',
      [limit],
    );
    return rows.map(toNotice);
  }

  async getNotice(id: string): Promise<NoticeRecord | null> {
    const { rows } = await this.pool.query<NoticeRow>('SELECT * FROM notices WHERE id = $1', [id]);
    return rows[0] ? toNotice(rows[0]) : null;
  }

  async claimDueNotice(now: number, leaseMs: number): Promise<NoticeRecord | null> {
    const { rows } = await this.pool.query<NoticeRow>(
      `UPDATE notices SET status = 'sending', lease_until = $2 WHERE id = (
         SELECT id FROM notices WHERE send_at <= $1 AND (status = 'queued' OR (status = 'sending' AND lease_until <= $1))
         ORDER BY send_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED
       ) RETURNING *`,
      [now, now + leaseMs],
    );
    return rows[0] ? toNotice(rows[0]) : null;
  }

  async planNoticeBatches(
    noticeId: string,
    batches: Omit<NoticeBatch, 'status' | 'requestId' | 'detail'>[],
  ): Promise<NoticeBatch[]> {
    return this.inTransaction(async (c) => {
      await c.query('SELECT 1 FROM notices WHERE id = $1 FOR UPDATE', [noticeId]);
      const existing = await c.query('SELECT 1 FROM notice_batches WHERE notice_id = $1 LIMIT 1', [noticeId]);
      if (!existing.rowCount) {
        for (const b of batches) {
          await c.query(
            `INSERT INTO notice_batches (notice_id, batch_index, retry_key, planned_at, recipients)
             VALUES ($1, $2, $3, $4, $5)`,
            [
              noticeId,
              b.index,
              b.retryKey,
              b.plannedAt,
              b.recipients === null ? null : JSON.stringify(b.recipients),
            ],
          );
        }
      }
      const { rows } = await c.query<BatchRow>(
        'SELECT * FROM notice_batches WHERE notice_id = $1 ORDER BY batch_index',
        [noticeId],
      );
      return rows.map(toBatch);
    });
  }

  async noticeBatches(noticeId: string): Promise<NoticeBatch[]> {
    const { rows } = await this.pool.query<BatchRow>(
      'SELECT * FROM notice_batches WHERE notice_id = $1 ORDER BY batch_index',
      [noticeId],
    );
    return rows.map(toBatch);
  }

  async finishNoticeBatch(
    noticeId: string,
    index: number,
    status: NoticeOutcome,
    requestId: string | null,
    detail: string | null,
  ): Promise<void> {
    await this.pool.query(
      'UPDATE notice_batches SET status = $1, request_id = $2, detail = $3 WHERE notice_id = $4 AND batch_index = $5',
      [status, requestId, detail, noticeId, index],
    );
  }

  async finishNotice(
    id: string,
    status: NoticeOutcome,
    recipients: number | null,
    detail: string | null,
    now: number,
  ): Promise<void> {
    await this.pool.query(
      'UPDATE notices SET status = $1, recipients = $2, detail = $3, finished_at = $4, lease_until = 0 WHERE id = $5',
      [status, recipients, detail, now, id],
    );
  }

  async cancelNotice(id: string, detail: string, now: number) {
    const { rows } = await this.pool.query<{ status: NoticeStatus; cancelled: boolean }>(
      `WITH cancelled AS (
         UPDATE notices SET status = 'cancelled', detail = $2, finished_at = $3, lease_until = 0
          WHERE id = $1 AND status IN ('queued', 'needsDecision') RETURNING id
       )
       SELECT COALESCE((SELECT 'cancelled' FROM cancelled), n.status) AS status,
              EXISTS (SELECT 1 FROM cancelled) AS cancelled
         FROM notices n WHERE n.id = $1`,
      [id, detail, now],
    );
    return rows[0] ? { cancelled: rows[0].cancelled, status: rows[0].status } : null;
  }

  async recordUnanswered(q: UnansweredQuestion): Promise<void> {
    await this.insertUnanswered(this.pool, q);
  }

  private async insertUnanswered(c: Pick<PoolClient, 'query'>, q: UnansweredQuestion): Promise<void> {
    await c.query('INSERT INTO unanswered (at, text, scores, route) VALUES ($1, $2, $3, $4)', [
      q.at,
      q.text,
      JSON.stringify(q.scores),
      q.route,
    ]);
  }

  async listUnanswered(since: number): Promise<UnansweredQuestion[]> {
    const { rows } = await this.pool.query<UnansweredRow>(
      'SELECT at, text, scores, route FROM unanswered WHERE at >= $1 ORDER BY at, id',
      [since],
    );
    return rows.map(toUnanswered);
  }

  async purgeExpired(now: number): Promise<void> {
    await this.purgeUnanswered(now - UNANSWERED_RETENTION_MS);
    await this.purgeFinishedEvents(now - FINISHED_EVENT_RETENTION_MS);
  }

  async purgeUnanswered(before: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM unanswered WHERE at < $1', [before]);
    return r.rowCount ?? 0;
  }

  async createStaffAccount(a: Omit<StaffAccount, 'failedSignIns' | 'lockedUntil'>): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO staff_accounts (name, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING`,
      [a.name, a.passwordHash, a.disabled, a.createdAt],
    );
    return r.rowCount === 1;
  }

  async getStaffAccount(name: string): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<StaffAccountRow>('SELECT * FROM staff_accounts WHERE name = $1', [
      name,
    ]);
    return rows[0] ? toStaffAccount(rows[0]) : null;
  }

  async listStaffAccounts(): Promise<StaffAccount[]> {
    const { rows } = await this.pool.query<StaffAccountRow>('SELECT * FROM staff_accounts ORDER BY name');
    return rows.map(toStaffAccount);
  }

  async setStaffDisabled(name: string, disabled: boolean): Promise<boolean> {
    return this.inTransaction(async (c) => {
      const changed = await c.query('UPDATE staff_accounts SET disabled = $1 WHERE name = $2', [
        disabled,
        name,
      ]);
      if (disabled) await c.query('DELETE FROM staff_sessions WHERE staff_name = $1', [name]);
      return changed.rowCount === 1;
    });
  }

  async recordFailedSignIn(
    name: string,
    now: number,
    maxFailures: number,
    lockMs: number,
  ): Promise<StaffAccount | null> {
    // One statement, so that wrong passwords sent in parallel are each counted.
    const { rows } = await this.pool.query<StaffAccountRow>(
      `UPDATE staff_accounts SET
         locked_until = CASE WHEN failed_sign_ins + 1 >= $1 THEN $2 ELSE locked_until END,
         failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $1 THEN 0 ELSE failed_sign_ins + 1 END
       WHERE name = $3 RETURNING *`,
      [maxFailures, now + lockMs, name],
    );
    return rows[0] ? toStaffAccount(rows[0]) : null;
  }

  async clearFailedSignIns(name: string): Promise<void> {
    await this.pool.query('UPDATE staff_accounts SET failed_sign_ins = 0 WHERE name = $1', [name]);
  }

  async createStaffSession(s: StaffSession): Promise<void> {
    await this.pool.query(
      `INSERT INTO staff_sessions (id_digest, staff_name, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [s.idDigest, s.staffName, s.csrfToken, s.createdAt, s.expiresAt],
    );
  }

  async getStaffSession(idDigest: string, now: number): Promise<StaffSession | null> {
    const { rows } = await this.pool.query<StaffSessionRow>(
      `SELECT s.* FROM staff_sessions s JOIN staff_accounts a ON a.name = s.staff_name
       WHERE s.id_digest = $1 AND s.expires_at > $2 AND NOT a.disabled`,
      [idDigest, now],
    );
    return rows[0] ? toStaffSession(rows[0]) : null;
  }

  async deleteStaffSession(idDigest: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE id_digest = $1', [idDigest]);
  }

  async purgeStaffSessions(now: number): Promise<number> {
    const r = await this.pool.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [now]);
    return r.rowCount ?? 0;
  }

  async markUnansweredGroup(m: UnansweredMark): Promise<void> {
    await this.pool.query(
      `INSERT INTO unanswered_marks (group_key, example, mark, question_count, marked_by, marked_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (group_key) DO UPDATE SET example = excluded.example, mark = excluded.mark,
         question_count = excluded.question_count, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
      [m.key, m.example, m.mark, m.count, m.markedBy, m.markedAt],
    );
  }

  async listUnansweredMarks(): Promise<UnansweredMark[]> {
    const { rows } = await this.pool.query<MarkRow>(
      'SELECT * FROM unanswered_marks ORDER BY marked_at DESC, group_key',
    );
    return rows.map(toMark);
  }

  async countActivity(since: number): Promise<ActivityCounts> {
    const q = async <T extends object>(text: string) => (await this.pool.query<T>(text, [since])).rows;
    const [conversations, outcomes, answered, routes, notices] = await Promise.all([
      q<{ n: string }>(
        'SELECT COUNT(DISTINCT conversation_key) AS n FROM inbox_events WHERE received_at >= $1',
      ),
      q<{ outcome: string | null; n: string }>(
        `SELECT outcome, COUNT(*) AS n FROM inbox_events WHERE status = 'done' AND finished_at >= $1 GROUP BY outcome`,
      ),
      q<{ answered_units: string | null }>(
        `SELECT answered_units FROM inbox_events
         WHERE outcome = 'answered' AND answered_units IS NOT NULL AND finished_at >= $1`,
      ),
      q<{ route: string | null; n: string }>(
        'SELECT route, COUNT(*) AS n FROM unanswered WHERE at >= $1 GROUP BY route',
      ),
      q<{ n: string; recipients: string | null }>(
        `SELECT COUNT(*) AS n, SUM(recipients) AS recipients FROM notices WHERE status = 'sent' AND finished_at >= $1`,
      ),
    ]);
    return activityCounts({
      conversations: conversations[0]!.n,
      outcomes,
      answered,
      routes,
      notices: notices[0]!,
    });
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)',
      [e.at, e.actor, e.action, e.target, e.detail],
    );
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      'SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT $1',
      [limit],
    );
    return rows.map(toAudit);
  }
}
