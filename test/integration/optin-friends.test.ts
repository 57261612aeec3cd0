import type { RunningBot } from '../../src/bot';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { followEvent, newUserId, postWebhook, textEvent, unfollowEvent } from '../helpers/webhook';

const TOKEN = 'a-long-admin-token-for-tests';

let line: FakeLine;
let bot: RunningBot;
beforeEach(async () => {
  line = await startFakeLine();
  bot = await startTestBot({
    lineBaseUrl: line.baseUrl,
    databaseUrl: `sqlite:${tempSqliteFile()}`,
    env: { ADMIN_TOKEN: TOKEN },
    notices: { backoffBaseMs: 5, pollMs: 50 },
  });
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

async function send(event: object) {
  expect((await postWebhook(bot.port, [event])).status).toBe(200);
  await bot.conversations.idle();
}

/** Sends a topic notice through the admin API and returns who LINE was asked to deliver it to. */
async function topicNoticeRecipients(): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${bot.port}/admin/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      sender: '企画室',
      audience: { kind: 'topic', topic: 'mynapoint' },
      messages: [{ type: 'text', text: '申込みは5月31日までです。' }],
    }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const deadline = Date.now() + 8_000;
  while ((await bot.store.getNotice(id))?.status !== 'sent') {
    if (Date.now() > deadline) throw new Error(`notice ${id} was not sent`);
    await new Promise((r) => setTimeout(r, 30));
  }
  return line.calls
    .filter((c) => c.url === '/v2/bot/message/multicast')
    .flatMap((c) => (c.body as { to: string[] }).to);
}

const profileRequests = () => line.calls.filter((c) => c.url.startsWith('/v2/bot/profile/'));

describe('opting in to notices, for residents who were friends before the bot went live', () => {
  it('asks LINE whether the resident is a friend, and sends them topic notices', async () => {
    const early = newUserId(); // added the account long ago: no follow event ever reached the bot
    await send(textEvent(early, 'お知らせを受け取る'));
    expect(JSON.stringify(line.replies().at(-1))).toMatch(/受け取る設定にしました/);
    expect(profileRequests().map((c) => c.url)).toEqual([`/v2/bot/profile/${early}`]);
    expect(await topicNoticeRecipients()).toEqual([early]);
  });

  it('stops their notices when they unfollow later', async () => {
    const early = newUserId();
    await send(textEvent(early, 'お知らせを受け取る'));
    expect(await bot.store.topicAudience('mynapoint')).toEqual([early]);
    await send(unfollowEvent(early));
    expect(await bot.store.topicAudience('mynapoint')).toEqual([]);
  });

  it('leaves out someone LINE says is not a friend, until they follow', async () => {
    const stranger = newUserId();
    line.notFriends.add(stranger);
    await send(textEvent(stranger, 'お知らせを受け取る'));
    expect(profileRequests()).toHaveLength(1);
    expect(await bot.store.topicAudience('mynapoint')).toEqual([]);
    await send(followEvent(stranger));
    expect(await bot.store.topicAudience('mynapoint')).toEqual([stranger]);
  });

  it('does not ask LINE about residents it already knows', async () => {
    const known = newUserId();
    await send(followEvent(known));
    await send(textEvent(known, 'お知らせを受け取る'));
    expect(profileRequests()).toHaveLength(0);
    expect(await bot.store.topicAudience('mynapoint')).toEqual([known]);
  });

  it('still answers and keeps the choice when LINE cannot be asked, and asks again at the next opt-in', async () => {
    const early = newUserId();
    line.failNext(500);
    await send(textEvent(early, 'お知らせを受け取る'));
    expect(JSON.stringify(line.replies().at(-1))).toMatch(/受け取る設定にしました/);
    expect(await bot.store.isFollowing(early)).toBeNull();
    await send(textEvent(early, 'お知らせを受け取る'));
    expect(profileRequests()).toHaveLength(2);
    expect(await bot.store.topicAudience('mynapoint')).toEqual([early]);
  });
});
