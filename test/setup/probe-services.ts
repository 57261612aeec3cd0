import { Client } from 'pg';
import { POSTGRES_URL, POSTGRES_UNAVAILABLE_ENV } from '../helpers/database';

/**
 * Jest's globalSetup: finds out once, before any test file is collected, whether PostgreSQL answers, so that
 * files can register its tests as skipped (with the reason) rather than return early and count as passed.
 * The answer travels in the environment, which the test workers inherit.
 */
export default async function probeServices(): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env[POSTGRES_UNAVAILABLE_ENV] = '';
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    process.env[POSTGRES_UNAVAILABLE_ENV] = `PostgreSQL at ${POSTGRES_URL} is unreachable (${why})`;
  } finally {
    await client.end().catch(() => {});
  }
}
