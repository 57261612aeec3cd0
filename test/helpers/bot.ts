import pino from 'pino';
import { startBot, type BotOptions, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { SECRET } from './webhook';

export interface TestBotOptions extends BotOptions {
  lineBaseUrl: string;
  databaseUrl: string;
  env?: Record<string, string>;
}

/** The real server on a free loopback port, pointed at a fake Messaging API. */
export function startTestBot(o: TestBotOptions): Promise<RunningBot> {
  const config = parseConfig(
    {
      PORT: '0',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
      LINE_API_BASE_URL: o.lineBaseUrl,
      LINE_DATA_API_BASE_URL: o.lineBaseUrl,
      DATABASE_URL: o.databaseUrl,
      LOG_LEVEL: 'silent',
      BOT_NOW: '2023-04-12T10:00:00+09:00',
      ...o.env,
    },
    () => 'unused',
  );
  return startBot(config, { logger: pino({ level: 'silent' }), ...o });
}

export const replyTexts = (reply: { messages: { type: string; text?: string; altText?: string }[] }) =>
  reply.messages.map((m) => m.text ?? m.altText ?? '').join('\n');
