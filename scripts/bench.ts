/**
 * `npm run bench`: events answered per second and p50/p99 from webhook request to reply, for the bot (SQLite)
 * and for a minimal echo bot on the same stack, measured in the same run against one fake Messaging API.
 * Each target first runs an unmeasured warm-up round; then both are measured, in turns, BENCH_ROUNDS (3) times
 * with BENCH_CONCURRENCY (32) webhook requests in flight, as LINE sends them, and as many times with each client
 * also waiting for its reply; rates are the rounds' medians, percentiles are over all the rounds' events.
 * Only loopback traffic; bounded by BENCH_EVENTS (default 3000) per round. Both run compiled, as in production
 * (`npm run bench` builds first); BENCH_NODE_ARGS passes node flags to both, e.g. --cpu-prof.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './lib/ports';
import { readCommandLine } from './lib/cli';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = randomBytes(16).toString('hex');
const TOKEN = randomBytes(16).toString('hex');
const QUESTIONS = [
  '受付時間を教えてください',
  '持ち物は何ですか',
  '詐欺に気をつけることは',
  'マイナポイントはいくら',
  'フリーダイヤルの番号は',
  // Long everyday messages cost the understanding more: they are part of the load too.
  '母がスマホを持っていないので代わりに聞きたいのですが、支援窓口には何を持っていけばいいですか',
  '来週の月曜日の午後に南熱海支所へ行こうと思っています。その日は開いていますか',
];

/** The resident set size of a process, from /proc (Linux), in MiB; null where /proc is not there. */
function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const replyAt = new Map<string, number>();
const waiters = new Map<string, () => void>();
// A target's server closes a connection idle for 5 s (Node's keepAliveTimeout) while the other target is measured;
// reused after that, it fails with ECONNRESET. Idle sockets are dropped a little before.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, timeout: 4_000 });

function startFake(): Promise<number> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': 'bench' });
      res.end('{"sentMessages":[]}');
      if (req.url === '/v2/bot/message/reply') {
        // Cheaper than parsing the whole reply: the load generator shares the machine with what it measures.
        const token = /"replyToken":"([^"]+)"/.exec(body)?.[1] ?? '';
        replyAt.set(token, performance.now());
        waiters.get(token)?.();
      }
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)),
  );
}

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

interface Sent {
  /** Resolves when the webhook request has been answered (LINE's side of the exchange is over). */
  accepted: Promise<void>;
  /** Resolves with the milliseconds from sending the webhook to the reply reaching the fake Messaging API. */
  replied: Promise<number>;
}

interface Prepared {
  body: string;
  signature: string;
  replyToken: string;
}

/** Built and signed before the clock starts, so that the load generator spends its time sending. */
function prepare(i: number): Prepared {
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
  return { body, signature: createHmac('sha256', SECRET).update(body).digest('base64'), replyToken };
}

function post(port: number, { body, signature, replyToken }: Prepared): Sent {
  const started = performance.now();
  const replied = new Promise<number>((resolve) => {
    waiters.set(replyToken, () => {
      waiters.delete(replyToken);
      resolve(replyAt.get(replyToken)! - started);
      replyAt.delete(replyToken);
    });
  });
  const accepted = new Promise<void>((resolve, reject) => {
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
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`webhook answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return { accepted, replied };
}

/** CPU milliseconds a process has used so far, all its threads, user + system (Linux counts in 1/100 s). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Mode = 'webhook' | 'reply';

/**
 * `webhook`: CONCURRENCY webhook requests in flight at any time, as LINE sends them (it does not wait for our
 * reply call); the clock stops at the last reply. `reply`: each of CONCURRENCY clients also waits for its reply
 * before sending again, which adds the bot's ordering wait to every round trip.
 */
async function measure(name: string, port: number, pid: number, mode: Mode) {
  const requests = Array.from({ length: EVENTS }, (_, i) => prepare(i));
  const cpuBefore = cpuMs(pid);
  const replies: Promise<number>[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < EVENTS) {
        const sent = post(port, requests[next++]!);
        replies.push(sent.replied);
        await (mode === 'webhook' ? sent.accepted : Promise.all([sent.accepted, sent.replied]));
      }
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const latencies = await Promise.race([
    Promise.all(replies),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name}: ${waiters.size} events unanswered after 30 s`)),
        30_000,
      );
    }),
  ]);
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: EVENTS / seconds, latencies, cpuPerEvent: (cpuMs(pid) - cpuBefore) / EVENTS };
}

