import { Pool, type PoolClient } from 'pg';
import { MIGRATIONS } from './schema';
import type { ConversationChange, ConversationEnvelope, EventOutcome, InboxEvent, Store } from './types';

interface EventRow {
  id: string;
  conversation_key: string;
  event_timestamp: string;
  received_at: string;
  payload: string | null;
  pending_reply: string | null;
  attempts: number;
  status: string;
}

const toEvent = (row: EventRow): InboxEvent => ({
  id: row.id,
  conversationKey: row.conversation_key,
  timestamp: Number(row.event_timestamp),
  receivedAt: Number(row.received_at),
  payload: row.payload === null ? null : JSON.parse(row.payload),
  pendingReply: row.pending_reply === null ? null : JSON.parse(row.pending_reply),
  attempts: row.attempts,
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
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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

  async acceptEvents(events: Omit<InboxEvent, 'pendingReply' | 'attempts'>[]): Promise<string[]> {
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
      const { rows } = await c.query<EventRow>(
        `SELECT * FROM inbox_events WHERE conversation_key = $1 AND status IN ('pending', 'processing', 'replying')
         ORDER BY event_timestamp, seq LIMIT 1`,
        [conversationKey],
      );
      const row = rows[0];
      if (!row) return null;
      const status = row.status === 'replying' ? 'replying' : 'processing';
      await c.query(
        'UPDATE inbox_events SET status = $1, lease_until = $2, attempts = attempts + 1 WHERE id = $3',
        [status, now + leaseMs, row.id],
      );
      return toEvent({ ...row, attempts: row.attempts + 1 });
    });
  }

  async commitTurn(
    eventId: string,
    conversationKey: string,
    change: ConversationChange,
    reply: unknown[],
    now: number,
  ): Promise<boolean> {
    return this.inTransaction(async (c) => {
      if (!(await this.applyChange(c, conversationKey, change, now))) return false;
      await c.query(`UPDATE inbox_events SET status = 'replying', pending_reply = $1 WHERE id = $2`, [
        JSON.stringify(reply),
        eventId,
      ]);
      return true;
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
    eventId: string,
    outcome: EventOutcome,
    detail: string | null,
    now: number,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE inbox_events SET status = 'done', outcome = $1, detail = $2, finished_at = $3, payload = NULL,
       pending_reply = NULL, lease_until = 0 WHERE id = $4`,
      [outcome, detail, now, eventId],
    );
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
}
