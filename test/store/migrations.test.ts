import Database from 'better-sqlite3';
import { Client } from 'pg';
import { residentEventOf } from '../../src/line/webhook';
import { MY_NUMBER_MARK } from '../../src/privacy';
import { PostgresStore } from '../../src/store/postgres';
import { MIGRATIONS } from '../../src/store/schema';
import { SqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';
import { freshPostgresUrl, postgresUnavailable, tempSqliteFile } from '../helpers/database';
import { describeUnless } from '../helpers/skips';

/** A database as an earlier release left it: migrated up to `version`, with one row written then. */
interface EarlierDatabase {
  run(sql: string): Promise<void>;
  close(): Promise<void>;
  open(): Store;
}

const versions = (upTo: number) => MIGRATIONS.filter((m) => m.version <= upTo);

/** Each store, how to make an earlier release's database of it, and why it cannot be tested here (null: it can). */
const databases: [string, (upTo: number) => Promise<EarlierDatabase>, string | null][] = [
  [
    'SQLite',
    async (upTo) => {
      const file = tempSqliteFile();
      new SqliteStore(file); // creates the directory, as the bot does at start
      const db = new Database(file);
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
      for (const m of versions(upTo)) {
        db.exec(m.sqlite);
        db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, m.name);
      }
      return {
        run: async (sql) => void db.exec(sql),
        close: async () => void db.close(),
        open: () => new SqliteStore(file),
      };
    },
    null,
  ],
  [
    'PostgreSQL',
    async (upTo) => {
      const url = await freshPostgresUrl();
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
      for (const m of versions(upTo)) {
        await client.query(m.postgres);
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2)', [m.version, m.name]);
      }
      return {
        run: async (sql) => void (await client.query(sql)),
        close: () => client.end(),
        open: () => new PostgresStore(url),
      };
    },
    postgresUnavailable(),
  ],
];

for (const [name, earlier, skipReason] of databases)
  describeUnless(skipReason)(`migrating a store kept by an earlier release (${name})`, () =>
    migrating(earlier),
  );

function migrating(earlier: (upTo: number) => Promise<EarlierDatabase>): void {
  it('keeps the questions recorded before routes were, with no route', async () => {
    const db = await earlier(3);
    await db.run(`INSERT INTO unanswered (at, text, scores) VALUES (5, '第3弾は?', '[]')`);
    await db.close();
    const store = db.open();
    try {
      await store.migrate();
      await store.recordUnanswered({ at: 6, text: '英語で聞きたい', scores: [], route: 'multilingual' });
      expect(await store.listUnanswered(0)).toEqual([
        { at: 5, text: '第3弾は?', scores: [], route: null },
        { at: 6, text: '英語で聞きたい', scores: [], route: 'multilingual' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('reads an event accepted before the inbox kept what redaction removed, by the marks in its text', async () => {
    const db = await earlier(10);
    const payload = JSON.stringify({
      type: 'message',
      source: { type: 'user', userId: 'U-old' },
      replyToken: 'r-old',
      message: { type: 'text', id: 'm1', text: `番号は${MY_NUMBER_MARK}です` },
    });
    await db.run(
      `INSERT INTO inbox_events (id, conversation_key, event_timestamp, received_at, payload)
       VALUES ('old-1', 'U-old', 1, 1, '${payload}')`,
    );
    await db.close();
    const store = db.open();
    try {
      await store.migrate();
      const claimed = (await store.claimNextEvent('U-old', 60_000, 2))!;
      expect(claimed.redaction).toBeNull();
      expect(residentEventOf(claimed).input).toEqual({
        kind: 'text',
        text: `番号は${MY_NUMBER_MARK}です`,
        hadMyNumber: true,
        hadPin: false,
      });
    } finally {
      await store.close();
    }
  });

  it('names the closest answer units of questions recorded before "unit", as it names new ones', async () => {
    const db = await earlier(11);
    await db.run(
      `INSERT INTO unanswered (at, text, scores, route) VALUES (5, '第3弾は?', '[{"topic":"points.overview","score":0.2}]', 'hotline')`,
    );
    await db.close();
    const store = db.open();
    try {
      await store.migrate();
      expect(await store.listUnanswered(0)).toEqual([
        { at: 5, text: '第3弾は?', scores: [{ unit: 'points.overview', score: 0.2 }], route: 'hotline' },
      ]);
    } finally {
      await store.close();
    }
  });
}
