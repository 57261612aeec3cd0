import type { Server } from 'node:http';
import { ADMIN_ATTEMPT_LIMITS, FailedAttempts } from './admin/attempts';
import { requireBearer } from './admin/bearer';
import { adminRouter } from './admin/routes';
import { createAdjustableClock, type AdjustableClock } from './clock';
import type { Config } from './config';
import { loadContent, type Content } from './content/load';
import { ConversationThread } from './engine/thread';
import { createLineTransport, type LineTransport } from './line/transport';
import { programmeEnd } from './local/demo';
import { localChatRouter } from './local/routes';
import { LocalTransport } from './line/local-transport';
import { createLogger, type Logger } from './logger';
import { BotMetrics } from './metrics/metrics';
import { metricsRouter } from './metrics/route';
import { NoticeDispatcher, type DispatcherOptions } from './notices/dispatcher';
import { createApp } from './server';
import { staffRouter } from './staff/routes';
import { createStore } from './store';
import { countingErrors } from './store/counting';
import type { Store } from './store/types';

export interface RunningBot {
  port: number;
  /** The address the server listens on (HOST; loopback in local mode). */
  host: string;
  store: Store;
  content: Content;
  /** The conversation thread: stores residents' events and answers them. */
  conversations: ConversationThread;
  dispatcher: NoticeDispatcher;
  transport: LineTransport;
  logger: Logger;
  metrics: BotMetrics;
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
  /** The conversation thread died: the bot no longer answers, and should be restarted. */
  onFatal?: (error: Error) => void;
}

export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = loadContent(config.contentFile);
  const clock = createAdjustableClock(config.botNow);
  const metrics = new BotMetrics();
  const store = countingErrors(createStore(config.database), (operation) => metrics.storeError(operation));
  await store.migrate();

  const transport: LineTransport =
    options.transport ?? (config.localMode ? new LocalTransport(logger) : createLineTransport(config.line));
  const processEvents = options.processEvents ?? true;
  const dispatcher = new NoticeDispatcher({
    store,
    transport,
    clock,
    logger,
    onBatchFinished: (outcome) => metrics.noticeBatchFinished(outcome),
    ...options.notices,
  });

  let accepting = true;
  // Residents' events are stored, decided and answered in a thread of their own, so that answering never keeps
  // the webhook waiting. A transport that lives here (local mode, a caller's own) gets the replies relayed.
  const replies = options.transport || config.localMode ? 'relay' : 'line';
  const conversations = await ConversationThread.start(
    { config, logLevel: logger.level, settleMs: options.settleMs, replies, processEvents },
    transport,
    (error) => {
      accepting = false;
      logger.fatal({ err: error }, 'conversation thread failed: residents are not answered');
      options.onFatal?.(error);
    },
  );
  conversations.onReport((report) => metrics.record(report));
  const flowClock: AdjustableClock = {
    ...clock,
    setFlowNow: (instant) => {
      clock.setFlowNow(instant);
      conversations
        .setFlowNow(instant)
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'the conversation thread did not take the new clock'),
        );
    },
  };

  const attempts = new FailedAttempts({ ...ADMIN_ATTEMPT_LIMITS, now: () => clock.realNow() });
  const app = createApp({
    channelSecret: config.line.channelSecret,
    store,
    clock,
    logger,
    accept: async (events) => {
      const fresh = await conversations.accept(events);
      metrics.eventsAccepted(fresh.length, events.length - fresh.length);
      return fresh;
    },
    isAcceptingWork: () => accepting,
    trustProxy: config.trustProxy,
    extraRouters: [
      staffRouter({
        store,
        clock,
        logger,
        dispatcher,
        botName: content.city.botName,
        unitLabels: new Map(content.knowledge.units.map((u) => [u.id, u.label.ja])),
      }),
      // Local mode is decided once, from the absence of credentials at start; no request can switch it on.
      ...(config.localMode && transport instanceof LocalTransport
        ? [
            localChatRouter({
              botName: content.city.botName,
              channelSecret: config.line.channelSecret,
              transport,
              clock: flowClock,
              programmeEnd: programmeEnd(content),
            }),
          ]
        : []),
      ...(config.adminToken
        ? [adminRouter({ adminToken: config.adminToken, store, clock, logger, dispatcher, attempts })]
        : []),
      // Open on this machine in local mode; with a LINE channel only for METRICS_TOKEN, else not served.
      ...(config.localMode
        ? [metricsRouter(metrics)]
        : config.metricsToken
          ? [
              metricsRouter(
                metrics,
                requireBearer({ token: config.metricsToken, tokenName: 'METRICS_TOKEN', attempts, logger }),
              ),
            ]
          : []),
    ],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  if (processEvents) {
    await conversations.start();
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
      await conversations.stop();
      await dispatcher.stop();
      await store.close();
    })();
    return closing;
  };
  return {
    port,
    host: config.host,
    store,
    content,
    conversations,
    dispatcher,
    transport,
    logger,
    metrics,
    close,
  };
}
