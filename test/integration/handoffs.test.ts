import type { RunningBot } from '../../src/bot';
import { replyTexts, startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { newUserId, postbackEvent, postWebhook, textEvent } from '../helpers/webhook';

let line: FakeLine;
let bot: RunningBot;
beforeAll(async () => {
  line = await startFakeLine();
  bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
});
afterAll(async () => {
  await bot.close();
  await line.close();
});

/** Sends one event from a new resident and returns what was recorded for staff because of it. */
async function recordedFor(event: object) {
  const before = await bot.store.listUnanswered(0);
  const replies = line.replies().length;
  expect((await postWebhook(bot.port, [event])).status).toBe(200);
  await line.waitForReplies(replies + 1);
  return (await bot.store.listUnanswered(0)).slice(before.length);
}

describe('every hand-off to a phone line is recorded, with its line', () => {
  it.each([
    ['a question out of scope, for the national line', '第3弾はありますか', 'hotline'],
    ['a question out of scope, for the city', '駐車場はありますか', 'city'],
    ['a question in English', 'Can I pay my city taxes with this?', 'multilingual'],
    ['a question in another language', '我想问一下积分', 'multilingual'],
    ['asking for the hotline', '電話で問い合わせたい', 'hotline'],
    ['asking for the city', '市役所の担当課の電話番号は？', 'city'],
    ['asking for the line in other languages', '外国語で相談したい', 'multilingual'],
  ])('%s (%s)', async (_case, text, route) => {
    const recorded = await recordedFor(textEvent(newUserId(), text));
    expect(recorded).toEqual([expect.objectContaining({ text: text.normalize('NFKC'), route })]);
  });

  it('answers the one of two questions it can, and records the other with its line', async () => {
    const text = '支援窓口は何階ですか？駐車場はありますか？';
    const recorded = await recordedFor(textEvent(newUserId(), text));
    expect(recorded).toEqual([expect.objectContaining({ text: text.normalize('NFKC'), route: 'city' })]);
    const reply = replyTexts(line.replies().at(-1)!);
    expect(reply).toMatch(/4階/);
    expect(reply).toMatch(/もう一つのご質問/);
    expect(reply).toContain('0557-86-6074');
  });

  it('records a hand-off asked for with a button, by the button, with its line', async () => {
    const english = await recordedFor(postbackEvent(newUserId(), 'unit=contact.multilingual&lang=en'));
    expect(english).toEqual([
      expect.objectContaining({ text: '[ボタン] 外国語の電話', route: 'multilingual' }),
    ]);
    const hotline = await recordedFor(postbackEvent(newUserId(), 'unit=contact.hotline'));
    expect(hotline).toEqual([expect.objectContaining({ text: '[ボタン] 問い合わせ電話', route: 'hotline' })]);
  });

  it('records a hand-off redacted, and nothing for a question it answers', async () => {
    const redacted = await recordedFor(
      textEvent(
        newUserId(),
        '電話で問い合わせたい。こちらの番号は090-1234-5678、メールは taro@example.jp です',
      ),
    );
    expect(redacted).toHaveLength(1);
    expect(redacted[0]!.text).not.toMatch(/5678|taro|@/);
    expect(await recordedFor(textEvent(newUserId(), '持ち物は何ですか'))).toEqual([]);
  });
});
