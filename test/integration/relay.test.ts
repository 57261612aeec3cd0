import type { RunningBot } from '../../src/bot';
import { LineApiError, type LineMessage, type LineTransport } from '../../src/line/transport';
import { startTestBot, replyTexts } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { newUserId, postbackEvent, postWebhook, textEvent } from '../helpers/webhook';

/**
 * A transport that lives in the server thread (local mode, the terminal chat) is reached through the relay:
 * the conversation thread decides, the server thread sends, and LINE's answer goes back to the thread.
 */
class StandIn implements LineTransport {
  readonly replies: { replyToken: string; messages: LineMessage[] }[] = [];
  refuseNext = false;

  async reply(replyToken: string, messages: LineMessage[]) {
    if (this.refuseNext) {
      this.refuseNext = false;
      throw new LineApiError(400, 'req-relay', '{"message":"Invalid reply token"}');
    }
    this.replies.push({ replyToken, messages });
    return { requestId: 'req-ok' };
  }
  broadcast = async () => ({ requestId: null });
  multicast = async () => ({ requestId: null });
  readonly friends = new Set<string>();
  isFriend = async (userId: string) => this.friends.has(userId);
}

let bot: RunningBot;
let standIn: StandIn;

beforeEach(async () => {
  standIn = new StandIn();
  bot = await startTestBot({
    lineBaseUrl: 'http://127.0.0.1:9', // never called: replies go to the stand-in
    databaseUrl: `sqlite:${tempSqliteFile()}`,
    transport: standIn,
  });
});
afterEach(() => bot.close());

async function finished(eventId: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const status = await bot.store.eventStatus(eventId);
    if (status?.status === 'done' || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('replies relayed to a transport in the server thread', () => {
  it('answers through the stand-in with the event reply token', async () => {
    const event = textEvent(newUserId(), '受付時間を教えてください');
    expect((await postWebhook(bot.port, [event])).status).toBe(200);
    expect(await finished(event.webhookEventId)).toMatchObject({ outcome: 'answered' });
    expect(standIn.replies).toHaveLength(1);
    expect(standIn.replies[0]!.replyToken).toBe(event.replyToken);
    expect(replyTexts(standIn.replies[0]!)).toMatch(/8時30分/);
  });

  it("brings LINE's refusal back to the conversation thread with its status and request id", async () => {
    standIn.refuseNext = true;
    const event = textEvent(newUserId(), '持ち物');
    await postWebhook(bot.port, [event]);
    const status = await finished(event.webhookEventId);
    expect(status).toMatchObject({ status: 'done', outcome: 'failed' });
    expect(status!.detail).toMatch(/400.*x-line-request-id req-relay.*Invalid reply token/);
    expect(standIn.replies).toHaveLength(0);
  });

  it('asks the transport in the server thread whether a resident who opts in is a friend', async () => {
    const friend = newUserId();
    const stranger = newUserId();
    standIn.friends.add(friend);
    for (const user of [friend, stranger]) {
      const event = postbackEvent(user, 'unit=notice.subscribe');
      await postWebhook(bot.port, [event]);
      expect(await finished(event.webhookEventId)).toMatchObject({ outcome: 'answered' });
    }
    expect(await bot.store.isFollowing(friend)).toBe(true);
    expect(await bot.store.isFollowing(stranger)).toBeNull();
    expect(await bot.store.topicAudience('mynapoint')).toEqual([friend]);
  });
});
