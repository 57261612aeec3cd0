import type { RunningBot } from '../../src/bot';
import { replyTexts, startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import {
  followEvent,
  newUserId,
  postbackEvent,
  postWebhook,
  textEvent,
  unfollowEvent,
} from '../helpers/webhook';

const TOKEN = 'a-long-admin-token-for-tests';
const NOTICE = {
  sender: '企画室 山田',
  audience: { kind: 'all' },
  messages: [{ type: 'text', text: 'マイナポイントの申込みは5月31日までです。' }],
};

let line: FakeLine;
let bot: RunningBot;
let databaseUrl: string;

const start = (env: Record<string, string> = { ADMIN_TOKEN: TOKEN }) =>
  startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl, env, notices: { backoffBaseMs: 5, pollMs: 50 } });

beforeEach(async () => {
  line = await startFakeLine();
  databaseUrl = `sqlite:${tempSqliteFile()}`;
  bot = await start();
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

const admin = (method: string, path: string, body?: object, token: string | null = TOKEN) =>
  fetch(`http://127.0.0.1:${bot.port}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: body ? JSON.stringify(body) : undefined,
  });

type Listed = {
  id: string;
  status: string;
  recipients: number | null;
  detail: string | null;
  requests: { requestId: string | null; status: string; recipients: number | null }[];
};

async function finished(id: string): Promise<Listed> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const { notices } = (await (await admin('GET', '/admin/notices')).json()) as { notices: Listed[] };
    const n = notices.find((x) => x.id === id);
    if (n && (n.status === 'sent' || n.status === 'failed')) return n;
    if (Date.now() > deadline) throw new Error(`notice ${id} still ${n?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const calls = (url: string) => line.calls.filter((c) => c.url === url);

describe('admin API authentication', () => {
  it('refuses a missing or wrong token, and is off without ADMIN_TOKEN', async () => {
    expect((await admin('GET', '/admin/notices', undefined, null)).status).toBe(401);
    expect((await admin('GET', '/admin/notices', undefined, 'wrong-token-of-some-length')).status).toBe(401);
    expect((await admin('POST', '/admin/notices', NOTICE, 'x')).status).toBe(401);
    expect((await admin('GET', '/admin/notices')).status).toBe(200);
    await bot.close();
    bot = await start({});
    expect((await admin('GET', '/admin/notices')).status).toBe(404);
    expect(line.calls).toHaveLength(0);
  });
});

describe('notices', () => {
  it('checks the body against LINE limits and names each problem', async () => {
    const res = await admin('POST', '/admin/notices', {
      audience: { kind: 'everyone' },
      messages: [{ type: 'text', text: 'x'.repeat(5001) }, ...Array(5).fill({ type: 'text', text: 'y' })],
      sendAt: 'tomorrow',
    });
    expect(res.status).toBe(400);
    const { problems } = (await res.json()) as { problems: string[] };
    expect(problems.join('\n')).toMatch(/messages: LINE sends at most 5/);
    expect(problems.join('\n')).toMatch(/sender/);
    expect(problems.join('\n')).toMatch(/audience/);
    expect(problems.join('\n')).toMatch(/sendAt: an ISO 8601 time/);
  });

  it('shows in a dry run exactly what would be sent and to how many, and sends nothing', async () => {
    const res = await admin('POST', '/admin/notices', { ...NOTICE, dryRun: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dryRun: true,
      endpoint: 'broadcast',
      requests: 1,
      messages: NOTICE.messages,
    });
    const { notices } = (await (await admin('GET', '/admin/notices')).json()) as { notices: unknown[] };
    expect(notices).toHaveLength(0);
    expect(line.calls).toHaveLength(0);
  });

  it('broadcasts to all friends with a retry key and records LINE’s request id', async () => {
    const res = await admin('POST', '/admin/notices', NOTICE);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const n = await finished(id);
    expect(n).toMatchObject({ status: 'sent', requests: [{ status: 'sent', requestId: 'req-1' }] });
    const [sent] = calls('/v2/bot/message/broadcast');
    expect(sent!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent!.body).toEqual({ messages: NOTICE.messages });
  });

  it('retries a 429 and a 500 with the same retry key, and sends once', async () => {
    line.failNext(429, { message: 'Too many requests' });
    line.failNext(500, { message: 'Internal error' });
    const { id } = (await (await admin('POST', '/admin/notices', NOTICE)).json()) as { id: string };
    expect((await finished(id)).status).toBe('sent');
    const attempts = calls('/v2/bot/message/broadcast');
    expect(attempts.map((c) => c.status)).toEqual([429, 500, 200]);
    expect(new Set(attempts.map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
  });

  it('treats a 409 for an accepted retry key as sent', async () => {
    line.failNext(
      409,
      { message: 'The retry key is already accepted' },
      { 'x-line-accepted-request-id': 'accepted-1' },
    );
    const { id } = (await (await admin('POST', '/admin/notices', NOTICE)).json()) as { id: string };
    expect(await finished(id)).toMatchObject({ status: 'sent', requests: [{ requestId: 'accepted-1' }] });
  });

  it('does not retry a 4xx and shows LINE’s message', async () => {
    line.failNext(400, { message: 'The request body has 1 error(s)' });
    const { id } = (await (await admin('POST', '/admin/notices', NOTICE)).json()) as { id: string };
    const n = await finished(id);
    expect(n.status).toBe('failed');
    expect(n.detail).toMatch(/400.*req-1.*The request body has 1 error/);
    expect(calls('/v2/bot/message/broadcast')).toHaveLength(1);
  });

  it('multicasts a topic notice in batches of 500 to followers who opted in, skipping those who left', async () => {
    const users = Array.from({ length: 1003 }, (_, i) => `U${String(i).padStart(32, '0')}`);
    for (const u of users) {
      await bot.store.setFollowing(u, true, 1);
      await bot.store.setTopicOptIn(u, 'mynapoint', true, 1);
    }
    await bot.store.setFollowing(users[0]!, false, 2);
    await bot.store.setTopicOptIn(users[1]!, 'mynapoint', false, 2);
    const dry = await (
      await admin('POST', '/admin/notices', {
        ...NOTICE,
        audience: { kind: 'topic', topic: 'mynapoint' },
        dryRun: true,
      })
    ).json();
    expect(dry).toMatchObject({ endpoint: 'multicast', recipients: 1001, requests: 3 });
    const { id } = (await (
      await admin('POST', '/admin/notices', { ...NOTICE, audience: { kind: 'topic', topic: 'mynapoint' } })
    ).json()) as { id: string };
    expect(await finished(id)).toMatchObject({ status: 'sent', recipients: 1001 });
    const batches = calls('/v2/bot/message/multicast').map((c) => (c.body as { to: string[] }).to);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 1]);
    const everyone = batches.flat();
    expect(new Set(everyone).size).toBe(1001);
    expect(everyone).not.toContain(users[0]);
    expect(everyone).not.toContain(users[1]);
    expect(new Set(calls('/v2/bot/message/multicast').map((c) => c.headers['x-line-retry-key'])).size).toBe(
      3,
    );
  });

  it('sends a scheduled notice after a restart, once', async () => {
    const sendAt = new Date(Date.now() + 1_200).toISOString();
    const res = await admin('POST', '/admin/notices', { ...NOTICE, sendAt });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await bot.close();
    expect(calls('/v2/bot/message/broadcast')).toHaveLength(0);
    bot = await start();
    expect((await finished(id)).status).toBe('sent');
    expect(calls('/v2/bot/message/broadcast')).toHaveLength(1);
  });
});

describe('opting in from the chat', () => {
  it('adds a resident to the topic audience with a quick reply, and removes them when they leave', async () => {
    const user = newUserId();
    await postWebhook(bot.port, [followEvent(user)]);
    await postWebhook(bot.port, [postbackEvent(user, 'topic=noticeSubscribe')]);
    await line.waitForReplies(2);
    expect(await bot.store.topicAudience('mynapoint')).toEqual([user]);
    await postWebhook(bot.port, [unfollowEvent(user)]);
    await bot.conversations.idle();
    expect(await bot.store.topicAudience('mynapoint')).toEqual([]);
  });

  it('subscribes a resident who answers はい or 登録したい to the question of the notice settings, not one who says いいえ', async () => {
    const [yes, inWords, no] = [newUserId(), newUserId(), newUserId()];
    for (const [user, answer] of [
      [yes, 'はい'],
      [inWords, '登録したい'],
      [no, 'いいえ'],
    ]) {
      const send = async (event: object) => {
        const before = line.replies().length;
        await postWebhook(bot.port, [event]);
        await line.waitForReplies(before + 1);
        return replyTexts(line.replies().at(-1)!);
      };
      await send(followEvent(user!));
      expect(await send(textEvent(user!, 'お知らせについて教えて'))).toMatch(/お知らせを受け取りますか/);
      await send(textEvent(user!, answer!));
    }
    await bot.conversations.idle();
    expect((await bot.store.topicAudience('mynapoint')).sort()).toEqual([yes, inWords].sort());
    expect(replyTexts(line.replies().at(-1)!)).toMatch(/お知らせはお送りしません/);
  });

  it('records a question it could not answer, redacted, for the staff report', async () => {
    const user = newUserId();
    await postWebhook(bot.port, [
      {
        ...postbackEvent(user, 'x'),
        type: 'message',
        message: {
          type: 'text',
          id: '1',
          quoteToken: 'q',
          text: '山田と申します。090-1234-5678 ふるさと納税したい',
        },
      },
    ]);
    await line.waitForReplies(1);
    const [q] = await bot.store.listUnanswered(0);
    expect(q!.text).toMatch(/ふるさと納税/);
    expect(q!.text).not.toMatch(/山田|5678/);
  });

  it('forgets unanswered questions after 90 days', async () => {
    const day = 24 * 60 * 60 * 1000;
    const kept = { scores: [], route: 'hotline' as const };
    await bot.store.recordUnanswered({ at: Date.now() - 91 * day, text: '古い質問', ...kept });
    await bot.store.recordUnanswered({ at: Date.now() - 89 * day, text: '新しい質問', ...kept });
    await bot.close();
    bot = await start();
    expect((await bot.store.listUnanswered(0)).map((q) => q.text)).toEqual(['新しい質問']);
  });
});

describe('inbox retention', () => {
  it('forgets handled events after 30 days, and keeps an open one', async () => {
    const day = 24 * 60 * 60 * 1000;
    const inbox = (id: string) => ({
      id,
      conversationKey: 'U-old',
      timestamp: 1,
      receivedAt: 1,
      payload: null,
    });
    await bot.store.acceptEvents([inbox('old'), inbox('recent'), inbox('open')]);
    const handle = async (id: string, finishedAt: number) => {
      const claim = await bot.store.claimNextEvent('U-old', 60_000, Date.now());
      expect(claim?.id).toBe(id);
      expect(await bot.store.finishEvent(claim!, 'answered', null, finishedAt)).toBe(true);
    };
    await handle('old', Date.now() - 31 * day);
    await handle('recent', Date.now() - 29 * day);
    // The purge runs when the bot starts, before it takes up events left open (by a crash, say).
    await bot.close();
    bot = await start();
    await bot.conversations.idle();
    expect(await bot.store.eventStatus('old')).toBeNull();
    expect(await bot.store.eventStatus('recent')).toMatchObject({ status: 'done' });
    expect(await bot.store.eventStatus('open')).not.toBeNull();
  });
});
