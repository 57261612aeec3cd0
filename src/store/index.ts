import type { Config } from '../config';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './types';

export type { Store } from './types';

export function createStore(database: Config['database']): Store {
  return database.kind === 'sqlite' ? new SqliteStore(database.file) : new PostgresStore(database.url);
}
