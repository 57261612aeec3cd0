import pino from 'pino';
import { createAdjustableClock } from '../../src/clock';
import { HTTPFetchError } from '@line/bot-sdk';
import { LineApiError, retryAfterMs, toLineApiError, type LineTransport } from '../../src/line/transport';
import { backoffDelay } from '../../src/notices/backoff';
import { NoticeDispatcher } from '../../src/notices/dispatcher';
import { SqliteStore } from '../../src/store/sqlite';
import { tempSqliteFile } from '../helpers/database';

describe('notice back-off', () => {
  it('doubles the wait and spreads it over its upper half, so retries do not come back together', () => {
    expect(backoffDelay(1_000, 1, () => 0)).toBe(500);
    expect(backoffDelay(1_000, 1, () => 1)).toBe(1_000);
    expect(backoffDelay(1_000, 3, () => 0.5)).toBe(3_000);
    const waits = new Set(Array.from({ length: 50 }, () => backoffDelay(1_000, 2)));
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(1_000);
      expect(w).toBeLessThanOrEqual(2_000);
    }
  });

  it('reads LINE’s Retry-After in seconds or as a date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-11-29T05:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 05:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 04:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
    const refused = new HTTPFetchError('429', {
      status: 429,
      statusText: 'Too Many Requests',
      headers: new Headers({ 'retry-after': '7', 'x-line-request-id': 'req-429' }),
      body: '{"message":"Too many requests"}',
    });
    expect(toLineApiError(refused)).toMatchObject({ status: 429, requestId: 'req-429', retryAfterMs: 7_000 });
  });

  it('waits at least as long as LINE’s Retry-After asks, and never longer than two minutes', async () => {
    const { waits, status } = await sendThrough([
      new LineApiError(429, 'req-1', 'too many', 20_000),
      new LineApiError(429, 'req-2', 'too many', 3_600_000),
    ]);
    expect(waits).toEqual([20_000, 120_000]);
    expect(status).toBe('sent');
  });

  it('waits with jitter between the dispatcher’s attempts', async () => {
    const { waits, status } = await sendThrough(
      [new LineApiError(500, 'req-500', 'try later'), new LineApiError(429, 'req-429', 'try later')],
      [0.2, 0.9],
    );
    expect(waits).toEqual([600, 1_900]);
    expect(status).toBe('sent');
  });
});

/** One notice to every friend, through a LINE that fails with these errors first; the dispatcher's waits. */
async function sendThrough(failures: LineApiError[], randoms: number[] = []) {
  const store = new SqliteStore(tempSqliteFile());
  await store.migrate();
  const transport: LineTransport = {
    reply: async () => ({ requestId: null }),
    multicast: async () => ({ requestId: null }),
    isFriend: async () => true,
    broadcast: async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      return { requestId: 'req-ok' };
    },
  };
  const waits: number[] = [];
  const dispatcher = new NoticeDispatcher({
    store,
    transport,
    clock: createAdjustableClock(undefined),
    logger: pino({ level: 'silent' }),
    backoffBaseMs: 1_000,
    sleep: async (ms) => void waits.push(ms),
    random: () => randoms.shift() ?? 0,
  });
  await store.createNotice({
    id: 'n1',
    createdAt: 1,
    sender: '企画室',
    audience: { kind: 'all' },
    messages: [{ type: 'text', text: 'お知らせ' }],
    sendAt: 0,
  });
  dispatcher.poke();
  await dispatcher.idle();
  const status = (await store.getNotice('n1'))?.status;
  await dispatcher.stop();
  await store.close();
  return { waits, status };
}
