import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createClock } from './clock';
import { ConfigError, parseConfig } from './config';
import { loadContent } from './content/load';
import { compileFlows } from './engine/conversation';
import { ConversationProcessor } from './engine/processor';
import { createLineTransport, type LineTransport } from './line/transport';
import { LocalTransport } from './local';
import { createLogger } from './logger';
import { createUnderstanding } from './nlu';
import { createApp } from './server';
import { createStore } from './store';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env, () => randomBytes(16).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) console.error(line);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const content = loadContent(config.contentFile);
  const clock = createClock(config.botNow);
  const store = createStore(config.database);
  await store.migrate();

  const transport: LineTransport = config.localMode
    ? new LocalTransport(logger)
    : createLineTransport({ channelAccessToken: config.line.channelAccessToken, apiBaseUrl: config.line.apiBaseUrl });
  const processor = new ConversationProcessor({
    store,
    transport,
    catalog: compileFlows(content),
    understanding: createUnderstanding(),
    clock,
    logger,
    idleTimeoutMs: config.idleTimeoutMs,
  });

  let accepting = true;
  const app = createApp({
    channelSecret: config.line.channelSecret,
    store,
    clock,
    logger,
    onAccepted: (keys) => keys.forEach((k) => processor.schedule(k)),
    isAcceptingWork: () => accepting,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  await processor.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, store: store.kind, localMode: config.localMode, botNow: config.botNow?.toISOString(), city: content.city.id },
    'ready',
  );
  if (config.localMode) {
    console.log(`Local mode (no LINE credentials): the bot listens on http://localhost:${port}/ — try \`npm run chat\`.`);
  }

  const shutdown = (signal: string) => {
    if (!accepting) return;
    accepting = false;
    logger.info({ signal }, 'shutting down: finishing work in flight');
    server.close(async () => {
      await processor.stop();
      await store.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
