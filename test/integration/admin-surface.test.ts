import http from 'node:http';
import pino from 'pino';
import { startBot, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';

const ADMIN_TOKEN = 'a-long-admin-token-for-tests';

/** A GET from a chosen loopback address (127.0.0.2 stands for another client), or the error of connecting. */
function get(port: number, path: string, o: { to?: string; from?: string; token?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.get(
        {
          host: o.to ?? '127.0.0.1',
          port,
          path,
          localAddress: o.from,
          headers: o.token ? { authorization: `Bearer ${o.token}` } : {},
        },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
    },
  );
}

function startLocalBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const config = parseConfig(
    { PORT: '0', DATABASE_URL: `sqlite:${tempSqliteFile()}`, LOG_LEVEL: 'silent', ...env },
    () => 'local-secret',
  );
  return startBot(config, { logger: pino({ level: 'silent' }) });
}

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

describe('failed bearer attempts', () => {
  it('are limited per address: 429 with Retry-After, even for the right token, other addresses unaffected', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { ADMIN_TOKEN },
    });
    const port = bot.port;
    for (let i = 0; i < 10; i++) {
      expect((await get(port, '/admin/notices', { token: `guess-number-${i}-of-many` })).status).toBe(401);
    }
    const refused = await get(port, '/admin/notices', { token: 'guess-number-11-of-many' });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(JSON.parse(refused.body).message).toMatch(/too many failed attempts/);
    expect((await get(port, '/admin/notices', { token: ADMIN_TOKEN })).status).toBe(429);
    expect(
      (await get(port, '/admin/notices', { token: ADMIN_TOKEN, to: '127.0.0.2', from: '127.0.0.2' })).status,
    ).toBe(200);
  });
});

describe('where the bot listens', () => {
  it('in local mode, on loopback only (127.0.0.1), unless HOST says otherwise', async () => {
    bot = await startLocalBot();
    expect(bot.host).toBe('127.0.0.1');
    expect((await get(bot.port, '/healthz')).status).toBe(200);
    // Another address of this machine is not served.
    await expect(get(bot.port, '/healthz', { to: '127.0.0.2' })).rejects.toThrow(/ECONNREFUSED/);
    await bot.close();

    bot = await startLocalBot({ HOST: '0.0.0.0' });
    expect((await get(bot.port, '/healthz', { to: '127.0.0.2' })).status).toBe(200);
  });

  it('on the one address HOST names, where the local chat still answers', async () => {
    bot = await startLocalBot({ HOST: '127.0.0.2', BOT_NOW: '2023-04-12T10:00:00+09:00' });
    await expect(get(bot.port, '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    const sent = await fetch(`http://127.0.0.2:${bot.port}/local/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'text', userId: `U${'1'.repeat(32)}`, text: '受付時間を教えてください' }),
    });
    expect(sent.status).toBe(200);
    expect(JSON.stringify(await sent.json())).toMatch(/8時30分/);
  });

  it('with a LINE channel, on every interface (LINE must reach it)', async () => {
    bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
    expect(bot.host).toBe('0.0.0.0');
    expect((await get(bot.port, '/healthz', { to: '127.0.0.2' })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('are on every response; what is not a page may load nothing and not be framed', async () => {
    bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
    const res = await get(bot.port, '/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('give the local chat page a policy that allows its own inline script by hash, not unsafe-inline', async () => {
    bot = await startLocalBot();
    const page = await get(bot.port, '/');
    expect(page.status).toBe(200);
    const policy = page.headers['content-security-policy'] as string;
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toMatch(/style-src 'self' 'sha256-/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
