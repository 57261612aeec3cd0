import type { RunningBot } from '../../src/bot';
import { LineApiError } from '../../src/line/transport';
import { richMenuApi } from '../../src/richmenu/deploy';
import { replyTexts, startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { newUserId, postbackEvent, postWebhook, textEvent } from '../helpers/webhook';
import { until as waitUntil } from '../helpers/until';

const ADMIN_TOKEN = 'a-long-admin-token-for-tests';

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

const until = (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000) =>
  waitUntil(condition, what, timeoutMs, 20);

describe('a LINE that never answers', () => {
  it('gives up a hung reply within its deadline, and the residents’ next events are answered', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { LINE_REPLY_TIMEOUT_MS: '400' },
    });
    const resident = newUserId();
    line.neverAnswerNext();
    const hung = textEvent(resident, '受付時間を教えてください');
    expect((await postWebhook(bot.port, [hung])).status).toBe(200);
    await until(() => line.calls.length === 1, 'the reply that LINE leaves hanging');

    const next = textEvent(resident, '持ち物は何ですか');
    const other = textEvent(newUserId(), '詐欺に気をつけることは');
    expect((await postWebhook(bot.port, [next, other])).status).toBe(200);
    await line.waitForReplies(2, 5_000);
    const answered = new Map(line.replies().map((r) => [r.replyToken, replyTexts(r)]));
    expect(answered.get(next.replyToken)).toMatch(/お持ちください/);
    expect(answered.has(other.replyToken)).toBe(true);

    expect(await bot.store.eventStatus(hung.webhookEventId)).toEqual({
      status: 'done',
      outcome: 'failed',
      detail: expect.stringMatching(/no answer from LINE within 400 ms/),
    });
    // The hung request was aborted, not left holding a socket for minutes.
    await until(() => line.calls[0]!.abandoned === true, 'the hung reply to be aborted');
  });

  it('gives up a hung profile lookup within the reply deadline, and still answers the opt-in', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { LINE_REPLY_TIMEOUT_MS: '400' },
    });
    // Unknown to the store (a friend from before the bot), so LINE's profile endpoint is asked, and hangs.
    line.neverAnswerNext();
    const optIn = postbackEvent(newUserId(), 'topic=noticeSubscribe');
    expect((await postWebhook(bot.port, [optIn])).status).toBe(200);
    await line.waitForReplies(1, 5_000);
    expect(line.replies()[0]!.replyToken).toBe(optIn.replyToken);
    expect(line.calls[0]!.url).toMatch(/^\/v2\/bot\/profile\//);
    await until(() => line.calls[0]!.abandoned === true, 'the hung profile request to be aborted');
  });

  it('retries a hung notice with the same retry key, so it is delivered once', async () => {
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { ADMIN_TOKEN, LINE_SEND_TIMEOUT_MS: '300' },
      notices: { backoffBaseMs: 5, pollMs: 50 },
    });
    line.neverAnswerNext();
    const created = await fetch(`http://127.0.0.1:${bot.port}/admin/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        sender: '企画室',
        audience: { kind: 'all' },
        messages: [{ type: 'text', text: 'お知らせ' }],
      }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    await until(
      async () => (await bot!.store.listNotices(10)).find((n) => n.id === id)?.status === 'sent',
      'the notice to be sent',
    );
    const broadcasts = line.calls.filter((c) => c.url === '/v2/bot/message/broadcast');
    expect(broadcasts.map((c) => c.status)).toEqual([0, 200]);
    await until(() => broadcasts[0]!.abandoned === true, 'the hung broadcast to be aborted');
    expect(broadcasts[1]!.headers['x-line-retry-key']).toBe(broadcasts[0]!.headers['x-line-retry-key']);
  });

  it('ends a rich menu command that LINE leaves hanging with a message', async () => {
    const api = richMenuApi({
      channelAccessToken: 'test-token',
      apiBaseUrl: line.baseUrl,
      dataApiBaseUrl: line.baseUrl,
      timeoutMs: 300,
    });
    line.neverAnswerNext();
    const started = Date.now();
    const error = await api.remove('anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineApiError);
    expect((error as LineApiError).message).toMatch(/no answer from LINE within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
    await until(() => line.calls[0]!.abandoned === true, 'the hung request to be aborted');
  });
});
