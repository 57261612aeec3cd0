import { Client } from 'pg';
import { freshPostgresUrl, postgresUnavailable } from '../helpers/database';
import { describeUnless } from '../helpers/skips';
import { until as waitUntil } from '../helpers/until';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { startBotProcess, stopBotProcess, type BotProcess } from '../helpers/processes';
import { newUserId, postWebhook, textEvent } from '../helpers/webhook';

/**
 * Two bot processes on one PostgreSQL database; one is paused (SIGSTOP) past its lease while it handles an
 * event, the other takes the event over, and the first is resumed (SIGCONT). To pause it at the very moment
 * that matters, the test holds a lock on the conversations table (or one resident's row) that the replica has to
 * wait for, and pauses it once PostgreSQL shows it waiting.
 *
 * One answer and one decision either way. The reply is sent only after a fenced commit and only while the claim
 * is still held (checked again after a pause), so the paused replica sends nothing; and should a pause fall in
 * the instant between that check and the request, LINE's single-use reply token (the fake imitates it) still lets
 * one answer through: at most once per token, never twice.
 */
const LEASE_MS = 1_500;

let line: FakeLine;
let a: BotProcess | null = null;
let b: BotProcess | null = null;
let db: Client | null = null;
let dbPid = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const until = (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) =>
  waitUntil(check, what, timeoutMs);

/** How many backends wait for a lock the test's own connection holds. */
async function waitingOnTest(): Promise<number> {
  const { rows } = await db!.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
    [dbPid],
  );
  return Number(rows[0]!.n);
}

const replyCalls = (replyToken: string) =>
  line.calls.filter(
    (c) => c.url === '/v2/bot/message/reply' && (c.body as { replyToken?: string }).replyToken === replyToken,
  );

async function revisionOf(user: string): Promise<number | null> {
  const { rows } = await db!.query<{ revision: number }>(
    'SELECT revision FROM conversations WHERE conversation_key = $1',
    [user],
  );
  return rows[0]?.revision ?? null;
}

async function inboxRow(id: string) {
  const { rows } = await db!.query<{ status: string; outcome: string | null }>(
    'SELECT status, outcome FROM inbox_events WHERE id = $1',
    [id],
  );
  return rows[0];
}

beforeAll(async () => {
  line = await startFakeLine();
  if (postgresUnavailable()) return; // the tests below are registered as skipped
  const databaseUrl = await freshPostgresUrl();
  // At info level, so that a replica's log tells how it ended each turn (answered, or dropped).
  const env = { EVENT_LEASE_MS: String(LEASE_MS), LOG_LEVEL: 'info' };
  [a, b] = await Promise.all([
    startBotProcess(databaseUrl, line.baseUrl, env),
    startBotProcess(databaseUrl, line.baseUrl, env),
  ]);
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
  dbPid = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}, 60_000);

afterAll(async () => {
  for (const p of [a, b]) {
    if (!p) continue;
    p.child.kill('SIGCONT');
    expect(await stopBotProcess(p.child)).toBe(0);
  }
  await db?.end();
  await line.close();
});

describeUnless(postgresUnavailable())(
  'a replica paused past its lease (SIGSTOP), then resumed (SIGCONT)',
  () => {
    it('between its claim and its commit: its decision is refused, the other replica answers once', async () => {
      const user = newUserId();
      const event = textEvent(user, '対象か調べたい');
      // A claims the event, then waits to read the conversation: that is where it is paused.
      await db!.query('BEGIN');
      await db!.query('LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE');
      expect((await postWebhook(a!.port, [event])).status).toBe(200);
      await until(async () => (await waitingOnTest()) > 0, 'replica A to wait for the conversation');
      a!.child.kill('SIGSTOP');
      try {
        await db!.query('ROLLBACK');
        // B picks the event up once A's lease has run out, decides it and answers.
        await until(() => replyCalls(event.replyToken).length > 0, 'replica B to answer');
      } finally {
        a!.child.kill('SIGCONT');
      }
      await until(
        () => /"dropped":"decided turn"/.test(a!.output()) || replyCalls(event.replyToken).length > 1,
        'replica A to drop its turn (or answer again)',
      );
      await sleep(500); // room for a second answer, were one to be sent
      expect(a!.output()).toMatch(/"dropped":"decided turn"/);
      expect(replyCalls(event.replyToken).map((c) => c.status)).toEqual([200]);
      expect(await revisionOf(user)).toBe(1);
      expect(await inboxRow(event.webhookEventId)).toEqual({ status: 'done', outcome: 'answered' });
    }, 60_000);

    it('between its commit and its reply: the resident reads one answer, the stored one', async () => {
      const user = newUserId();
      const opening = textEvent(user, '対象か調べたい');
      await postWebhook(b!.port, [opening]);
      await until(() => replyCalls(opening.replyToken).length === 1, 'the first answer');
      expect(await revisionOf(user)).toBe(1);

      const answer = textEvent(user, 'はい');
      // A claims, decides and is inside its commit, waiting for the resident's row: paused there.
      await db!.query('BEGIN');
      await db!.query('SELECT 1 FROM conversations WHERE conversation_key = $1 FOR UPDATE', [user]);
      expect((await postWebhook(a!.port, [answer])).status).toBe(200);
      await until(async () => (await waitingOnTest()) > 0, 'replica A to wait inside its commit');
      a!.child.kill('SIGSTOP');
      try {
        // A's commit can go on in PostgreSQL but A cannot finish it: B, after the lease, waits for A's row.
        await db!.query('COMMIT');
        await sleep(LEASE_MS * 2);
      } finally {
        a!.child.kill('SIGCONT');
      }
      await until(() => replyCalls(answer.replyToken).length > 0, 'the answer');
      // A ends its turn one of three ways, all with one answer read. Usually B has taken the event over while A
      // was paused, and A finds its claim gone and sends nothing. A resumed before B's takeover is written
      // renews its lease first and answers itself; B's claim then finds the lease live and leaves the event.
      // And A may check its claim just before B's takeover is written: then both send the same stored reply
      // and LINE takes the token once (at least once, by design: see TurnHandler.send).
      const endedByA = new RegExp(`"eventId":"${answer.webhookEventId}"[^\n]*("dropped"|"outcome")`);
      await until(() => endedByA.test(a!.output()), 'replica A to end its turn');
      await until(
        async () => (await inboxRow(answer.webhookEventId))?.status === 'done',
        'the event to be finished',
      );
      await sleep(500); // room for a second answer, were one to be sent
      const statuses = replyCalls(answer.replyToken).map((c) => c.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 400)).toBe(true);
      expect(await revisionOf(user)).toBe(2);
      expect(await inboxRow(answer.webhookEventId)).toEqual({ status: 'done', outcome: 'answered' });
    }, 60_000);
  },
);
