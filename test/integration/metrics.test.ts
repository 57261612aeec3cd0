import pino from 'pino';
import { startBot, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { countingErrors } from '../../src/store/counting';
import { SqliteStore } from '../../src/store/sqlite';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { newUserId, postWebhook, textEvent } from '../helpers/webhook';
import { until } from '../helpers/until';

const METRICS_TOKEN = 'a-long-metrics-token-for-tests';
const ADMIN_TOKEN = 'a-long-admin-token-for-tests';

let line: FakeLine;
let bot: RunningBot | null = null;
beforeEach(async () => {
  line = await startFakeLine();
});
afterEach(async () => {
  await bot?.close();
  bot = null;
  await line.close();
});

const scrape = async (port: number, token?: string) =>
  fetch(`http://127.0.0.1:${port}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one series in Prometheus' text format (0 when it is absent). */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  it('counts events by outcome, hand-offs by route, reply latency and notice batches, in Prometheus format', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { METRICS_TOKEN, ADMIN_TOKEN },
      notices: { backoffBaseMs: 5, pollMs: 50 },
    });
    const port = bot.port;
    const answered = textEvent(newUserId(), '受付時間を教えてください');
    const hotline = textEvent(newUserId(), 'ポイントに税金はかかる？');
    const city = textEvent(newUserId(), '市役所に駐車場はありますか');
    const english = textEvent(newUserId(), 'Is there a parking lot at the city hall?');
    // Older than a reply token lives: recorded as missed, never answered.
    const missed = textEvent(newUserId(), '持ち物は何ですか', Date.now() - 120_000);
    for (const e of [answered, hotline, city, english, missed]) {
      expect((await postWebhook(port, [e])).status).toBe(200);
    }
    expect((await postWebhook(port, [answered])).status).toBe(200); // a redelivery
    await line.waitForReplies(4);
    line.failNext(400, { message: 'Invalid reply token' });
    expect((await postWebhook(port, [textEvent(newUserId(), '詐欺に気をつけることは')])).status).toBe(200);
    let text = '';
    const counted = (series: string, value: number) =>
      until(async () => {
        text = await (await scrape(port, METRICS_TOKEN)).text();
        return valueOf(text, series) === value;
      }, `${series} to be ${value}`);
    await counted('bot_events_handled_total{outcome="failed"}', 1);
    await fetch(`http://127.0.0.1:${port}/admin/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        sender: '企画室',
        audience: { kind: 'all' },
        messages: [{ type: 'text', text: 'x' }],
      }),
    });
    await counted('bot_notice_batches_total{outcome="sent"}', 1);

    expect(valueOf(text, 'bot_events_accepted_total')).toBe(6);
    expect(valueOf(text, 'bot_events_redelivered_total')).toBe(1);
    expect(valueOf(text, 'bot_events_handled_total{outcome="answered"}')).toBe(4);
    expect(valueOf(text, 'bot_events_handled_total{outcome="missed"}')).toBe(1);
    expect(valueOf(text, 'bot_handoffs_total{route="hotline"}')).toBe(1);
    expect(valueOf(text, 'bot_handoffs_total{route="city"}')).toBe(1);
    expect(valueOf(text, 'bot_handoffs_total{route="multilingual"}')).toBe(1);
    expect(valueOf(text, 'bot_reply_latency_seconds_count')).toBe(4);
    expect(valueOf(text, 'bot_reply_latency_seconds_bucket{le="+Inf"}')).toBe(4);
    expect(valueOf(text, 'bot_notice_batches_total{outcome="failed"}')).toBe(0);
    expect(text).toMatch(/^# TYPE bot_reply_latency_seconds histogram$/m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });

  it('counts store errors by operation', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { METRICS_TOKEN },
    });
    const notice = {
      id: 'n1',
      createdAt: 1,
      sender: 'staff',
      audience: { kind: 'all' as const },
      messages: [],
      sendAt: Date.now() + 3_600_000,
    };
    await bot.store.createNotice(notice);
    // The native driver's error, read by its message (jest's toThrow misjudged such errors at times).
    const duplicate = await bot.store.createNotice(notice).then(
      () => 'stored',
      (e: Error) => e.message,
    );
    expect(duplicate).toMatch(/UNIQUE/);
    const text = await (await scrape(bot.port, METRICS_TOKEN)).text();
    expect(valueOf(text, 'bot_store_errors_total{operation="createNotice"}')).toBe(1);
  });

  it('with a LINE channel: only with METRICS_TOKEN as bearer, and not served at all without one', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { METRICS_TOKEN },
    });
    expect((await scrape(bot.port)).status).toBe(401);
    expect((await scrape(bot.port, 'not-the-metrics-token')).status).toBe(401);
    const ok = await scrape(bot.port, METRICS_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    await bot.close();

    bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
    expect((await scrape(bot.port)).status).toBe(404);
  });

  it('in local mode (this machine only): open', async () => {
    const config = parseConfig(
      { PORT: '0', DATABASE_URL: `sqlite:${tempSqliteFile()}`, LOG_LEVEL: 'silent' },
      () => 'local-secret',
    );
    bot = await startBot(config, { logger: pino({ level: 'silent' }) });
    const res = await scrape(bot.port);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^bot_events_accepted_total 0$/m);
  });
});

describe('a store counting its errors', () => {
  it('names the failed operation and passes the failure on unchanged', async () => {
    const failed: string[] = [];
    const store = countingErrors(new SqliteStore(tempSqliteFile()), (operation) => failed.push(operation));
    await store.migrate();
    expect(store.kind).toBe('sqlite');
    await store.ping();
    await store.close();
    expect(
      await store.ping().then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    ).toMatch(/not open/);
    expect(failed).toEqual(['ping']);
  });
});
