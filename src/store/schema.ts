/**
 * Migrations, in order, for each dialect. A migration is never edited once released: add a new one.
 * Times are epoch milliseconds (BIGINT) in both stores so that the code never converts time zones.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'inbox, conversations, residents',
    sqlite: `
      CREATE TABLE inbox_events (
        id TEXT PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        event_timestamp INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        payload TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        lease_until INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        pending_reply TEXT,
        outcome TEXT,
        detail TEXT,
        finished_at INTEGER
      );
      CREATE INDEX inbox_events_open ON inbox_events (conversation_key, status, event_timestamp);
      CREATE INDEX inbox_events_status ON inbox_events (status);
      CREATE TABLE conversations (
        conversation_key TEXT PRIMARY KEY,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE residents (
        user_id TEXT PRIMARY KEY,
        following INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE inbox_events (
        id TEXT PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
        conversation_key TEXT NOT NULL,
        event_timestamp BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        payload TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        lease_until BIGINT NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        pending_reply TEXT,
        outcome TEXT,
        detail TEXT,
        finished_at BIGINT
      );
      CREATE INDEX inbox_events_open ON inbox_events (conversation_key, status, event_timestamp, seq);
      CREATE INDEX inbox_events_status ON inbox_events (status);
      CREATE TABLE conversations (
        conversation_key TEXT PRIMARY KEY,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE residents (
        user_id TEXT PRIMARY KEY,
        following BOOLEAN NOT NULL,
        updated_at BIGINT NOT NULL
      );`,
  },
];

export const OPEN_STATUSES = ['pending', 'processing', 'replying'] as const;
