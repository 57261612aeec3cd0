import { randomBytes } from 'node:crypto';
import { startBot } from './bot';
import { ConfigError, parseConfig, type Config } from './config';

function configOrExit(): Config {
  try {
    return parseConfig(process.env, () => randomBytes(16).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) console.error(line);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  let stopBecauseThreadFailed = () => {};
  const bot = await startBot(config, { onFatal: () => stopBecauseThreadFailed() });
  bot.logger.info(
    {
      port: bot.port,
      host: bot.host,
      store: bot.store.kind,
      localMode: config.localMode,
      botNow: config.botNow?.toISOString(),
      city: bot.content.city.id,
    },
    'ready',
  );
  if (config.localMode) {
    const host = ['127.0.0.1', '0.0.0.0', '::'].includes(bot.host)
      ? 'localhost'
      : bot.host.includes(':')
        ? `[${bot.host}]`
        : bot.host;
    console.log(`Local mode (no LINE credentials): chat with the bot at http://${host}:${bot.port}/`);
  }
  let stopping = false;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'shutting down: finishing work in flight');
    bot.close().then(
      () => {
        bot.logger.info('stopped');
        process.exit(exitCode);
      },
      (error) => {
        bot.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Without its conversation thread the bot cannot answer: exit non-zero so that the supervisor restarts it;
  // the events it accepted are in the store and are answered after the restart.
  stopBecauseThreadFailed = () => shutdown('conversation thread failed', 1);
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
