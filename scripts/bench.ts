/**
 * `npm run bench`: events answered per second and p50/p99 from webhook request to reply, for the bot (SQLite)
 * and for a minimal echo bot on the same stack, measured in the same run against one fake Messaging API.
 * Only loopback traffic; bounded by BENCH_EVENTS (default 3000) per target. Both run compiled, as in production
 * (`npm run bench` builds first); BENCH_NODE_ARGS passes node flags to both, e.g. --cpu-prof.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const SECRET = randomBytes(16).toString('hex');
const TOKEN = randomBytes(16).toString('hex');
const QUESTIONS = [
  '受付時間を教えてください',
  '持ち物は何ですか',
  '詐欺に気をつけることは',
  'マイナポイントはいくら',
  'フリーダイヤルの番号は',
];

const replyAt = new Map<string, number>();
const waiters = new Map<string, () => void>();
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function startFake(): Promise<number> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'bench' });
      res.end('{"sentMessages":[]}');
      if (req.url === '/v2/bot/message/reply') {
        const token = (JSON.parse(body) as { replyToken: string }).replyToken;
        replyAt.set(token, performance.now());
        waiters.get(token)?.();
      }
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)),
  );
}

const freePort = () =>
  new Promise<number>((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => r(port));
    });
  });

async function startTarget(
  script: string,
  fakePort: number,
  extraEnv: Record<string, string>,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), script],
    {
      cwd: path.resolve(__dirname, '..'),
      env: {
        ...process.env,
        PORT: String(port),
        LINE_CHANNEL_SECRET: SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_API_BASE_URL: `http://127.0.0.1:${fakePort}`,
        LOG_LEVEL: process.env.BENCH_LOG ? 'info' : 'warn',
        NODE_ENV: 'production',
        ...extraEnv,
      },
      stdio: [
        'ignore',
        process.env.BENCH_LOG
          ? fs.openSync(`${process.env.BENCH_LOG}.${path.basename(script)}`, 'w')
          : 'ignore',
        'inherit',
      ],
    },
  );
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { port, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${script} did not start`);
}

function post(port: number, i: number): Promise<number> {
  const replyToken = randomBytes(16).toString('hex');
  const body = JSON.stringify({
    destination: 'Ubench',
    events: [
      {
        type: 'message',
        message: { type: 'text', id: String(i), quoteToken: 'q', text: QUESTIONS[i % QUESTIONS.length] },
        webhookEventId: randomBytes(13).toString('hex'),
        deliveryContext: { isRedelivery: false },
        timestamp: Date.now(),
        source: { type: 'user', userId: `Ubench${i % 500}` },
        replyToken,
        mode: 'active',
      },
    ],
  });
  const signature = createHmac('sha256', SECRET).update(body).digest('base64');
  const started = performance.now();
  const replied = new Promise<void>((r) => waiters.set(replyToken, r));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/webhook',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      },
      (res) => {
        res.resume();
        res.on('end', async () => {
          await replied;
          waiters.delete(replyToken);
          resolve(replyAt.get(replyToken)! - started);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(name: string, port: number) {
  for (let i = 0; i < 200; i++) await post(port, i); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EVENTS) latencies.push(await post(port, next++));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const result = { name, perSecond: EVENTS / seconds, p50: pct(50), p99: pct(99) };
  console.log(
    `${name.padEnd(10)} ${result.perSecond.toFixed(0).padStart(6)} events/s   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms`,
  );
  return result;
}

async function main() {
  const fakePort = await startFake();
  const dbFile = path.join(os.tmpdir(), `bench-${randomBytes(4).toString('hex')}.db`);
  const echo = await startTarget('dist/scripts/echo-bot.js', fakePort, {});
  const bot = await startTarget('dist/src/main.js', fakePort, {
    DATABASE_URL: `sqlite:${dbFile}`,
    BOT_NOW: '2023-04-12T10:00:00+09:00',
  });
  console.log(`${EVENTS} events per target, ${CONCURRENCY} concurrent requests, ${os.cpus().length} cores`);
  try {
    const base = await measure('echo bot', echo.port);
    const ours = await measure('city bot', bot.port);
    const ratio = ours.perSecond / base.perSecond;
    console.log(
      `throughput ratio ${ratio.toFixed(2)} (target ≥ 0.80); p99 ${ours.p99.toFixed(1)} ms (target < 100 ms)`,
    );
  } finally {
    echo.child.kill('SIGTERM');
    bot.child.kill('SIGTERM');
    agent.destroy();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
