import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCESS_TOKEN, sleep, startBot, stopBot } from './lib/bot';
import { startFaultyLine, type LineBehaviour } from './lib/fakeLine';
import { sendLoad } from './lib/load';
import { inboxRows, settle } from './lib/outcomes';
import { tally } from './lib/tally';
import type { Scale, ScenarioResult } from './scale';

export const LINE_FAULTS: { name: string; behaviour: LineBehaviour }[] = [
  { name: 'LINE answers 500', behaviour: { kind: 'status', status: 500, share: 0.3 } },
  {
    name: 'LINE answers 429 + Retry-After',
    behaviour: { kind: 'status', status: 429, share: 0.3, headers: { 'retry-after': '1' } },
  },
  { name: 'LINE never answers', behaviour: { kind: 'hang', share: 0.1 } },
];

/**
 * LINE's reply endpoint failing for a share of the replies. A reply token is single use, so a refused reply is
 * recorded (failed), never retried; what must hold is that the webhook never answers LINE with a 5xx and that
 * the other residents' events keep flowing.
 */
export async function lineFaultScenario(
  scale: Scale,
  fault: (typeof LINE_FAULTS)[number],
): Promise<ScenarioResult> {
  const line = await startFaultyLine(ACCESS_TOKEN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-line-'));
  const databaseUrl = `sqlite:${path.join(dir, 'bot.db')}`;
  const bot = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl });
  try {
    line.behave(fault.behaviour);
    const started = Date.now();
    const { events, counts } = await sendLoad({
      ports: () => [bot.port],
      residentCount: Math.max(10, Math.floor(scale.lineFaultEvents / 3)),
      events: scale.lineFaultEvents,
      concurrency: 8,
      deadline: started + scale.timeLimitMs,
    });
    const ids = events.filter((e) => e.acknowledged).map((e) => e.id);
    await settle(databaseUrl, ids, 30_000);
    await sleep(500);
    const figures = tally(events, line, await inboxRows(databaseUrl, ids));
    const fivexx = [...counts.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const hanging = line.hangingNow();
    return {
      figures,
      ok: fivexx === 0,
      note: `${fivexx} webhook 5xx, ${hanging} reply requests still hanging at the end`,
      awaiting:
        fault.behaviour.kind === 'hang' && figures.stuck > 0
          ? 'replies without a timeout hold their resident’s queue: passes once LINE calls have timeouts (issue 10, item 3)'
          : undefined,
    };
  } finally {
    // A reply hanging forever would also hold a graceful stop: end it outright.
    await stopBot(bot, fault.behaviour.kind === 'hang' ? 'SIGKILL' : 'SIGTERM');
    await line.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
