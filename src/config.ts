import { z } from 'zod';
import { DEFAULT_REPLY_TIMEOUT_MS, DEFAULT_SEND_TIMEOUT_MS } from './line/transport';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.coerce
    .number({ invalid_type_error: 'a TCP port number' })
    .int('a whole number')
    .min(0, 'a port from 0 to 65535')
    .max(65535, 'a port from 0 to 65535')
    .default(3000),
  HOST: optionalText,
  LINE_CHANNEL_SECRET: optionalText,
  LINE_CHANNEL_ACCESS_TOKEN: optionalText,
  LINE_API_BASE_URL: z
    .string()
    .url('an http(s) URL such as https://api.line.me')
    .default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: z
    .string()
    .url('an http(s) URL such as https://api-data.line.me')
    .default('https://api-data.line.me'),
  LINE_REPLY_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: 'a number of milliseconds' })
    .int('a whole number of milliseconds')
    .positive('a positive number of milliseconds')
    .default(DEFAULT_REPLY_TIMEOUT_MS),
  LINE_SEND_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: 'a number of milliseconds' })
    .int('a whole number of milliseconds')
    .positive('a positive number of milliseconds')
    .default(DEFAULT_SEND_TIMEOUT_MS),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/bot.db')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'sqlite:PATH or postgres://USER@HOST:PORT/DB'),
  BOT_NOW: optionalText.refine(
    (v) => v === undefined || (isoWithOffset.test(v) && !Number.isNaN(Date.parse(v))),
    'an ISO 8601 time with an offset, such as 2023-04-12T10:00:00+09:00',
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ADMIN_TOKEN: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'at least 16 characters (or unset to turn the admin API off)',
  ),
  METRICS_TOKEN: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    'at least 16 characters (or unset: GET /metrics is then served in local mode only)',
  ),
  CONTENT_FILE: optionalText,
  /** Express's `trust proxy`: which proxy's X-Forwarded-Proto to believe (staff cookies get Secure behind https). */
  TRUST_PROXY: optionalText,
  IDLE_TIMEOUT_MINUTES: z.coerce.number().positive('a positive number of minutes').default(30),
  EVENT_LEASE_MS: z.coerce
    .number({ invalid_type_error: 'a number of milliseconds' })
    .int('a whole number of milliseconds')
    .min(500, 'at least 500 ms')
    .max(50_000, 'at most 50,000 ms (a reply token is good for about a minute)')
    .default(30_000),
});

/** Checked apart from the schema so that these lines come out together with every other problem. */
function credentialProblems(env: NodeJS.ProcessEnv): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  const hasSecret = has('LINE_CHANNEL_SECRET');
  const hasToken = has('LINE_CHANNEL_ACCESS_TOKEN');
  if (hasSecret !== hasToken) {
    const missing = hasSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    return [
      `${missing}: expected required when the other LINE credential is set (set both, or neither for local mode)`,
    ];
  }
  if (!hasSecret && (env.NODE_ENV ?? '').trim() === 'production') {
    return ['LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN'].map(
      (name) => `${name}: expected required when NODE_ENV=production (the LINE channel credentials)`,
    );
  }
  return [];
}

export interface Config {
  port: number;
  /** The address to listen on: loopback in local mode (its chat page asks for no password), else every interface. */
  host: string;
  /** No LINE credentials at start: replies go to an in-process stand-in instead of LINE. */
  localMode: boolean;
  line: {
    channelSecret: string;
    channelAccessToken: string;
    apiBaseUrl: string;
    dataApiBaseUrl: string;
    /** How long a reply, and a broadcast or multicast, may wait for LINE before it is given up. */
    replyTimeoutMs: number;
    sendTimeoutMs: number;
  };
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** Fixed time the flows see (BOT_NOW); undefined means real time. */
  botNow?: Date;
  logLevel: (typeof LOG_LEVELS)[number];
  adminToken?: string;
  /** Bearer token for GET /metrics with a LINE channel; unset, the metrics are served in local mode only. */
  metricsToken?: string;
  contentFile?: string;
  idleTimeoutMs: number;
  /** Express's `trust proxy` setting (`loopback`, `1`, an address…); undefined believes no proxy. */
  trustProxy?: string;
  /** How long a replica owns an event it claimed without renewing; a stalled replica loses it after this. */
  eventLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
  }
}

export function parseConfig(env: NodeJS.ProcessEnv, generateLocalSecret: () => string): Config {
  const result = envSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: expected ${i.message}`)),
    ...credentialProblems(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const localMode = e.LINE_CHANNEL_SECRET === undefined;
  const database = e.DATABASE_URL.startsWith('sqlite:')
    ? { kind: 'sqlite' as const, file: e.DATABASE_URL.slice('sqlite:'.length) }
    : { kind: 'postgres' as const, url: e.DATABASE_URL };
  return {
    port: e.PORT,
    // The local chat answers anyone who can reach it, without a password: only this machine, unless HOST says.
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    localMode,
    line: {
      channelSecret: e.LINE_CHANNEL_SECRET ?? generateLocalSecret(),
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN ?? 'local-mode',
      apiBaseUrl: e.LINE_API_BASE_URL,
      dataApiBaseUrl: e.LINE_DATA_API_BASE_URL,
      replyTimeoutMs: e.LINE_REPLY_TIMEOUT_MS,
      sendTimeoutMs: e.LINE_SEND_TIMEOUT_MS,
    },
    database,
    botNow: e.BOT_NOW === undefined ? undefined : new Date(e.BOT_NOW),
    logLevel: e.LOG_LEVEL,
    adminToken: e.ADMIN_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    contentFile: e.CONTENT_FILE,
    idleTimeoutMs: e.IDLE_TIMEOUT_MINUTES * 60_000,
    trustProxy: e.TRUST_PROXY,
    eventLeaseMs: e.EVENT_LEASE_MS,
  };
}
