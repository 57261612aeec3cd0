import type { RunningBot } from '../../src/bot';
import { startTestBot, replyTexts } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import {
  followEvent,
  newUserId,
  postWebhook,
  sign,
  stickerEvent,
  textEvent,
  unfollowEvent,
} from '../helpers/webhook';

let line: FakeLine;
let bot: RunningBot;

beforeEach(async () => {
  line = await startFakeLine();
  bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

describe('POST /webhook', () => {
  it('answers a signed text message through the reply endpoint with the event reply token', async () => {
    const event = textEvent(newUserId(), '受付時間を教えてください');
    expect((await postWebhook(bot.port, [event])).status).toBe(200);
    await line.waitForReplies(1);
    const [reply] = line.replies();
    expect(reply!.replyToken).toBe(event.replyToken);
    expect(replyTexts(reply!)).toMatch(/8時30分/);
    expect(line.calls[0]!.headers.authorization).toBe('Bearer test-token');
  });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const event = textEvent(newUserId(), 'こんにちは');
    const res = await postWebhook(bot.port, [event], { signature: sign('something else') });
    expect(res.status).toBe(401);
    expect(await bot.store.eventStatus(event.webhookEventId)).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(line.replies()).toHaveLength(0);
  });

  it('refuses a missing signature with 401', async () => {
    const event = textEvent(newUserId(), 'こんにちは');
    expect((await postWebhook(bot.port, [event], { signature: null })).status).toBe(401);
    expect(await bot.store.eventStatus(event.webhookEventId)).toBeNull();
  });

  it('checks the signature on the raw bytes, escapes and all', async () => {
    const event = textEvent(newUserId(), 'x');
    const raw = JSON.stringify({ destination: 'U', events: [event] }).replace(
      '"x"',
      '"\\uD83E\\uDD28 持ち物"',
    );
    expect((await postWebhook(bot.port, [], { rawBody: raw })).status).toBe(200);
    await line.waitForReplies(1);
  });

  it('answers malformed JSON with 400', async () => {
    expect((await postWebhook(bot.port, [], { rawBody: '{"events": [' })).status).toBe(400);
    expect((await postWebhook(bot.port, [], { rawBody: '{"no":"events"}' })).status).toBe(400);
  });

  it('answers a body over 1 MB with 413', async () => {
    const raw = JSON.stringify({ events: [], padding: 'x'.repeat(1024 * 1024 + 10) });
    expect((await postWebhook(bot.port, [], { rawBody: raw })).status).toBe(413);
  });

  it("answers LINE's verification request (no events) with 200", async () => {
    expect((await postWebhook(bot.port, [])).status).toBe(200);
  });

  it('answers a redelivered event only once', async () => {
    const event = textEvent(newUserId(), '持ち物は何ですか');
    await postWebhook(bot.port, [event]);
    await line.waitForReplies(1);
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
    expect((await postWebhook(bot.port, [redelivered])).status).toBe(200);
    expect((await postWebhook(bot.port, [event])).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(line.replies()).toHaveLength(1);
  });

  it('answers ten messages from one resident posted at once, in timestamp order, with no lost state', async () => {
    // The ten posts and the server share this process's event loop: on a loaded 2-core machine a pause between two
    // of them can outlast the default quiet moment (15 ms), and the order is then not the bot's to keep.
    await bot.close();
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      settleMs: 100,
    });
    const user = newUserId();
    const base = Date.now();
    const events = Array.from({ length: 10 }, (_, i) =>
      textEvent(user, i % 2 === 0 ? '持ち物は何ですか' : '受付時間を教えて', base + i),
    );
    const statuses = await Promise.all([...events].reverse().map((e) => postWebhook(bot.port, [e])));
    expect(statuses.every((s) => s.status === 200)).toBe(true);
    await line.waitForReplies(10);
    expect(line.replies().map((r) => r.replyToken)).toEqual(events.map((e) => e.replyToken));
  });

  it('gives a sticker a short pointer to the menu and survives event types it does not handle', async () => {
    const user = newUserId();
    const odd = {
      ...textEvent(user, 'x'),
      type: 'videoPlayComplete',
      videoPlayComplete: { trackingId: 't' },
    };
    expect((await postWebhook(bot.port, [odd, stickerEvent(user)])).status).toBe(200);
    await line.waitForReplies(1);
    const reply = line.replies()[0]!;
    expect(replyTexts(reply)).toMatch(/文章/);
    expect(reply.messages.at(-1)).toHaveProperty('quickReply');
  });

  it('welcomes a follower and marks an unfollower unreachable', async () => {
    const user = newUserId();
    await postWebhook(bot.port, [followEvent(user)]);
    await line.waitForReplies(1);
    expect(replyTexts(line.replies()[0]!)).toMatch(/マイナポイント/);
    expect(await bot.store.isFollowing(user)).toBe(true);
    await postWebhook(bot.port, [unfollowEvent(user)]);
    await bot.conversations.idle();
    expect(await bot.store.isFollowing(user)).toBe(false);
  });

  it('records a failed reply with LINE status and request id and never reuses the token', async () => {
    line.failNext(400, { message: 'Invalid reply token' });
    const event = textEvent(newUserId(), '持ち物');
    await postWebhook(bot.port, [event]);
    const deadline = Date.now() + 5000;
    let status = await bot.store.eventStatus(event.webhookEventId);
    while (status?.status !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      status = await bot.store.eventStatus(event.webhookEventId);
    }
    expect(status).toMatchObject({ status: 'done', outcome: 'failed' });
    expect(status!.detail).toMatch(/400.*x-line-request-id req-1.*Invalid reply token/);
    expect(line.replies()).toHaveLength(0);
  });

  it('keeps a My Number out of the inbox and never repeats it', async () => {
    const event = textEvent(newUserId(), '私のマイナンバーは1234 5678 9018です');
    await postWebhook(bot.port, [event]);
    await line.waitForReplies(1);
    expect(JSON.stringify(line.replies())).not.toMatch(/1234\s?5678\s?9018/);
    expect(replyTexts(line.replies()[0]!)).toMatch(/送らないで/);
  });
});

describe('health', () => {
  it('GET /healthz and /readyz answer 200 when ready', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'sqlite' });
  });
});
