import Database from 'better-sqlite3';
import { Client } from 'pg';

export interface EventRow {
  status: string;
  outcome: string | null;
}

/** The inbox rows of these events, read from the bot's store from outside (SQLite file or PostgreSQL). */
export async function inboxRows(databaseUrl: string, ids: string[]): Promise<Map<string, EventRow>> {
  const rows = new Map<string, EventRow>();
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
    try {
      const get = db.prepare('SELECT status, outcome FROM inbox_events WHERE id = ?');
      for (const id of ids) {
        const row = get.get(id) as EventRow | undefined;
        if (row) rows.set(id, row);
      }
    } finally {
      db.close();
    }
    return rows;
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<EventRow & { id: string }>(
      'SELECT id, status, outcome FROM inbox_events WHERE id = ANY($1)',
      [ids],
    );
    for (const r of result.rows) rows.set(r.id, { status: r.status, outcome: r.outcome });
  } finally {
    await client.end();
  }
  return rows;
}

/** Waits until none of these events is still open in the store (or the time is up). */
export async function settle(databaseUrl: string, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await inboxRows(databaseUrl, ids);
    if ([...rows.values()].every((r) => r.status === 'done')) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}
