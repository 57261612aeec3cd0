import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createClock } from '../../src/clock';
import { loadContent } from '../../src/content/load';
import { compileFlows } from '../../src/engine/conversation';
import { ConversationScheduler } from '../../src/engine/scheduler';
import { TurnHandler } from '../../src/engine/turn';
import { createLineTransport } from '../../src/line/transport';
import { createLogger } from '../../src/logger';
import { createUnderstanding } from '../../src/nlu';
import { storedModel } from '../../src/nlu/model-store';
import { createApp } from '../../src/server';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { SECRET } from './webhook';

/**
 * The webhook, the inbox, the scheduler and the turn handler in this process, on a real store, with the production logger
 * writing to memory: what the bot stores and logs can be read back between taking an event and answering it.
 */
export interface Pipeline {
  port: number;
  store: Store;
  /** Every log line written so far, at trace level and above. */
  logLines: string[];
  /** Answers what the webhook accepted (it only stores). */
  process(): Promise<void>;
  /** Every row of the tables that can hold what residents wrote, as JSON text, one entry per row. */
  rows(): Promise<{ table: string; json: string }[]>;
  close(): Promise<void>;
}

const TABLES = ['inbox_events', 'conversations', 'unanswered', 'residents', 'topic_optins'];

export async function startPipeline(databaseUrl: string, lineBaseUrl: string): Promise<Pipeline> {
  const database = databaseUrl.startsWith('sqlite:')
    ? ({ kind: 'sqlite', file: databaseUrl.slice('sqlite:'.length) } as const)
    : ({ kind: 'postgres', url: databaseUrl } as const);
  const store = createStore(database);
  await store.migrate();
  const logLines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
  const content = loadContent();
  const clock = createClock(new Date('2023-04-12T10:00:00+09:00'));
  const turns = new TurnHandler({
    store,
    transport: createLineTransport({ channelAccessToken: 'test-token', apiBaseUrl: lineBaseUrl }),
    catalog: compileFlows(content),
    content,
    // Learned once for all the tests (test/setup/stored-model.ts), as the bot loads what `npm run build` learned.
    understanding: createUnderstanding(content, { model: storedModel(content).model }),
    clock,
    logger,
    idleTimeoutMs: 30 * 60_000,
  });
  const scheduler = new ConversationScheduler({ store, turns, clock, logger });
  const app = createApp({
    channelSecret: SECRET,
    store,
    clock: createClock(),
    logger,
    // Only stored: events are answered when the test says so.
    accept: (events) => store.acceptEvents(events),
    isAcceptingWork: () => true,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });

  const rows = async (): Promise<{ table: string; json: string }[]> => {
    if (database.kind === 'sqlite') {
      const db = new Database(database.file, { readonly: true });
      try {
        return TABLES.flatMap((table) =>
          db
            .prepare(`SELECT * FROM ${table}`)
            .all()
            .map((row) => ({ table, json: JSON.stringify(row) })),
        );
      } finally {
        db.close();
      }
    }
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const all: { table: string; json: string }[] = [];
      for (const table of TABLES) {
        const { rows: found } = await client.query(`SELECT * FROM ${table}`);
        all.push(...found.map((row) => ({ table, json: JSON.stringify(row) })));
      }
      return all;
    } finally {
      await client.end();
    }
  };

  return {
    port: (server.address() as AddressInfo).port,
    store,
    logLines,
    async process() {
      await scheduler.sweep();
      await scheduler.idle();
    },
    rows,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler.stop();
      await store.close();
    },
  };
}
