import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../lib/ports';

export const SECRET = 'fault-suite-channel-secret';
export const ACCESS_TOKEN = 'fault-suite-access-token';
const ROOT = path.resolve(__dirname, '../../../..');
/** The built bot, as `npm start` runs it (the suite runs from dist/scripts/faults). */
const MAIN = path.join(ROOT, 'dist/src/main.js');

export interface BotProcess {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts the built bot on loopback and waits for /healthz; the port is kept across restarts. */
export async function startBot(options: {
  databaseUrl: string;
  lineBaseUrl: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<BotProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
      LINE_API_BASE_URL: options.lineBaseUrl,
      LINE_DATA_API_BASE_URL: options.lineBaseUrl,
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'silent',
      BOT_NOW: '2023-04-12T10:00:00+09:00',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} while starting`);
    if (await healthy(port)) return { port, child, exited };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the bot did not become healthy within 60 s');
}

export const healthy = (port: number, endpoint = '/healthz') =>
  fetch(`http://127.0.0.1:${port}${endpoint}`, { signal: AbortSignal.timeout(2_000) }).then(
    (r) => r.ok,
    () => false,
  );

export async function stopBot(bot: BotProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill(signal);
  await bot.exited;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
