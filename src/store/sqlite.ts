import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { toEvent, type EventRow, type InboxEvent } from './inbox';
import { runSync, type Program, type Query, type SqlDriver } from './sql';
import { migrations, StoreTables } from './tables';
import type { Store } from './types';

/**
 * The embedded store: one better-sqlite3 connection, its statements prepared once, its writes grouped into one
 * transaction per turn of the event loop. The operations are the shared ones (src/store/tables.ts); the claim
 * of an inbox event is SQLite's own.
 */
export class SqliteStore extends StoreTables implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly driver: SqliteDriver;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A write resolves only once committed, and the webhook's 200 waits for it: with NORMAL, a commit of WAL
    // mode is not yet on disk, and a power cut could lose an event LINE was told we have. FULL syncs the WAL
    // at every commit; group commit (below) shares one sync among the writes of a turn of the event loop.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const driver = new SqliteDriver(db);
    super(driver);
    this.db = db;
    this.driver = driver;
  }

  async migrate(): Promise<void> {
    await this.driver.transaction(migrations('sqlite'));
  }

  async ping(): Promise<void> {
    this.driver.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.driver.commitBatch();
    if (this.db.open) this.db.close();
  }

  async claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null> {
    // A plain read first: most calls find the conversation drained, and need no write lock to learn it.
    const open = this.driver
      .statement(
        `SELECT 1 FROM inbox_events WHERE conversation_key = ? AND status IN ('pending', 'processing', 'replying') LIMIT 1`,
      )
      .get(conversationKey);
    if (!open) return null;
    // One statement is one atomic write: the oldest open event, unless another worker holds a live lease on
    // this conversation. An event already replying stays so, for its stored reply to be resent.
    // The claim alone need not wait for its commit: until then this connection holds the write lock, so no other
    // process can claim the event, and if the commit never happens the event is simply still open. What makes
    // answering safe is commitTurn, which does wait. One wait fewer per event is latency residents do not see.
    const row = this.driver.inBatch(
      () =>
        this.driver
          .statement(
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
          )
          .get(now + leaseMs, randomUUID(), conversationKey, conversationKey, now) as EventRow | undefined,
    );
    return row ? toEvent(row) : null;
  }
}

/** Executes the shared queries on one connection, synchronously, inside the group commit for writes. */
class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  /** Prepared once per SQL text (preparing on every call was a large share of the time per event), with whether
   * it writes: asking the native statement on every call costs more than remembering. */
  private readonly statements = new Map<string, { statement: Database.Statement; writes: boolean }>();
  private readonly writeTransaction: Database.Transaction<(work: () => unknown) => unknown>;
  private batch: { committed: () => void; failed: (error: unknown) => void }[] | null = null;

  constructor(private readonly db: Database.Database) {
    this.writeTransaction = db.transaction((work: () => unknown) => work());
  }

  private prepared(text: string): { statement: Database.Statement; writes: boolean } {
    let entry = this.statements.get(text);
    if (!entry) {
      const statement = this.db.prepare(text);
      entry = { statement, writes: !statement.readonly };
      this.statements.set(text, entry);
    }
    return entry;
  }

  statement(text: string): Database.Statement {
    return this.prepared(text).statement;
  }

  one<T>(query: Query<T>): Promise<T> {
    if (query.returns === 'script') return this.write(() => this.execute(query) as T);
    let entry;
    // A read needs no write lock and waits for no commit; a write goes into the group commit.
    try {
      entry = this.prepared(query.sql);
      if (!entry.writes) return Promise.resolve(run(entry.statement, query) as T);
    } catch (error) {
      return Promise.reject(error);
    }
    const { statement } = entry;
    return this.write(() => run(statement, query) as T);
  }

  transaction<T>(program: Program<T>): Promise<T> {
    return this.write(() => runSync(program, (query) => this.execute(query)));
  }

  private execute(query: Query<unknown>): unknown {
    if (query.returns === 'script') return void this.db.exec(query.sql);
    return run(this.prepared(query.sql).statement, query);
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
  inBatch<T>(work: () => T): T {
    if (!this.batch) {
      this.db.exec('BEGIN IMMEDIATE');
      this.batch = [];
      setImmediate(() => this.commitBatch());
    }
    return this.writeTransaction(work) as T;
  }

  commitBatch(): void {
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
}

function run(statement: Database.Statement, query: Query<unknown>): unknown {
  if (query.returns === 'rows') return statement.all(...query.params);
  if (query.returns === 'row') return statement.get(...query.params);
  return statement.run(...query.params).changes;
}
