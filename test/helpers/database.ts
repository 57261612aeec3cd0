import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const tempSqliteFile = () =>
  path.join(os.tmpdir(), `bot-test-${randomBytes(6).toString('hex')}`, 'bot.db');

let reachable: boolean | null = null;

/**
 * PostgreSQL tests run for real. Outside CI a missing server skips them, loudly; in CI it fails the run.
 */
export async function postgresAvailable(): Promise<boolean> {
  if (reachable !== null) return reachable;
  const client = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    reachable = true;
  } catch (error) {
    if (process.env.CI)
      throw new Error(`PostgreSQL is required in CI but ${POSTGRES_URL} is unreachable: ${error}`);
    console.warn(
      `\n\n*** PostgreSQL at ${POSTGRES_URL} is unreachable: PostgreSQL tests are SKIPPED ***\n\n`,
    );
    reachable = false;
  }
  return reachable;
}

/** A schema of its own per test file, so that runs never see each other's rows. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
