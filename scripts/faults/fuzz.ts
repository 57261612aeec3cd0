import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCESS_TOKEN, sleep, startBot, stopBot } from './lib/bot';
import { startFaultyLine } from './lib/fakeLine';
import { deliver, post, residents, sign, textEvent } from './lib/load';
import { inboxRows, settle } from './lib/outcomes';
import { tally } from './lib/tally';
import type { Scale, ScenarioResult } from './scale';

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const oddValues = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(10_000),
  '𠮷野家🍣\u0000\u202e',
  [],
  {},
  [null],
  { type: 'message' },
];

function oddEvent(): unknown {
  const user = `U${randomBytes(16).toString('hex')}`;
  const base: Record<string, unknown> = {
    type: pick(['message', 'postback', 'follow', 'unfollow', 'join', 'leave', 'beacon', 'memberJoined', 'x']),
    mode: pick(['active', 'standby', undefined]),
    timestamp: pick([Date.now(), 0, -5, 'now', 1e20]),
    webhookEventId: pick([randomBytes(13).toString('hex').toUpperCase(), '', 42, null]),
    source: pick([
      { type: 'user', userId: user },
      { type: 'group', groupId: 'G1' },
      { type: 'room' },
      null,
      'user',
    ]),
    replyToken: pick([randomBytes(16).toString('hex'), '', null, undefined]),
    message: pick([
      { type: 'text', id: '1', text: pick(['受付時間は？', '', 'x'.repeat(6_000), '1234 5678 9012']) },
      { type: 'sticker' },
      { type: 'image', id: '2' },
      { type: 'text' },
      'text',
      null,
    ]),
    postback: pick([{ data: 'unit=counter.hours' }, { data: '%%%' }, { data: null }, undefined]),
  };
  // Some fields replaced by odd values, some removed.
  for (const key of Object.keys(base)) {
    if (Math.random() < 0.1) base[key] = pick(oddValues);
    if (Math.random() < 0.05) delete base[key];
  }
  return base;
}

function randomBody(): string | Buffer {
  switch (Math.floor(Math.random() * 6)) {
    case 0:
      return randomBytes(Math.floor(Math.random() * 512));
    case 1:
      return JSON.stringify(pick(oddValues));
    case 2:
      return JSON.stringify({ destination: 'Ubot', events: pick(oddValues) });
    case 3:
      return '{"destination":"Ubot","events":[' + '{'.repeat(Math.floor(Math.random() * 50));
    default:
      return JSON.stringify({
        destination: pick(['Ubot', null, undefined]),
        events: Array.from({ length: Math.floor(Math.random() * 5) }, oddEvent),
      });
  }
}

/** Random bodies, correctly signed (so they pass the signature check and reach the parser and the engine). */
export async function fuzzScenario(scale: Scale): Promise<ScenarioResult> {
  const line = await startFaultyLine(ACCESS_TOKEN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-fuzz-'));
  const databaseUrl = `sqlite:${path.join(dir, 'bot.db')}`;
  const bot = await startBot({ databaseUrl, lineBaseUrl: line.baseUrl });
  try {
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < scale.fuzzBodies) {
        next++;
        const body = randomBody();
        const status = await post(bot.port, body, sign(body));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const fivexx = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
    // Afterwards, a resident's ordinary question is still answered.
    const after = [textEvent(residents(1)[0]!, '受付時間を教えてください')];
    await deliver(after[0]!, () => [bot.port], { statuses: new Map() }, Date.now() + 10_000);
    await settle(databaseUrl, [after[0]!.id], 20_000);
    await sleep(300);
    const figures = tally(after, line, await inboxRows(databaseUrl, [after[0]!.id]));
    const byStatus = [...statuses]
      .sort(([x], [y]) => x - y)
      .map(([s, c]) => `${s === 0 ? 'no answer' : s}×${c}`)
      .join(' ');
    return {
      figures,
      ok: fivexx === 0 && figures.answeredOnce === 1,
      note: `${scale.fuzzBodies} random signed bodies: ${byStatus}; then 1 ordinary question ${figures.answeredOnce === 1 ? 'answered' : 'NOT answered'}`,
    };
  } finally {
    await stopBot(bot);
    await line.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
