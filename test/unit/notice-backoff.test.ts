import pino from 'pino';
import { createAdjustableClock } from '../../src/clock';
import { LineApiError, type LineTransport } from '../../src/line/transport';
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

  it('waits with jitter between the dispatcher’s attempts', async () => {
    const store = new SqliteStore(tempSqliteFile());
    await store.migrate();
    const failures = [500, 429];
    const transport: LineTransport = {
      reply: async () => ({ requestId: null }),
      multicast: async () => ({ requestId: null }),
      isFriend: async () => true,
      broadcast: async () => {
        const status = failures.shift();
        if (status) throw new LineApiError(status, `req-${status}`, 'try later');
        return { requestId: 'req-ok' };
      },
    };
    const waits: number[] = [];
    const randoms = [0.2, 0.9];
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
    expect(waits).toEqual([600, 1_900]);
    expect(await store.getNotice('n1')).toMatchObject({ status: 'sent' });
    await dispatcher.stop();
    await store.close();
  });
});
