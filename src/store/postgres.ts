import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient, type QueryResult } from 'pg';
import { toEvent, type EventRow, type InboxEvent } from './inbox';
import { row, runAsync, step, type Program, type Query, type SqlDriver } from './sql';
import { migrations, StoreTables } from './tables';
import type { Store } from './types';

// Any constant would do; it only has to differ from other advisory locks taken on the same database.
const MIGRATION_LOCK = 7_320_001;

/**
 * The store for several replicas: a pool of connections to one PostgreSQL. The operations are the shared ones
 * (src/store/tables.ts); the claim of an inbox event, serialised per conversation with an advisory lock and
 * fenced with a new token, is PostgreSQL's own.
 */
export class PostgresStore extends StoreTables implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly driver: PostgresDriver;

  constructor(url: string, poolSize = 10) {
    const pool = new Pool({ connectionString: url, max: poolSize });
    // An idle client losing its connection must not take the process down; the next query reconnects.
    pool.on('error', () => undefined);
    const driver = new PostgresDriver(pool);
    super(driver);
    this.pool = pool;
    this.driver = driver;
  }

  async migrate(): Promise<void> {
    // Replicas starting together must not run the same migration twice.
    await this.driver.transaction(lockedMigrations());
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null> {
    return this.driver.transaction(claim(conversationKey, leaseMs, now));
  }
}

function* lockedMigrations(): Program<void> {
  yield* step(row('SELECT pg_advisory_xact_lock(?)', MIGRATION_LOCK));
  yield* migrations('postgres');
}

function* claim(conversationKey: string, leaseMs: number, now: number): Program<InboxEvent | null> {
  // Serialises claims for one conversation across every replica for the length of this transaction.
  yield* step(row('SELECT pg_advisory_xact_lock(hashtext(?))', conversationKey));
  const busy = yield* step(
    row(
      `SELECT 1 FROM inbox_events WHERE conversation_key = ? AND status IN ('processing', 'replying')
       AND lease_until > ? LIMIT 1`,
      conversationKey,
      now,
    ),
  );
  if (busy) return null;
  // One statement, the row locked while it is read: a claim that waited for a lapsed holder's commit sees
  // what that commit wrote (the decided reply, the event finished, or its lease renewed) rather than the row as
  // it was before. The lease is checked again here because the read above took no lock.
  const claimed = yield* step(
    row<EventRow>(
      `UPDATE inbox_events
          SET status = CASE status WHEN 'replying' THEN 'replying' ELSE 'processing' END,
              lease_until = ?, attempts = attempts + 1, claim_token = ?
        WHERE id = (SELECT id FROM inbox_events
                     WHERE conversation_key = ? AND status IN ('pending', 'processing', 'replying')
                     ORDER BY event_timestamp, seq LIMIT 1 FOR UPDATE)
          AND (status = 'pending' OR (status IN ('processing', 'replying') AND lease_until <= ?))
      RETURNING *`,
      now + leaseMs,
      randomUUID(),
      conversationKey,
      now,
    ),
  );
  return claimed ? toEvent(claimed) : null;
}

/** `?` placeholders numbered as PostgreSQL wants them ($1, $2…), once per SQL text. */
const numbered = new Map<string, string>();
function numberPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

type Queryable = Pick<PoolClient, 'query'>;

/** Executes the shared queries: one statement on any pooled connection, a program in a transaction. */
class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;

  constructor(private readonly pool: Pool) {}

  one<T>(query: Query<T>): Promise<T> {
    return execute(this.pool, query) as Promise<T>;
  }

  async transaction<T>(program: Program<T>): Promise<T> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    // A connection PostgreSQL closes between two statements (a restart) is reported as an 'error' event on the
    // client, which nothing else listens to while the client is checked out: unheard, it would end the process.
    const lostConnection = (error: Error) => (failure ??= error);
    client.on('error', lostConnection);
    try {
      await client.query('BEGIN');
      const result = await runAsync(program, (q) => execute(client, q));
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
}

async function execute(on: Queryable, query: Query<unknown>): Promise<unknown> {
  if (query.returns === 'script') return void (await on.query(query.sql));
  const result: QueryResult = await on.query(numberPlaceholders(query.sql), query.params as unknown[]);
  if (query.returns === 'rows') return result.rows;
  if (query.returns === 'row') return result.rows[0];
  return result.rowCount ?? 0;
}
