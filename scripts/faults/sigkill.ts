import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../lib/ports';
import { ACCESS_TOKEN, sleep, startBot, stopBot, type BotProcess } from './lib/bot';
import { startFaultyLine } from './lib/fakeLine';
import { sendLoad } from './lib/load';
import { inboxRows, settle } from './lib/outcomes';
import { tally } from './lib/tally';
import type { Scale, ScenarioResult } from './scale';

/**
 * SIGKILL the bot at random moments while residents write; it is restarted each time (as a supervisor would) on
 * the same port and store. Every acknowledged event must be answered once or recorded as missed.
 */
export async function sigkillScenario(scale: Scale): Promise<ScenarioResult> {
  const line = await startFaultyLine(ACCESS_TOKEN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-sigkill-'));
  const databaseUrl = `sqlite:${path.join(dir, 'bot.db')}`;
  const port = await freePort();
  let bot: BotProcess = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl, port });
  let loading = true;
  let kills = 0;
  const killer = (async () => {
    while (loading && kills < scale.kills) {
      await sleep(scale.killEveryMs * (0.25 + Math.random()));
      if (!loading) break;
      bot.child.kill('SIGKILL');
      await bot.exited;
      kills++;
      bot = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl, port });
    }
  })();
  try {
    const started = Date.now();
    const { events } = await sendLoad({
      ports: () => [port],
      residentCount: scale.residents,
      events: scale.events,
      concurrency: 8,
      deadline: started + scale.timeLimitMs,
      ratePerSecond: scale.sigkillRate,
    });
    loading = false;
    await killer;
    const ids = events.filter((e) => e.acknowledged).map((e) => e.id);
    await settle(databaseUrl, ids, 90_000);
    await sleep(500);
    const figures = tally(events, line, await inboxRows(databaseUrl, ids));
    return { figures, note: `${kills} SIGKILLs, ${((Date.now() - started) / 1000).toFixed(1)} s` };
  } finally {
    loading = false;
    await killer.catch(() => undefined);
    await stopBot(bot, 'SIGKILL');
    await line.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
