import Database from 'better-sqlite3';
import type { RunningBot } from '../../src/bot';
import { replyTexts, startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import {
  chatKeyOf,
  chatPostbackEvent,
  chatTextEvent,
  joinEvent,
  leaveEvent,
  newGroup,
  newRoom,
  type Chat,
} from '../helpers/groupEvents';
import { newUserId, postWebhook } from '../helpers/webhook';

let line: FakeLine;
let bot: RunningBot;
let file: string;
beforeEach(async () => {
  line = await startFakeLine();
  file = tempSqliteFile();
  bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${file}` });
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

/** Sends events, waits until they are handled, and returns the texts of the replies they got. */
async function send(...events: object[]): Promise<string[]> {
  const before = line.replies().length;
  expect((await postWebhook(bot.port, events)).status).toBe(200);
  await bot.conversations.idle();
  return line.replies().slice(before).map(replyTexts);
}

/** Every row the store holds, as text: what could keep a member's words. */
function everyRow(): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
      name: string;
    }[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

const ONE_TO_ONE = /1対1のトークでお答えします/;

describe.each<[string, () => Chat]>([
  ['a group', newGroup],
  ['a multi-person chat', newRoom],
])('in %s', (_name, newChat) => {
  it('says once that it answers one to one, and answers nothing members say among themselves', async () => {
    const chat = newChat();
    const member = newUserId();
    const [intro] = await send(joinEvent(chat));
    expect(intro).toMatch(ONE_TO_ONE);
    expect(line.replies().at(-1)!.messages[0]).not.toHaveProperty('quickReply');
    expect(await send(chatTextEvent(chat, member, '窓口は何時から？'))).toEqual([]);
    expect(await send(chatTextEvent(chat, member, '明日の集まり、駅前に10時でいい？'))).toEqual([]);
    // A bot added before this release never said it: it says it at the first message, once.
    const earlier = newChat();
    expect(await send(chatTextEvent(earlier, member, '今日は寒いね'))).toEqual([
      expect.stringMatching(ONE_TO_ONE),
    ]);
    expect(await send(chatTextEvent(earlier, member, 'ほんとに'))).toEqual([]);
  });

  it('answers a question addressed to it by mention, without its name in the question', async () => {
    const chat = newChat();
    const member = newUserId();
    const [answer] = await send(chatTextEvent(chat, member, '窓口の受付時間を教えてください', ['bot']));
    expect(answer).toMatch(/8時30分/);
    // A button under the answer, tapped by anyone in the chat, is a question to the bot too.
    const [tapped] = await send(chatPostbackEvent(chat, member, 'unit=items.overview'));
    expect(tapped).toMatch(/お持ちください/);
  });

  it('keeps no member’s words: not what they say among themselves, not what they ask the bot', async () => {
    const chat = newChat();
    const other = { memberId: newUserId(), name: '山田' };
    await send(chatTextEvent(chat, newUserId(), '山田さん、ふるさと納税の返礼品どれにした？', [other]));
    const [handoff] = await send(
      chatTextEvent(chat, newUserId(), 'ふるさと納税の返礼品を教えて', ['bot', other]),
    );
    expect(handoff).toMatch(/お答えできません/);
    const rows = everyRow();
    expect(rows).not.toMatch(/返礼品|ふるさと納税|山田/);
    expect(rows).not.toContain(other.memberId);
    // The hand-off is recorded for staff, as having happened in a group, with its line.
    expect(await bot.store.listUnanswered(0)).toEqual([
      expect.objectContaining({ text: '[グループでの質問]', route: 'city' }),
    ]);
  });

  it('forgets the chat when it leaves, and introduces itself again if it comes back', async () => {
    const chat = newChat();
    await send(joinEvent(chat));
    await send(chatTextEvent(chat, newUserId(), 'ポイントは何ポイント？', ['bot']));
    expect(await bot.store.hasToldGroupChat(chatKeyOf(chat))).toBe(true);
    expect(await bot.store.loadConversation(chatKeyOf(chat))).not.toBeNull();
    expect(await send(leaveEvent(chat))).toEqual([]);
    expect(await bot.store.hasToldGroupChat(chatKeyOf(chat))).toBe(false);
    expect(await bot.store.loadConversation(chatKeyOf(chat))).toBeNull();
    expect(await send(joinEvent(chat))).toEqual([expect.stringMatching(ONE_TO_ONE)]);
  });
});

describe('what a group message leaves in the inbox before it is handled', () => {
  it('is no text for members’ own talk, and the question alone (no names) for one addressed to the bot', async () => {
    await bot.close();
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${file}`,
      processEvents: false,
    });
    const chat = newGroup();
    const other = { memberId: newUserId(), name: '佐藤' };
    const talk = chatTextEvent(chat, newUserId(), '佐藤さん、今夜どうする？', [other]);
    const question = chatTextEvent(chat, newUserId(), '持ち物は？', ['bot', other]);
    expect((await postWebhook(bot.port, [talk, question])).status).toBe(200);
    const db = new Database(file, { readonly: true });
    const payloads = (
      db.prepare('SELECT id, payload FROM inbox_events').all() as { id: string; payload: string }[]
    ).map((r) => ({
      id: r.id,
      message: (JSON.parse(r.payload) as { message: Record<string, unknown> }).message,
    }));
    db.close();
    const stored = (id: string) => payloads.find((p) => p.id === id)!.message;
    expect(stored(talk.webhookEventId)).toMatchObject({ type: 'text', text: '' });
    expect(stored(talk.webhookEventId)).not.toHaveProperty('mention');
    expect(stored(question.webhookEventId)).toMatchObject({
      text: '持ち物は?',
      mention: { mentionees: [{ type: 'user', isSelf: true }] },
    });
    expect(JSON.stringify(payloads)).not.toContain(other.memberId);
  });
});
