import type { RunningBot } from '../../src/bot';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { addStaff, StaffClient } from '../helpers/staffClient';
import { newUserId, postWebhook, textEvent } from '../helpers/webhook';

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

it('shows today’s counts from real conversations, and never what residents wrote', async () => {
  const [a, b] = [newUserId(), newUserId()];
  await postWebhook(bot.port, [textEvent(a, '受付時間を教えて')]);
  await postWebhook(bot.port, [textEvent(b, '受付の場所はどこ')]);
  await postWebhook(bot.port, [textEvent(b, '宝くじの当選番号を教えてください')]);
  await line.waitForReplies(3);
  await addStaff(bot.store, 'yamada');
  const staff = new StaffClient(`http://127.0.0.1:${bot.port}`);
  await staff.signIn('yamada');
  let page = '';
  const deadline = Date.now() + 8_000;
  // The events are finished just after their replies.
  while (
    !/会話した人・グループ<\/div><div class="stat">2</.test(page) ||
    !/返信したメッセージ<\/div><div class="stat">3</.test(page)
  ) {
    if (Date.now() > deadline) throw new Error(`counts did not arrive:\n${page}`);
    page = await (await staff.get('/staff')).text();
  }
  expect(page).toMatch(/電話窓口へのご案内<\/div><div class="stat">1</);
  expect(page).toContain('<h2>話題ごとの回答</h2><table>');
  for (const text of ['受付時間を教えて', '受付の場所はどこ', '宝くじ']) expect(page).not.toContain(text);
});
