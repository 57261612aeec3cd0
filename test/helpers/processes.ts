import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../scripts/lib/ports';
import { SECRET } from './webhook';

export interface BotProcess {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote (pino JSON lines), for tests that look for a log line. */
  output(): string;
}

/** The bot from source in a process of its own (so that it can be paused or killed), once /healthz answers. */
export async function startBotProcess(
  databaseUrl: string,
  lineBaseUrl: string,
  env: Record<string, string> = {},
): Promise<BotProcess> {
  const port = await freePort();
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
      LINE_API_BASE_URL: lineBaseUrl,
      DATABASE_URL: databaseUrl,
      BOT_NOW: '2023-04-12T10:00:00+09:00',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { port, child, output: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`bot process did not become healthy:\n${output}`);
}

export const stopBotProcess = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
