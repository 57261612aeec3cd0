import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
  event_timestamp: number;
  received_at: number;
  payload: string | null;
  pending_reply: string | null;
  attempts: number;
  status: string;
  claim_token: string | null;
}

const toEvent = (row: EventRow): InboxEvent => ({
  id: row.id,
  conversationKey: row.conversation_key,
  timestamp: row.event_timestamp,
  receivedAt: row.received_at,
  payload: row.payload === null ? null : JSON.parse(row.payload),
  pendingReply: row.pending_reply === null ? null : JSON.parse(row.pending_reply),
  attempts: row.attempts,
  claimToken: row.claim_token ?? '',
});

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;

  private readonly statements = new Map<string, Database.Statement>();
  private readonly writeTransaction: Database.Transaction<(work: () => unknown) => unknown>;
  private batch: { committed: () => void; failed: (error: unknown) => void }[] | null = null;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // A write resolves only once committed, and the webhook's 200 waits for it: with NORMAL, a commit of WAL
    // mode is not yet on disk, and a power cut could lose an event LINE was told we have. FULL syncs the WAL
    // at every commit; group commit (below) shares one sync among the writes of a turn of the event loop.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.writeTransaction = this.db.transaction((work: () => unknown) => work());
  }

  /** Prepared once per SQL text: preparing on every call was a large share of the time per event. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Group commit: every write made in one turn of the event loop goes into one transaction, committed just
   * after (`setImmediate`), and each write's promise resolves only once that commit is done, so nothing is
   * reported stored before it is. Writing a page of the WAL per commit was most of the cost of an event; under
   * load, dozens of writes now share one. Each write runs in its own savepoint: one that throws is undone alone.
   * BEGIN IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading a read.
   */
  private write<T>(work: () => T): Promise<T> {
    let result: T;
    try {
      result = this.inBatch(work);
    } catch (error) {
      return Promise.reject(error);
    }
    const batch = this.batch!;
    return new Promise((resolve, reject) => batch.push({ committed: () => resolve(result), failed: reject }));
  }

  /** Runs `work` in the open batch (opening one if needed), in a savepoint of its own. */
  private inBatch<T>(work: () => T): T {
    if (!this.batch) {
      this.db.exec('BEGIN IMMEDIATE');
      this.batch = [];
      setImmediate(() => this.commitBatch());
    }
    return this.writeTransaction(work) as T;
  }

  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const write of batch) write.failed(error);
      return;
    }
    for (const write of batch) write.committed();
  }

  async migrate(): Promise<void> {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)',
    );
    const done = new Set(
      this.sql('SELECT version FROM schema_migrations')
        .all()
        .map((r) => (r as { version: number }).version),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sqlite);
        this.sql('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      })();
    }
  }

  async ping(): Promise<void> {
    this.sql('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.commitBatch();
    if (this.db.open) this.db.close();
  }

  async acceptEvents(events: NewInboxEvent[]): Promise<string[]> {
    const insert = this.sql(
      `INSERT INTO inbox_events (id, conversation_key, event_timestamp, received_at, payload)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    return this.write(() =>
      events
        .filter(
          (e) =>
            insert.run(e.id, e.conversationKey, e.timestamp, e.receivedAt, JSON.stringify(e.payload))
              .changes === 1,
        )
        .map((e) => e.id),
    );
  }

  async claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null> {
    // A plain read first: most calls find the conversation drained, and need no write lock to learn it.
    const open = this.sql(
      `SELECT 1 FROM inbox_events WHERE conversation_key = ? AND status IN ('pending', 'processing', 'replying') LIMIT 1`,
    ).get(conversationKey);
    if (!open) return null;
    // One statement is one atomic write: the oldest open event, unless another worker holds a live lease on
    // this conversation. An event already replying stays so, for its stored reply to be resent.
    // The claim alone need not wait for its commit: until then this connection holds the write lock, so no other
    // process can claim the event, and if the commit never happens the event is simply still open. What makes
    // answering safe is commitTurn, which does wait. One wait fewer per event is latency residents do not see.
    const row = this.inBatch(
      () =>
        this.sql(
          `UPDATE inbox_events
          SET status = CASE status WHEN 'replying' THEN 'replying' ELSE 'processing' END,
              lease_until = ?, attempts = attempts + 1, claim_token = ?
        WHERE id = (SELECT id FROM inbox_events
                     WHERE conversation_key = ? AND status IN ('pending', 'processing', 'replying')
                     ORDER BY event_timestamp, rowid LIMIT 1)
          AND NOT EXISTS (SELECT 1 FROM inbox_events
                           WHERE conversation_key = ? AND status IN ('pending', 'processing', 'replying')
                             AND status <> 'pending' AND lease_until > ?)
        RETURNING *`,
        ).get(now + leaseMs, randomUUID(), conversationKey, conversationKey, now) as EventRow | undefined,
    );
    return row ? toEvent(row) : null;
  }

  async renewClaim(claim: EventClaim, leaseMs: number, now: number): Promise<boolean> {
    return this.write(
      () =>
        this.sql(
          `UPDATE inbox_events SET lease_until = ?
            WHERE id = ? AND claim_token = ? AND status IN ('processing', 'replying')`,
        ).run(now + leaseMs, claim.id, claim.claimToken).changes === 1,
    );
  }

  async commitTurn(
    claim: EventClaim,
    conversationKey: string,
    change: ConversationChange,
    reply: unknown[],
    now: number,
    effects: TurnEffects = NO_TURN_EFFECTS,
  ): Promise<CommitResult> {
    return this.write(() => {
      // Checked inside the write lock, so no claim can come between this check and the commit.
      const held = this.sql(
        `SELECT 1 FROM inbox_events WHERE id = ? AND claim_token = ? AND status = 'processing'`,
      ).get(claim.id, claim.claimToken);
      if (!held) return 'lost';
      if (!this.applyChange(conversationKey, change, now)) return 'conflict';
      this.sql(
        `UPDATE inbox_events SET status = 'replying', pending_reply = ?, answered_units = ? WHERE id = ?`,
      ).run(JSON.stringify(reply), unitsColumn(effects), claim.id);
      for (const o of effects.optIns) this.saveOptIn(o.userId, o.topic, o.optedIn, now);
      if (effects.unanswered) this.insertUnanswered(effects.unanswered);
      if (effects.toldGroupChat)
        this.sql(
          'INSERT INTO group_chats (chat_key, told_at) VALUES (?, ?) ON CONFLICT (chat_key) DO NOTHING',
        ).run(effects.toldGroupChat, now);
      if (effects.knownFriend)
        this.sql(
          `INSERT INTO residents (user_id, following, updated_at) VALUES (?, 1, ?) ON CONFLICT (user_id) DO NOTHING`,
        ).run(effects.knownFriend, now);
      return 'committed';
    });
  }

  private applyChange(key: string, change: ConversationChange, now: number): boolean {
    if (change.kind === 'keep') return true;
    if (change.kind === 'delete') {
      return (
        this.sql('DELETE FROM conversations WHERE conversation_key = ? AND revision = ?').run(
          key,
          change.expectedRevision,
        ).changes === 1
      );
    }
    const snapshot = JSON.stringify(change.snapshot);
    if (change.expectedRevision === null) {
      return (
        this.sql(
          `INSERT INTO conversations (conversation_key, flow_id, flow_version, snapshot, revision, updated_at)
             VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (conversation_key) DO NOTHING`,
        ).run(key, change.flowId, change.flowVersion, snapshot, now).changes === 1
      );
    }
    return (
      this.sql(
        `UPDATE conversations SET flow_id = ?, flow_version = ?, snapshot = ?, revision = revision + 1, updated_at = ?
           WHERE conversation_key = ? AND revision = ?`,
      ).run(change.flowId, change.flowVersion, snapshot, now, key, change.expectedRevision).changes === 1
    );
  }

  async finishEvent(
    claim: EventClaim,
    outcome: EventOutcome,
    detail: string | null,
    now: number,
  ): Promise<boolean> {
    return this.write(
      () =>
        this.sql(
          `UPDATE inbox_events SET status = 'done', outcome = ?, detail = ?, finished_at = ?, payload = NULL,
           pending_reply = NULL, lease_until = 0
           WHERE id = ? AND claim_token = ? AND status IN ('processing', 'replying')`,
        ).run(outcome, detail, now, claim.id, claim.claimToken).changes === 1,
    );
  }

  async purgeFinishedEvents(before: number): Promise<number> {
    return this.write(
      () =>
        this.sql(`DELETE FROM inbox_events WHERE status = 'done' AND finished_at < ?`).run(before).changes,
    );
  }

  async conversationsWithPendingEvents(now: number): Promise<string[]> {
    return this.sql(
      `SELECT DISTINCT conversation_key FROM inbox_events
         WHERE status IN ('pending', 'processing', 'replying') AND lease_until <= ?`,
    )
      .all(now)
      .map((r) => (r as { conversation_key: string }).conversation_key);
  }

  async eventStatus(eventId: string) {
    const row = this.sql('SELECT status, outcome, detail FROM inbox_events WHERE id = ?').get(eventId) as
      { status: string; outcome: EventOutcome | null; detail: string | null } | undefined;
    return row ?? null;
  }

  async loadConversation(key: string): Promise<ConversationEnvelope | null> {
    const row = this.sql('SELECT * FROM conversations WHERE conversation_key = ?').get(key) as
      | { flow_id: string; flow_version: number; snapshot: string; revision: number; updated_at: number }
      | undefined;
    if (!row) return null;
    return {
      flowId: row.flow_id,
      flowVersion: row.flow_version,
      snapshot: JSON.parse(row.snapshot),
      revision: row.revision,
      updatedAt: row.updated_at,
    };
  }

  async hasToldGroupChat(chatKey: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM group_chats WHERE chat_key = ?').get(chatKey) !== undefined;
  }

  async forgetGroupChat(chatKey: string): Promise<void> {
    await this.write(() => {
      this.sql('DELETE FROM group_chats WHERE chat_key = ?').run(chatKey);
      this.sql('DELETE FROM conversations WHERE conversation_key = ?').run(chatKey);
    });
  }

  async setFollowing(userId: string, following: boolean, now: number): Promise<void> {
    await this.write(() =>
      this.sql(
        `INSERT INTO residents (user_id, following, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET following = excluded.following, updated_at = excluded.updated_at`,
      ).run(userId, following ? 1 : 0, now),
    );
  }

  async isFollowing(userId: string): Promise<boolean | null> {
    const row = this.sql('SELECT following FROM residents WHERE user_id = ?').get(userId) as
      { following: number } | undefined;
    return row ? row.following === 1 : null;
  }

  async setTopicOptIn(userId: string, topic: string, optedIn: boolean, now: number): Promise<void> {
    await this.write(() => this.saveOptIn(userId, topic, optedIn, now));
  }

  private saveOptIn(userId: string, topic: string, optedIn: boolean, now: number): void {
    this.sql(
      `INSERT INTO topic_optins (user_id, topic, opted_in, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, topic) DO UPDATE SET opted_in = excluded.opted_in, updated_at = excluded.updated_at`,
    ).run(userId, topic, optedIn ? 1 : 0, now);
  }

  async topicAudience(topic: string): Promise<string[]> {
    return this.sql(
      `SELECT o.user_id FROM topic_optins o JOIN residents r ON r.user_id = o.user_id
       WHERE o.topic = ? AND o.opted_in = 1 AND r.following = 1 ORDER BY o.user_id`,
    )
      .all(topic)
      .map((r) => (r as { user_id: string }).user_id);
  }

  async countFollowers(): Promise<number> {
    return (this.sql('SELECT COUNT(*) AS n FROM residents WHERE following = 1').get() as { n: number }).n;
  }

  async createNotice(
    n: Omit<NoticeRecord, 'status' | 'recipients' | 'detail' | 'finishedAt'>,
  ): Promise<void> {
    await this.write(() =>
      this.sql(
        `INSERT INTO notices (id, created_at, sender, audience, messages, send_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 'queued')`,
      ).run(n.id, n.createdAt, n.sender, JSON.stringify(n.audience), JSON.stringify(n.messages), n.sendAt),
    );
  }

  async listNotices(limit: number): Promise<NoticeRecord[]> {
    return this.sql('SELECT * FROM notices ORDER BY created_at DESC, id LIMIT ?')
      .all(limit)
      .map((r) => toNotice(r as NoticeRow));
  }

  async getNotice(id: string): Promise<NoticeRecord | null> {
    const row = this.sql('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
    return row ? toNotice(row) : null;
  }

  async claimDueNotice(now: number, leaseMs: number): Promise<NoticeRecord | null> {
    return this.write(() => {
      const row = this.sql(
        `SELECT * FROM notices WHERE send_at <= ? AND (status = 'queued' OR (status = 'sending' AND lease_until <= ?))
         ORDER BY send_at, created_at LIMIT 1`,
      ).get(now, now) as NoticeRow | undefined;
      if (!row) return null;
      this.sql(`UPDATE notices SET status = 'sending', lease_until = ? WHERE id = ?`).run(
        now + leaseMs,
        row.id,
      );
      return toNotice({ ...row, status: 'sending' });
    });
  }

  async planNoticeBatches(
    noticeId: string,
    batches: Omit<NoticeBatch, 'status' | 'requestId' | 'detail'>[],
  ): Promise<NoticeBatch[]> {
    return this.write(() => {
      const insert = this.sql(
        `INSERT INTO notice_batches (notice_id, batch_index, retry_key, planned_at, recipients) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (notice_id, batch_index) DO NOTHING`,
      );
      const existing = this.sql('SELECT COUNT(*) AS n FROM notice_batches WHERE notice_id = ?').get(
        noticeId,
      ) as { n: number };
      if (existing.n === 0) {
        for (const b of batches) {
          insert.run(
            noticeId,
            b.index,
            b.retryKey,
            b.plannedAt,
            b.recipients === null ? null : JSON.stringify(b.recipients),
          );
        }
      }
      return this.sql('SELECT * FROM notice_batches WHERE notice_id = ? ORDER BY batch_index')
        .all(noticeId)
        .map((r) => toBatch(r as BatchRow));
    });
  }

  async noticeBatches(noticeId: string): Promise<NoticeBatch[]> {
    return this.sql('SELECT * FROM notice_batches WHERE notice_id = ? ORDER BY batch_index')
      .all(noticeId)
      .map((r) => toBatch(r as BatchRow));
  }

  async finishNoticeBatch(
    noticeId: string,
    index: number,
    status: NoticeOutcome,
    requestId: string | null,
    detail: string | null,
  ): Promise<void> {
    await this.write(() =>
      this.sql(
        'UPDATE notice_batches SET status = ?, request_id = ?, detail = ? WHERE notice_id = ? AND batch_index = ?',
      ).run(status, requestId, detail, noticeId, index),
    );
  }

  async finishNotice(
    id: string,
    status: NoticeOutcome,
    recipients: number | null,
    detail: string | null,
    now: number,
  ): Promise<void> {
    await this.write(() =>
      this.sql(
        'UPDATE notices SET status = ?, recipients = ?, detail = ?, finished_at = ?, lease_until = 0 WHERE id = ?',
      ).run(status, recipients, detail, now, id),
    );
  }

  async cancelNotice(id: string, detail: string, now: number) {
    return this.write(() => {
      const cancelled =
        this.sql(
          `UPDATE notices SET status = 'cancelled', detail = ?, finished_at = ?, lease_until = 0
            WHERE id = ? AND status IN ('queued', 'needsDecision')`,
        ).run(detail, now, id).changes === 1;
      const row = this.sql('SELECT status FROM notices WHERE id = ?').get(id) as
        { status: NoticeStatus } | undefined;
      return row ? { cancelled, status: row.status } : null;
    });
  }

  async recordUnanswered(q: UnansweredQuestion): Promise<void> {
    await this.write(() => this.insertUnanswered(q));
  }

  private insertUnanswered(q: UnansweredQuestion): void {
    this.sql('INSERT INTO unanswered (at, text, scores, route) VALUES (?, ?, ?, ?)').run(
      q.at,
      q.text,
      JSON.stringify(q.scores),
      q.route,
    );
  }

  async listUnanswered(since: number): Promise<UnansweredQuestion[]> {
    return this.sql('SELECT at, text, scores, route FROM unanswered WHERE at >= ? ORDER BY at')
      .all(since)
      .map((r) => toUnanswered(r as UnansweredRow));
  }

  async purgeExpired(now: number): Promise<void> {
    await this.purgeUnanswered(now - UNANSWERED_RETENTION_MS);
    await this.purgeFinishedEvents(now - FINISHED_EVENT_RETENTION_MS);
  }

  async purgeUnanswered(before: number): Promise<number> {
    return this.write(() => this.sql('DELETE FROM unanswered WHERE at < ?').run(before).changes);
  }

  async createStaffAccount(a: Omit<StaffAccount, 'failedSignIns' | 'lockedUntil'>): Promise<boolean> {
    return this.write(
      () =>
        this.sql(
          `INSERT INTO staff_accounts (name, password_hash, disabled, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO NOTHING`,
        ).run(a.name, a.passwordHash, a.disabled ? 1 : 0, a.createdAt).changes === 1,
    );
  }

  async getStaffAccount(name: string): Promise<StaffAccount | null> {
    const row = this.sql('SELECT * FROM staff_accounts WHERE name = ?').get(name) as
      StaffAccountRow | undefined;
    return row ? toStaffAccount(row) : null;
  }

  async listStaffAccounts(): Promise<StaffAccount[]> {
    return this.sql('SELECT * FROM staff_accounts ORDER BY name')
      .all()
      .map((r) => toStaffAccount(r as StaffAccountRow));
  }

  async setStaffDisabled(name: string, disabled: boolean): Promise<boolean> {
    return this.write(() => {
      const changed = this.sql('UPDATE staff_accounts SET disabled = ? WHERE name = ?').run(
        disabled ? 1 : 0,
        name,
      );
      if (disabled) this.sql('DELETE FROM staff_sessions WHERE staff_name = ?').run(name);
      return changed.changes === 1;
    });
  }

  async recordFailedSignIn(
    name: string,
    now: number,
    maxFailures: number,
    lockMs: number,
  ): Promise<StaffAccount | null> {
    return this.write(() => {
      this.sql(
        `UPDATE staff_accounts SET
           locked_until = CASE WHEN failed_sign_ins + 1 >= ? THEN ? ELSE locked_until END,
           failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ? THEN 0 ELSE failed_sign_ins + 1 END
         WHERE name = ?`,
      ).run(maxFailures, now + lockMs, maxFailures, name);
      const row = this.sql('SELECT * FROM staff_accounts WHERE name = ?').get(name) as
        StaffAccountRow | undefined;
      return row ? toStaffAccount(row) : null;
    });
  }

  async clearFailedSignIns(name: string): Promise<void> {
    await this.write(() =>
      this.sql('UPDATE staff_accounts SET failed_sign_ins = 0 WHERE name = ?').run(name),
    );
  }

  async createStaffSession(s: StaffSession): Promise<void> {
    await this.write(() =>
      this.sql(
        `INSERT INTO staff_sessions (id_digest, staff_name, csrf_token, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(s.idDigest, s.staffName, s.csrfToken, s.createdAt, s.expiresAt),
    );
  }

  async getStaffSession(idDigest: string, now: number): Promise<StaffSession | null> {
    const row = this.sql(
      `SELECT s.* FROM staff_sessions s JOIN staff_accounts a ON a.name = s.staff_name
       WHERE s.id_digest = ? AND s.expires_at > ? AND a.disabled = 0`,
    ).get(idDigest, now) as StaffSessionRow | undefined;
    return row ? toStaffSession(row) : null;
  }

  async deleteStaffSession(idDigest: string): Promise<void> {
    await this.write(() => this.sql('DELETE FROM staff_sessions WHERE id_digest = ?').run(idDigest));
  }

  async purgeStaffSessions(now: number): Promise<number> {
    return this.write(() => this.sql('DELETE FROM staff_sessions WHERE expires_at <= ?').run(now).changes);
  }

  async markUnansweredGroup(m: UnansweredMark): Promise<void> {
    await this.write(() =>
      this.sql(
        `INSERT INTO unanswered_marks (group_key, example, mark, question_count, marked_by, marked_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (group_key) DO UPDATE SET example = excluded.example, mark = excluded.mark,
           question_count = excluded.question_count, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
      ).run(m.key, m.example, m.mark, m.count, m.markedBy, m.markedAt),
    );
  }

  async listUnansweredMarks(): Promise<UnansweredMark[]> {
    return this.sql('SELECT * FROM unanswered_marks ORDER BY marked_at DESC, group_key')
      .all()
      .map((r) => toMark(r as MarkRow));
  }

  async countActivity(since: number): Promise<ActivityCounts> {
    const one = (text: string) => this.sql(text).get(since) as Record<string, number>;
    const all = <T>(text: string) => this.sql(text).all(since) as T[];
    return activityCounts({
      conversations: one(
        'SELECT COUNT(DISTINCT conversation_key) AS n FROM inbox_events WHERE received_at >= ?',
      ).n!,
      outcomes: all(
        `SELECT outcome, COUNT(*) AS n FROM inbox_events WHERE status = 'done' AND finished_at >= ? GROUP BY outcome`,
      ),
      answered: all(
        `SELECT answered_units FROM inbox_events
         WHERE outcome = 'answered' AND answered_units IS NOT NULL AND finished_at >= ?`,
      ),
      routes: all('SELECT route, COUNT(*) AS n FROM unanswered WHERE at >= ? GROUP BY route'),
      notices: this.sql(
        `SELECT COUNT(*) AS n, SUM(recipients) AS recipients FROM notices WHERE status = 'sent' AND finished_at >= ?`,
      ).get(since) as { n: number; recipients: number | null },
    });
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.write(() =>
      this.sql('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
        e.at,
        e.actor,
        e.action,
        e.target,
        e.detail,
      ),
    );
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.sql(
      'SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?',
    )
      .all(limit)
      .map((r) => toAudit(r as AuditRow));
  }
}
