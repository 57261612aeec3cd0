import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const tempSqliteFile = () =>
  path.join(os.tmpdir(), `bot-test-${randomBytes(6).toString('hex')}`, 'bot.db');

/** Set by test/setup/probe-services.ts (jest's globalSetup): '' when PostgreSQL answers, else why it does not. */
export const POSTGRES_UNAVAILABLE_ENV = 'TEST_POSTGRES_UNAVAILABLE';

/**
 * Why the PostgreSQL tests cannot run here, or null when they can: decided once per run, before the files are
 * collected, so that they register as skipped (`describeUnless(postgresUnavailable())`). In CI a skip fails.
 */
export function postgresUnavailable(): string | null {
  const probed = process.env[POSTGRES_UNAVAILABLE_ENV];
  if (probed === undefined)
    throw new Error('PostgreSQL was not probed: run the tests through jest.config.js (its globalSetup)');
  return probed === '' ? null : probed;
}

/**
 * @deprecated A test that returns early when this is false counts as passed: gate a describe block with
 * `describeUnless(postgresUnavailable())` (test/helpers/skips.ts) instead. Kept for tests not yet moved; in CI
 * it throws rather than let such a test pass without running.
 */
export async function postgresAvailable(): Promise<boolean> {
  const reason = postgresUnavailable();
  if (reason !== null && process.env.CI) throw new Error(`PostgreSQL is required in CI: ${reason}`);
  return reason === null;
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
