import { freePort } from '../lib/ports';
import { ACCESS_TOKEN, healthy, sleep, startBot, stopBot } from './lib/bot';
import { startFaultyLine } from './lib/fakeLine';
import { sendLoad } from './lib/load';
import { inboxRows, settle } from './lib/outcomes';
import { startPrivatePostgres } from './lib/postgres';
import { tally } from './lib/tally';
import type { Scale, ScenarioResult } from './scale';

/**
 * PostgreSQL (a private instance) stopped for a few seconds and started again while residents write. Webhooks
 * that cannot be stored get a 500 (LINE redelivers them); /readyz says the store is gone, then back; nothing
 * acknowledged is lost.
 */
export async function postgresRestartScenario(scale: Scale): Promise<ScenarioResult> {
  const line = await startFaultyLine(ACCESS_TOKEN);
  const pg = await startPrivatePostgres(await freePort());
  const bot = await startBot({ databaseUrl: pg.url, lineBaseUrl: line.baseUrl });
  let loading = true;
  const readiness: string[] = [];
  const restarter = (async () => {
    await sleep(2_000);
    if (!loading) return;
    pg.stop();
    for (let i = 0; i < 6; i++) {
      readiness.push((await healthy(bot.port, '/readyz')) ? 'ready' : 'unready');
      await sleep(500);
    }
    pg.start();
    const deadline = Date.now() + 30_000;
    while (!(await healthy(bot.port, '/readyz')) && Date.now() < deadline) await sleep(200);
    readiness.push((await healthy(bot.port, '/readyz')) ? 'ready' : 'unready');
  })();
  try {
    const started = Date.now();
    const { events, counts } = await sendLoad({
      ports: () => [bot.port],
      residentCount: Math.max(20, Math.floor(scale.residents / 2)),
      events: Math.floor(scale.events / 2),
      concurrency: 8,
      deadline: started + scale.timeLimitMs,
      ratePerSecond: scale.sigkillRate,
    });
    loading = false;
    const restartProblem = await restarter.then(
      () => '',
      (error: unknown) => ` (restart failed: ${error instanceof Error ? error.message : String(error)})`,
    );
    const ids = events.filter((e) => e.acknowledged).map((e) => e.id);
    await settle(pg.url, ids, 60_000);
    await sleep(500);
    const figures = tally(events, line, await inboxRows(pg.url, ids));
    const refused = counts.statuses.get(500) ?? 0;
    const readyzWentDown = readiness.includes('unready');
    const readyzCameBack = readiness.at(-1) === 'ready';
    return {
      figures,
      ok: readyzWentDown && readyzCameBack && !restartProblem,
      note:
        `${refused} webhooks refused with 500 while the store was down (redelivered), ` +
        `/readyz ${readyzWentDown ? 'went 503' : 'NEVER went 503'} and ${readyzCameBack ? 'came back' : 'did NOT come back'}` +
        restartProblem,
    };
  } finally {
    loading = false;
    await restarter.catch(() => undefined);
    await stopBot(bot);
    await line.close();
    pg.destroy();
  }
}
