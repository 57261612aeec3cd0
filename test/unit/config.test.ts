import { ConfigError, parseConfig } from '../../src/config';

const parse = (env: Record<string, string>) => parseConfig(env, () => 'generated');

describe('configuration', () => {
  it('has safe defaults and local mode without credentials', () => {
    const c = parse({});
    expect(c).toMatchObject({
      port: 3000,
      localMode: true,
      logLevel: 'info',
      database: { kind: 'sqlite', file: './data/bot.db' },
    });
    expect(c.line.channelSecret).toBe('generated');
    expect(c.botNow).toBeUndefined();
    expect(c.adminToken).toBeUndefined();
  });

  it('selects PostgreSQL from a postgres:// URL and fixes the clock from BOT_NOW', () => {
    const c = parse({
      DATABASE_URL: 'postgres://u@h:5432/db',
      BOT_NOW: '2023-04-12T10:00:00+09:00',
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(c.botNow?.toISOString()).toBe('2023-04-12T01:00:00.000Z');
    expect(c.localMode).toBe(false);
  });

  it('reports every problem on its own line, naming the variable and what is expected', () => {
    try {
      parse({
        PORT: 'abc',
        BOT_NOW: '2023-04-12 10:00',
        LOG_LEVEL: 'loud',
        LINE_CHANNEL_SECRET: 's',
        DATABASE_URL: 'mysql://x',
        ADMIN_TOKEN: 'short',
      });
      throw new Error('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const lines = (error as ConfigError).problems;
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^PORT: expected /),
          expect.stringMatching(/^BOT_NOW: expected an ISO 8601 time with an offset/),
          expect.stringMatching(/^LOG_LEVEL: expected one of/),
          expect.stringMatching(/^LINE_CHANNEL_ACCESS_TOKEN: expected required/),
          expect.stringMatching(/^DATABASE_URL: expected /),
          expect.stringMatching(/^ADMIN_TOKEN: expected at least 16/),
        ]),
      );
    }
  });

  it('refuses to start in production without LINE credentials', () => {
    expect(() => parse({ NODE_ENV: 'production' })).toThrow(
      /LINE_CHANNEL_SECRET: expected required when NODE_ENV=production/,
    );
  });

  it('bounds every call to LINE: a few seconds for a reply, longer for a notice, both adjustable', () => {
    expect(parse({}).line).toMatchObject({ replyTimeoutMs: 5_000, sendTimeoutMs: 15_000 });
    expect(parse({ LINE_REPLY_TIMEOUT_MS: '2500', LINE_SEND_TIMEOUT_MS: '30000' }).line).toMatchObject({
      replyTimeoutMs: 2_500,
      sendTimeoutMs: 30_000,
    });
    expect(() => parse({ LINE_REPLY_TIMEOUT_MS: '0' })).toThrow(/LINE_REPLY_TIMEOUT_MS: expected a positive/);
    expect(() => parse({ LINE_SEND_TIMEOUT_MS: 'soon' })).toThrow(/LINE_SEND_TIMEOUT_MS: expected a number/);
  });

  it('listens on loopback in local mode and on every interface with a LINE channel, unless HOST says', () => {
    const line = { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' };
    expect(parse({}).host).toBe('127.0.0.1');
    expect(parse({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(parse(line).host).toBe('0.0.0.0');
    expect(parse({ ...line, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});
