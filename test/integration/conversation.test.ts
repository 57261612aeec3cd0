import type { RunningBot } from '../../src/bot';
import { startTestBot, replyTexts } from '../helpers/bot';
import { freshPostgresUrl, postgresUnavailable, tempSqliteFile } from '../helpers/database';
import { describeUnless } from '../helpers/skips';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { startBotProcess, stopBotProcess } from '../helpers/processes';
import { newUserId, postWebhook, textEvent } from '../helpers/webhook';

let line: FakeLine;
beforeEach(async () => {
  line = await startFakeLine();
});
afterEach(async () => line.close());

const lastText = () => replyTexts(line.replies().at(-1)!);

async function say(bot: RunningBot | { port: number }, user: string, text: string) {
  const before = line.replies().length;
  expect((await postWebhook(bot.port, [textEvent(user, text)])).status).toBe(200);
  await line.waitForReplies(before + 1);
  return lastText();
}

/** Each store, a fresh database URL for it, and why it cannot be tested here (null: it can). */
const stores: [string, () => Promise<string>, string | null][] = [
  ['SQLite', async () => `sqlite:${tempSqliteFile()}`, null],
  ['PostgreSQL', freshPostgresUrl, postgresUnavailable()],
];

for (const [name, databaseFor, skipReason] of stores)
  describeUnless(skipReason)(`conversation state on ${name}`, () => conversationState(databaseFor));

function conversationState(databaseFor: () => Promise<string>): void {
  it('continues a conversation after a restart in the middle of it', async () => {
    const databaseUrl = await databaseFor();
    const user = newUserId();
    let bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl });
    expect(await say(bot, user, 'ポイントの対象になるか知りたい')).toMatch(/申請しましたか/);
    expect(await say(bot, user, 'はい')).toMatch(/第1弾/);
    await bot.close();
    bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl });
    expect(await say(bot, user, 'いいえ')).toMatch(/健康保険証/);
    expect(await say(bot, user, 'はい')).toMatch(/公金受取口座/);
    const result = await say(bot, user, 'まだ');
    expect(result).toMatch(/5,000円相当/);
    expect(result).toMatch(/7,500円相当/);
    await bot.close();
  });

  it('processes on start an event that was accepted but not processed before a crash', async () => {
    const databaseUrl = await databaseFor();
    const crashed = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl, processEvents: false });
    const event = textEvent(newUserId(), '持ち物は何ですか');
    expect((await postWebhook(crashed.port, [event])).status).toBe(200);
    await crashed.close();
    expect(line.replies()).toHaveLength(0);
    const restarted = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl });
    await line.waitForReplies(1);
    expect(line.replies()[0]!.replyToken).toBe(event.replyToken);
    expect(lastText()).toMatch(/お持ちください/);
    await restarted.close();
  });
}

/**
 * Replaces a resident's stored eligibility conversation the way the engine writes one (claim an event,
 * compare-and-swap, finish), standing for what an older release or a damaged row leaves behind.
 */
async function overwriteConversation(
  bot: RunningBot,
  user: string,
  envelope: { flowVersion: number; snapshot: unknown },
) {
  // The bot finishes its last event just after the reply, then looks for the next: let it be done first.
  await bot.conversations.idle();
  const stored = await bot.store.loadConversation(user);
  const id = `overwrite-${Date.now()}`;
  await bot.store.acceptEvents([
    { id, conversationKey: user, timestamp: Date.now(), receivedAt: Date.now(), payload: {} },
  ]);
  const claim = (await bot.store.claimNextEvent(user, 60_000, Date.now()))!;
  const change = {
    kind: 'save' as const,
    flowId: 'eligibility',
    ...envelope,
    expectedRevision: stored!.revision,
  };
  expect(claim.id).toBe(id);
  expect(await bot.store.commitTurn(claim, user, change, [], Date.now())).toBe('committed');
  expect(await bot.store.finishEvent(claim, 'ignored', null, Date.now())).toBe(true);
}

describe('conversation resets', () => {
  it('drops a snapshot from another flow version and tells the resident the conversation starts over', async () => {
    const databaseUrl = `sqlite:${tempSqliteFile()}`;
    const bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl });
    const user = newUserId();
    await say(bot, user, '対象か調べたい');
    const stored = await bot.store.loadConversation(user);
    await overwriteConversation(bot, user, { flowVersion: 999, snapshot: stored!.snapshot });
    const reply = await say(bot, user, 'はい');
    expect(reply).toMatch(/最初からやり直します/);
    expect(await bot.store.loadConversation(user)).toBeNull();
    await bot.close();
  });

  it('drops a snapshot that cannot be restored, never crashing or sticking', async () => {
    const bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
    const user = newUserId();
    await say(bot, user, '対象か調べたい');
    const stored = await bot.store.loadConversation(user);
    const broken = { ...(stored!.snapshot as object), value: 'noSuchState' };
    await overwriteConversation(bot, user, { flowVersion: 1, snapshot: broken });
    expect(await say(bot, user, '持ち物は？')).toMatch(/最初からやり直します[\s\S]*お持ちください/);
    await bot.close();
  });

  it('resets an idle conversation on the next message', async () => {
    const bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { IDLE_TIMEOUT_MINUTES: '0.002' },
    });
    const user = newUserId();
    expect(await say(bot, user, '対象か調べたい')).toMatch(/申請しましたか/);
    await new Promise((r) => setTimeout(r, 250));
    const reply = await say(bot, user, 'はい');
    expect(reply).not.toMatch(/第1弾/);
    expect(reply).toMatch(/下のボタン/);
    await bot.close();
  });
});

describeUnless(postgresUnavailable())('two server processes on one PostgreSQL database', () => {
  it('answers concurrent messages from one resident in order, with no lost state', async () => {
    const databaseUrl = await freshPostgresUrl();
    const [a, b] = await Promise.all([
      startBotProcess(databaseUrl, line.baseUrl),
      startBotProcess(databaseUrl, line.baseUrl),
    ]);
    try {
      const user = newUserId();
      const base = Date.now();
      // An interview needs every answer applied to the state the previous one left: lost state shows.
      const texts = ['対象か調べたい', 'はい', 'いいえ', 'はい', 'はい'];
      const events = texts.map((t, i) => textEvent(user, t, base + i));
      for (let i = 0; i < events.length; i++) {
        await postWebhook(i % 2 === 0 ? a.port : b.port, [events[i]!]);
      }
      await line.waitForReplies(5, 15_000);
      expect(line.replies().map((r) => r.replyToken)).toEqual(events.map((e) => e.replyToken));
      expect(lastText()).toMatch(/合計[\s\S]*20,000円相当/);

      // Two at the very same moment, one to each process.
      const user2 = newUserId();
      const t = Date.now();
      const pair = [textEvent(user2, '対象か調べたい', t), textEvent(user2, 'はい', t + 1)];
      await Promise.all([postWebhook(b.port, [pair[1]!]), postWebhook(a.port, [pair[0]!])]);
      await line.waitForReplies(7, 15_000);
      const last2 = line.replies().slice(5);
      expect(new Set(last2.map((r) => r.replyToken))).toEqual(new Set(pair.map((e) => e.replyToken)));
    } finally {
      expect(await stopBotProcess(a.child)).toBe(0);
      expect(await stopBotProcess(b.child)).toBe(0);
    }
  });
});
