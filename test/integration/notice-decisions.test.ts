import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunningBot } from '../../src/bot';
import { SqliteStore } from '../../src/store/sqlite';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';

const TOKEN = 'a-long-admin-token-for-tests';
const NOTICE = {
  sender: '企画室 山田',
  audience: { kind: 'all' },
  messages: [{ type: 'text', text: 'マイナポイントの申込みは5月31日までです。' }],
};
const HOUR = 60 * 60 * 1000;

let line: FakeLine;
let bot: RunningBot;
let file: string;

const start = () =>
  startTestBot({
    lineBaseUrl: line.baseUrl,
    databaseUrl: `sqlite:${file}`,
    env: { ADMIN_TOKEN: TOKEN },
    notices: { backoffBaseMs: 5, pollMs: 50 },
  });

beforeEach(async () => {
  line = await startFakeLine();
  file = tempSqliteFile();
  bot = await start();
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

const admin = (method: string, path: string, body?: object) =>
  fetch(`http://127.0.0.1:${bot.port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: body ? JSON.stringify(body) : undefined,
  });

type Listed = {
  id: string;
  status: string;
  detail: string | null;
  requests: { status: string; detail: string | null }[];
};

async function listed(id: string): Promise<Listed | undefined> {
  const { notices } = (await (await admin('GET', '/admin/notices')).json()) as { notices: Listed[] };
  return notices.find((n) => n.id === id);
}

async function settled(id: string, statuses: string[]): Promise<Listed> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const n = await listed(id);
    if (n && statuses.includes(n.status)) return n;
    if (Date.now() > deadline) throw new Error(`notice ${id} still ${n?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const queue = async (body: object) =>
  ((await (await admin('POST', '/admin/notices', body)).json()) as { id: string }).id;

const broadcasts = () => line.calls.filter((c) => c.url === '/v2/bot/message/broadcast');

describe('cancelling a notice', () => {
  it('cancels a scheduled notice before it goes out, which then never goes out', async () => {
    const id = await queue({ ...NOTICE, sendAt: new Date(Date.now() + 800).toISOString() });
    const res = await admin('DELETE', `/admin/notices/${id}`, { sender: '企画室 佐藤' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, status: 'cancelled' });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await listed(id)).toMatchObject({ status: 'cancelled', detail: 'cancelled by 企画室 佐藤' });
    expect(broadcasts()).toHaveLength(0);

    const again = await admin('POST', `/admin/notices/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ status: 'cancelled' });
    expect((await admin('POST', '/admin/notices/no-such-notice/cancel')).status).toBe(404);
  });

  it('refuses to cancel a notice that has gone out', async () => {
    const id = await queue(NOTICE);
    await settled(id, ['sent']);
    const res = await admin('POST', `/admin/notices/${id}/cancel`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/is sent/);
    expect(broadcasts()).toHaveLength(1);
  });

  it('cancels from the command line: npm run notice -- cancel ID', async () => {
    const id = await queue({ ...NOTICE, sendAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    const env = { ...process.env, BOT_URL: `http://127.0.0.1:${bot.port}`, ADMIN_TOKEN: TOKEN };
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/notice.ts', ...args], {
        cwd: path.resolve(__dirname, '../..'),
        env,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const done = await cli(['cancel', id, '--sender', '企画室 佐藤']);
    expect(done).toMatchObject({ code: 0 });
    expect(done.stdout).toMatch(`notice ${id} cancelled`);
    expect(await listed(id)).toMatchObject({ status: 'cancelled', detail: 'cancelled by 企画室 佐藤' });
    const twice = await cli(['cancel', id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/not cancelled \(409\).*is cancelled/);
    const usage = await cli(['cancel']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/npm run notice -- cancel ID/);
  }, 30_000);
});

describe('a batch whose retry key LINE no longer remembers', () => {
  it('is not retried blindly but left for staff to decide, and can then be cancelled', async () => {
    // The bot planned the notice (and its retry key) 25 hours ago, then went down before the batch was
    // known to be sent; it comes back now.
    await bot.close();
    const store = new SqliteStore(file);
    await store.migrate();
    const planned = Date.now() - 25 * HOUR;
    await store.createNotice({
      id: 'stale',
      createdAt: planned,
      sender: '企画室 山田',
      audience: { kind: 'all' },
      messages: NOTICE.messages,
      sendAt: planned,
    });
    await store.planNoticeBatches('stale', [
      { index: 0, retryKey: 'key-from-yesterday', plannedAt: planned, recipients: null },
    ]);
    await store.close();
    bot = await start();

    const n = await settled('stale', ['needsDecision', 'sent', 'failed']);
    expect(n.status).toBe('needsDecision');
    expect(n.detail).toMatch(/batch 0: retry key older than 24 hours/);
    expect(n.requests).toEqual([expect.objectContaining({ status: 'needsDecision' })]);
    expect(broadcasts()).toHaveLength(0);

    // It stays undecided (never picked up again) until staff act.
    await new Promise((r) => setTimeout(r, 300));
    expect(broadcasts()).toHaveLength(0);
    expect((await admin('POST', '/admin/notices/stale/cancel')).status).toBe(200);
    expect(await listed('stale')).toMatchObject({ status: 'cancelled' });
  });

  it('is sent as usual when its key is younger than a day', async () => {
    await bot.close();
    const store = new SqliteStore(file);
    await store.migrate();
    const planned = Date.now() - 20 * HOUR;
    await store.createNotice({
      id: 'recent',
      createdAt: planned,
      sender: '企画室 山田',
      audience: { kind: 'all' },
      messages: NOTICE.messages,
      sendAt: planned,
    });
    await store.planNoticeBatches('recent', [
      { index: 0, retryKey: 'key-from-this-morning', plannedAt: planned, recipients: null },
    ]);
    await store.close();
    bot = await start();
    expect((await settled('recent', ['needsDecision', 'sent', 'failed'])).status).toBe('sent');
    expect(broadcasts().map((c) => c.headers['x-line-retry-key'])).toEqual(['key-from-this-morning']);
  });
});
