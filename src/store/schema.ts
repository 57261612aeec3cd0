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
  {
    version: 2,
    name: 'notices, their batches, topic opt-ins, unanswered questions',
    sqlite: `
      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        sender TEXT NOT NULL,
        audience TEXT NOT NULL,
        messages TEXT NOT NULL,
        send_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        lease_until INTEGER NOT NULL DEFAULT 0,
        recipients INTEGER,
        detail TEXT,
        finished_at INTEGER
      );
      CREATE INDEX notices_due ON notices (status, send_at);
      CREATE TABLE notice_batches (
        notice_id TEXT NOT NULL REFERENCES notices (id),
        batch_index INTEGER NOT NULL,
        retry_key TEXT NOT NULL,
        recipients TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        request_id TEXT,
        detail TEXT,
        PRIMARY KEY (notice_id, batch_index)
      );
      CREATE TABLE topic_optins (
        user_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        opted_in INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, topic)
      );
      CREATE TABLE unanswered (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        text TEXT NOT NULL,
        scores TEXT NOT NULL
      );
      CREATE INDEX unanswered_at ON unanswered (at);`,
    postgres: `
      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL,
        sender TEXT NOT NULL,
        audience TEXT NOT NULL,
        messages TEXT NOT NULL,
        send_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        lease_until BIGINT NOT NULL DEFAULT 0,
        recipients INTEGER,
        detail TEXT,
        finished_at BIGINT
      );
      CREATE INDEX notices_due ON notices (status, send_at);
      CREATE TABLE notice_batches (
        notice_id TEXT NOT NULL REFERENCES notices (id),
        batch_index INTEGER NOT NULL,
        retry_key TEXT NOT NULL,
        recipients TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        request_id TEXT,
        detail TEXT,
        PRIMARY KEY (notice_id, batch_index)
      );
      CREATE TABLE topic_optins (
        user_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        opted_in BOOLEAN NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, topic)
      );
      CREATE TABLE unanswered (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        text TEXT NOT NULL,
        scores TEXT NOT NULL
      );
      CREATE INDEX unanswered_at ON unanswered (at);`,
  },
  {
    version: 3,
    name: 'index only the inbox events still open',
    // Done events are most of the inbox and are never looked up by conversation or status again; indexing only
    // the open ones keeps every status change cheap. Queries repeat this exact condition so SQLite uses it.
    sqlite: `
      DROP INDEX inbox_events_open;
      DROP INDEX inbox_events_status;
      CREATE INDEX inbox_events_open ON inbox_events (conversation_key, event_timestamp)
        WHERE status IN ('pending', 'processing', 'replying');`,
    postgres: `
      DROP INDEX inbox_events_open;
      DROP INDEX inbox_events_status;
      CREATE INDEX inbox_events_open ON inbox_events (conversation_key, event_timestamp, seq)
        WHERE status IN ('pending', 'processing', 'replying');`,
  },
  {
    version: 4,
    name: 'the phone line each recorded hand-off went to',
    // Null in the rows recorded before: those were all questions out of scope, to an unrecorded line.
    sqlite: `ALTER TABLE unanswered ADD COLUMN route TEXT;`,
    postgres: `ALTER TABLE unanswered ADD COLUMN route TEXT;`,
  },
  {
    version: 5,
    name: 'group and multi-person chats the bot has told that it answers one to one',
    sqlite: `
      CREATE TABLE group_chats (
        chat_key TEXT PRIMARY KEY,
        told_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE group_chats (
        chat_key TEXT PRIMARY KEY,
        told_at BIGINT NOT NULL
      );`,
  },
  {
    version: 6,
    name: 'staff accounts, console sessions and the audit log',
    sqlite: `
      CREATE TABLE staff_accounts (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE staff_sessions (
        id_digest TEXT PRIMARY KEY,
        staff_name TEXT NOT NULL REFERENCES staff_accounts (name),
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX staff_sessions_staff ON staff_sessions (staff_name);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );`,
    postgres: `
      CREATE TABLE staff_accounts (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        locked_until BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE staff_sessions (
        id_digest TEXT PRIMARY KEY,
        staff_name TEXT NOT NULL REFERENCES staff_accounts (name),
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX staff_sessions_staff ON staff_sessions (staff_name);
      CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );`,
  },
  {
    version: 7,
    name: 'groups of unanswered questions marked by staff',
    sqlite: `
      CREATE TABLE unanswered_marks (
        group_key TEXT PRIMARY KEY,
        example TEXT NOT NULL,
        mark TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        marked_by TEXT NOT NULL,
        marked_at INTEGER NOT NULL
      );`,
    postgres: `
      CREATE TABLE unanswered_marks (
        group_key TEXT PRIMARY KEY,
        example TEXT NOT NULL,
        mark TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        marked_by TEXT NOT NULL,
        marked_at BIGINT NOT NULL
      );`,
  },
  {
    // Version 4 on branch faults-c, which was made before main's 4 and 5: renumbered after them when merged.
    version: 8,
    name: 'fencing token of the claim on an inbox event',
    sqlite: `ALTER TABLE inbox_events ADD COLUMN claim_token TEXT;`,
    postgres: `ALTER TABLE inbox_events ADD COLUMN claim_token TEXT;`,
  },
  {
    // Version 5 on branch faults-c: renumbered like the one before.
    version: 9,
    name: 'when each notice batch got its retry key',
    // Batches planned before this have no time: read as 0, i.e. too old to retry blindly.
    sqlite: `ALTER TABLE notice_batches ADD COLUMN planned_at INTEGER NOT NULL DEFAULT 0;`,
    postgres: `ALTER TABLE notice_batches ADD COLUMN planned_at BIGINT NOT NULL DEFAULT 0;`,
  },
  {
    version: 10,
    name: 'the answer units an event answered, counted for the staff console',
    sqlite: `
      ALTER TABLE inbox_events ADD COLUMN answered_units TEXT;
      CREATE INDEX inbox_events_finished ON inbox_events (finished_at);
      CREATE INDEX inbox_events_received ON inbox_events (received_at);`,
    postgres: `
      ALTER TABLE inbox_events ADD COLUMN answered_units TEXT;
      CREATE INDEX inbox_events_finished ON inbox_events (finished_at);
      CREATE INDEX inbox_events_received ON inbox_events (received_at);`,
  },
  {
    version: 11,
    name: 'what redaction removed from an inbox event, kept beside its redacted text',
    // Null in the rows accepted before: their text carries the marks redaction left (src/line/webhook.ts).
    sqlite: `ALTER TABLE inbox_events ADD COLUMN redaction TEXT;`,
    postgres: `ALTER TABLE inbox_events ADD COLUMN redaction TEXT;`,
  },
  {
    version: 12,
    name: 'the closest answer units of an unanswered question are called unit, not topic',
    // The scores are JSON written by JSON.stringify, whose keys are quoted exactly so; no unit id has a quote.
    sqlite: `UPDATE unanswered SET scores = replace(scores, '"topic":', '"unit":');`,
    postgres: `UPDATE unanswered SET scores = replace(scores, '"topic":', '"unit":');`,
  },
];

export const OPEN_STATUSES = ['pending', 'processing', 'replying'] as const;
