import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { createAdjustableClock } from '../../src/clock';
import { localChatRouter } from '../../src/local/routes';
import { LocalTransport } from '../../src/line/local-transport';

const USER = `U${'0'.repeat(32)}`;

/** The local chat's routes alone: no webhook behind them, so every hand-over to the bot fails. */
async function chatWithoutBot() {
  const app = express();
  app.use(
    localChatRouter({
      botName: 'テスト',
      channelSecret: 'secret',
      transport: new LocalTransport(pino({ level: 'silent' })),
      clock: createAdjustableClock(undefined),
      programmeEnd: 0,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = () =>
    fetch(`${base}/local/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'text', userId: USER, text: '受付時間' }),
    });
  return { send, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the local chat when the bot does not take the message', () => {
  it('answers 502 at once with the webhook’s status, instead of waiting for a reply that cannot come', async () => {
    const chat = await chatWithoutBot();
    const started = Date.now();
    const response = await chat.send();
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'the webhook answered 404' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await chat.close();
  });

  it('answers 502 when the webhook cannot be reached at all, instead of leaving the page waiting', async () => {
    const chat = await chatWithoutBot();
    const realFetch = globalThis.fetch;
    // The page's request goes through; the server's own call to its webhook fails as a refused connection does.
    const spy = jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation((input, init) =>
        String(input).endsWith('/webhook')
          ? Promise.reject(new TypeError('fetch failed'))
          : realFetch(input, init),
      );
    try {
      const response = await chat.send();
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({
        message: 'the webhook could not be reached: fetch failed',
      });
    } finally {
      spy.mockRestore();
      await chat.close();
    }
  });
});
