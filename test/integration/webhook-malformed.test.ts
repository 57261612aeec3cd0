import type { RunningBot } from '../../src/bot';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
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

describe('signed events shaped unlike any LINE sends (found by the fault suite)', () => {
  it('never answers them with a 5xx (a null message is refused), and stays up for the next resident', async () => {
    const user = newUserId();
    expect((await postWebhook(bot.port, [{ ...textEvent(user, 'x'), message: null }])).status).toBe(400);
    const odd = [
      { ...textEvent(user, 'x'), message: 'text' },
      { ...textEvent(user, 'x'), type: 'postback', postback: null },
    ];
    for (const event of odd) expect((await postWebhook(bot.port, [event])).status).toBeLessThan(500);
    const fine = textEvent(newUserId(), '受付時間を教えてください');
    expect((await postWebhook(bot.port, [fine])).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while (!line.replies().some((r) => r.replyToken === fine.replyToken) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(line.replies().map((r) => r.replyToken)).toContain(fine.replyToken);
  });
});