type Round = Awaited<ReturnType<typeof measure>>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Medians of the rounds' rates and CPU; percentiles over every event of every round. */
function summary(rounds: Round[]) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return {
    perSecond: median(rounds.map((r) => r.perSecond)),
    p50: pct(50),
    p99: pct(99),
    cpuPerEvent: median(rounds.map((r) => r.cpuPerEvent)),
  };
}

function report(name: string, rounds: Round[]) {
  const r = summary(rounds);
  console.log(
    `${name.padEnd(10)} ${r.perSecond.toFixed(0).padStart(6)} events/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   CPU ${r.cpuPerEvent.toFixed(2)} ms/event   (rounds: ${rounds.map((x) => x.perSecond.toFixed(0)).join(', ')})`,
  );
  return r;
}

/**
 * V8 needs thousands of calls before a path runs optimised: until then both bots measure their JIT, not their
 * design (the first round once came out at half the speed of the fourth). So each target first runs a whole
 * unmeasured round of each mode.
 */
async function warmUp(port: number, pid: number) {
  for (const mode of ['webhook', 'reply'] as const) await measure('warm-up', port, pid, mode);
}

async function main() {
  // It takes no arguments: what it measures is set by the BENCH_* variables.
  readCommandLine({
    usage: [
      'usage: npm run bench   (builds first; the bot and an echo bot, measured in turns on loopback)',
      '  BENCH_EVENTS (3000 a round), BENCH_ROUNDS (3), BENCH_CONCURRENCY (32), BENCH_NODE_ARGS (node flags for',
      '  both, e.g. --cpu-prof), BENCH_LOG (a file prefix for both logs)',
    ].join('\n'),
    language: 'en',
    options: {},
  });
  const fakePort = await startFake();
  const dbFile = path.join(os.tmpdir(), `bench-${randomBytes(4).toString('hex')}.db`);
  const echo = await startTarget('dist/scripts/echo-bot.js', fakePort, {});
  const bot = await startTarget('dist/src/main.js', fakePort, {
    DATABASE_URL: `sqlite:${dbFile}`,
    BOT_NOW: '2023-04-12T10:00:00+09:00',
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(bot.child.pid!) ?? 0)), 100);
  try {
    await warmUp(echo.port, echo.child.pid!);
    await warmUp(bot.port, bot.child.pid!);
    for (const mode of ['webhook', 'reply'] as const) {
      console.log(
        mode === 'webhook'
          ? `\n${ROUNDS} rounds of ${EVENTS} events per target, taken in turns, ${CONCURRENCY} concurrent webhook requests, ${os.cpus().length} cores`
          : `\nStricter: each of ${CONCURRENCY} clients also waits for its reply before sending again`,
      );
      // In turns, so that a machine that speeds up or slows down during the run weighs on both alike.
      const echoRounds: Round[] = [];
      const botRounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        echoRounds.push(await measure('echo bot', echo.port, echo.child.pid!, mode));
        botRounds.push(await measure('city bot', bot.port, bot.child.pid!, mode));
      }
      const base = report('echo bot', echoRounds);
      const ours = report('city bot', botRounds);
      const ratio = ours.perSecond / base.perSecond;
      console.log(
        `throughput ratio ${ratio.toFixed(2)}${mode === 'webhook' ? ' (target ≥ 0.80)' : ''}; p99 ${ours.p99.toFixed(1)} ms${mode === 'webhook' ? ' (target < 100 ms)' : ''}`,
      );
    }
    console.log(`\ncity bot peak RSS under load: ${peakRss.toFixed(0)} MiB (guard: < 400 MiB)`);
  } finally {
    clearInterval(sampler);
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
