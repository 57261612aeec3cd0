import path from 'node:path';
import { parseConfig } from '../../src/config';
import { ConversationThread } from '../../src/engine/thread';
import type { LineTransport } from '../../src/line/transport';

const setup = {
  config: parseConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' }, () => 'unused'),
  logLevel: 'silent',
  replies: 'relay' as const,
  processEvents: true,
};
const transport: LineTransport = {
  reply: async () => ({ requestId: null }),
  broadcast: async () => ({ requestId: null }),
  multicast: async () => ({ requestId: null }),
  isFriend: async () => true,
};
const thread = (name: string) => path.join(__dirname, '../helpers/threads', name);
const event = {
  id: 'e1',
  conversationKey: 'U1',
  timestamp: 1,
  receivedAt: 1,
  payload: { type: 'message' },
};

describe('ConversationThread when its thread fails', () => {
  it('refuses to start when the thread cannot start, saying why', async () => {
    await expect(
      ConversationThread.start(setup, transport, jest.fn(), thread('fails-to-start.js')),
    ).rejects.toThrow('cannot open the store');
  });

  it('fails the request in flight and every later one, and reports the failure once', async () => {
    const onFailure = jest.fn();
    const conversations = await ConversationThread.start(
      setup,
      transport,
      onFailure,
      thread('dies-on-first-request.js'),
    );
    await expect(conversations.accept([event])).rejects.toThrow('conversation thread exited with code 3');
    await expect(conversations.accept([event])).rejects.toThrow('conversation thread exited with code 3');
    expect(onFailure).toHaveBeenCalledTimes(1);
    await expect(conversations.stop()).resolves.toBeUndefined();
  });

  it("passes the thread's refusal on, and still ends the thread when stopping is refused", async () => {
    const onFailure = jest.fn();
    const conversations = await ConversationThread.start(
      setup,
      transport,
      onFailure,
      thread('refuses-everything.js'),
    );
    await expect(conversations.accept([event])).rejects.toThrow('attempt to write a readonly database');
    await expect(conversations.stop()).rejects.toThrow('attempt to write a readonly database');
    expect(onFailure).not.toHaveBeenCalled();
  });
});
