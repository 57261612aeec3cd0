/** Everything both stores do alike, written once over a driver; each store adds its connection and its claim. */
import { activityTables } from './activity';
import { auditTables } from './audit';
import { inboxTables } from './inbox';
import { MIGRATIONS } from './schema';
import { noticeTables } from './notices';
import { residentTables } from './residents';
import { retention } from './retention';
import { count, rows, script, step, type Dialect, type Program, type SqlDriver } from './sql';
import { staffTables } from './staff';
import type { Store, StoreConnection } from './types';
import { unansweredTables } from './unanswered';

export type SharedTables = Omit<Store, keyof StoreConnection | 'claimNextEvent'>;

function sharedTables(db: SqlDriver): SharedTables {
  const inbox = inboxTables(db);
  const unanswered = unansweredTables(db);
  return {
    ...inbox,
    ...residentTables(db),
    ...noticeTables(db),
    ...unanswered,
    ...staffTables(db),
    ...auditTables(db),
    ...activityTables(db),
    ...retention({ ...inbox, ...unanswered }),
  };
}

/** The base of both stores: its instances carry the shared operations over the driver they are given. */
export const StoreTables = class {
  constructor(db: SqlDriver) {
    Object.assign(this, sharedTables(db));
  }
} as new (db: SqlDriver) => SharedTables;

/** The migrations not yet applied, each recorded as it is: run in one transaction by each store. */
export function* migrations(dialect: Dialect): Program<void> {
  yield* step(
    script('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)'),
  );
  const done = new Set(
    (yield* step(rows<{ version: number }>('SELECT version FROM schema_migrations'))).map((r) => r.version),
  );
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    yield* step(script(m[dialect]));
    yield* step(count('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', m.version, m.name));
  }
}
