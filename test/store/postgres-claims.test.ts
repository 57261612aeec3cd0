import { Client } from 'pg';
import { PostgresStore } from '../../src/store/postgres';
import { freshPostgresUrl, postgresUnavailable } from '../helpers/database';
import { describeUnless } from '../helpers/skips';
import { until } from '../helpers/until';

/**
 * A claim on PostgreSQL reads the lease without a lock, then waits for the event's row when its holder is inside
 * a transaction on it (its commit). Whatever the holder wrote meanwhile must decide: a lease renewed while the
 * claim waited is no lease to take over. Only PostgreSQL waits like this; SQLite's claim is one atomic write.
 */
let store: PostgresStore | null = null;
let holder: Client | null = null;

beforeAll(async () => {
  if (postgresUnavailable()) return; // the tests below are registered as skipped
  const url = await freshPostgresUrl();
  store = new PostgresStore(url);
  await store.migrate();
  holder = new Client({ connectionString: url });
  await holder.connect();
});

afterAll(async () => {
  await holder?.end();
  await store?.close();
});

async function claimsWaitingOn(pid: number): Promise<number> {
  const { rows } = await holder!.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
    [pid],
  );
  return Number(rows[0]!.n);
}

describeUnless(postgresUnavailable())('claims on PostgreSQL that wait for the holder of an event', () => {
  it('do not take an event whose lease was renewed while they waited', async () => {
    const s = store!;
    await s.acceptEvents([{ id: 'w1', conversationKey: 'uw', timestamp: 1, receivedAt: 1, payload: {} }]);
    const claim = (await s.claimNextEvent('uw', 100, 1_000))!;
    expect(claim.id).toBe('w1');

    const pid = (await holder!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder!.query('BEGIN');
    await holder!.query('SELECT 1 FROM inbox_events WHERE id = $1 FOR UPDATE', ['w1']);
    // The lease looked lapsed at 1 200, so this claim goes on to wait for the row.
    const takeover = s.claimNextEvent('uw', 100, 1_200);
    await until(async () => (await claimsWaitingOn(pid)) > 0, 'the claim to wait for the row');
    await holder!.query('UPDATE inbox_events SET lease_until = $1 WHERE id = $2 AND claim_token = $3', [
      1_300,
      'w1',
      claim.claimToken,
    ]);
    await holder!.query('COMMIT');

    expect(await takeover).toBeNull();
    expect(await s.renewClaim(claim, 100, 1_250)).toBe(true);
    expect(await s.finishEvent(claim, 'answered', null, 1_260)).toBe(true);
  });

  it('take an event whose lease stayed lapsed once its holder lets go of the row', async () => {
    const s = store!;
    await s.acceptEvents([{ id: 'w2', conversationKey: 'uv', timestamp: 1, receivedAt: 1, payload: {} }]);
    const claim = (await s.claimNextEvent('uv', 100, 1_000))!;

    const pid = (await holder!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder!.query('BEGIN');
    await holder!.query('SELECT 1 FROM inbox_events WHERE id = $1 FOR UPDATE', ['w2']);
    const takeover = s.claimNextEvent('uv', 100, 1_200);
    await until(async () => (await claimsWaitingOn(pid)) > 0, 'the claim to wait for the row');
    await holder!.query('COMMIT');

    const taken = await takeover;
    expect(taken?.id).toBe('w2');
    expect(taken?.attempts).toBe(2);
    expect(await s.renewClaim(claim, 100, 1_250)).toBe(false);
  });
});
