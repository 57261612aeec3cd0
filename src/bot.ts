import type { Server } from 'node:http';
import type { Router } from 'express';
import { adminRouter } from './admin/routes';
import { createAdjustableClock } from './clock';
import type { Config } from './config';
import { loadContent, type Content } from './content/load';
import { compileFlows } from './engine/conversation';
import { ConversationProcessor } from './engine/processor';
import { createLineTransport, type LineTransport } from './line/transport';
import { localChatRouter } from './local/routes';
import { LocalTransport } from './local/transport';
import { createLogger, type Logger } from './logger';
import { NoticeDispatcher, type DispatcherOptions } from './notices/dispatcher';
import { createUnderstanding } from './nlu';
import { createApp } from './server';
import { createStore } from './store';
import type { Store } from './store/types';

export interface RunningBot {
  port: number;
  store: Store;
  content: Content;
  processor: ConversationProcessor;
  dispatcher: NoticeDispatcher;
  transport: LineTransport;
  logger: Logger;
  /** Graceful stop: no new requests, work in flight finished, store closed. */
  close(): Promise<void>;
}

export interface BotOptions {
  transport?: LineTransport;
  logger?: Logger;
  /** False leaves accepted events in the inbox unprocessed (tests use it to stand for a crash). */
  processEvents?: boolean;
  settleMs?: number;
  /** Retry timing of notices (tests make it fast). */
  notices?: Pick<DispatcherOptions, 'backoffBaseMs' | 'maxAttempts' | 'pollMs'>;
  extraRouters?: (bot: Omit<RunningBot, 'port' | 'close'>) => Router[];
}

export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = loadContent(config.contentFile);
  const clock = createAdjustableClock(config.botNow);
  const store = createStore(config.database);
  await store.migrate();

  const transport: LineTransport =
    options.transport ??
    (config.localMode
      ? new LocalTransport(logger)
      : createLineTransport({
          channelAccessToken: config.line.channelAccessToken,
          apiBaseUrl: config.line.apiBaseUrl,
        }));
  const processor = new ConversationProcessor({
    store,
    transport,
    catalog: compileFlows(content),
    understanding: createUnderstanding(),
    clock,
    logger,
    idleTimeoutMs: config.idleTimeoutMs,
    settleMs: options.settleMs,
  });
  const processEvents = options.processEvents ?? true;
  const dispatcher = new NoticeDispatcher({ store, transport, clock, logger, ...options.notices });

  let accepting = true;
  const app = createApp({
    channelSecret: config.line.channelSecret,
    store,
    clock,
    logger,
    onAccepted: (keys) => {
      if (processEvents) keys.forEach((k) => processor.schedule(k));
    },
    isAcceptingWork: () => accepting,
    extraRouters: [
      // Local mode is decided once, from the absence of credentials at start; no request can switch it on.
      ...(config.localMode && transport instanceof LocalTransport
        ? [
            localChatRouter({
              botName: content.city.botName,
              channelSecret: config.line.channelSecret,
              transport,
              clock,
            }),
          ]
        : []),
      ...(config.adminToken
        ? [adminRouter({ adminToken: config.adminToken, store, clock, logger, dispatcher })]
        : []),
      ...(options.extraRouters?.({ store, content, processor, dispatcher, transport, logger }) ?? []),
    ],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, '0.0.0.0', () => resolve(s));
  });
  if (processEvents) {
    await processor.start();
    dispatcher.start();
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await processor.stop();
      await dispatcher.stop();
      await store.close();
    })();
    return closing;
  };
  return { port, store, content, processor, dispatcher, transport, logger, close };
}
