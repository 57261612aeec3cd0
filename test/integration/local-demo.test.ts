import pino from 'pino';
import { startBot, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { tempSqliteFile } from '../helpers/database';

let bot: RunningBot;

beforeAll(async () => {
  // Real time, as a newcomer starts it today: long after the programme ended.
  const config = parseConfig(
    { PORT: '0', DATABASE_URL: `sqlite:${tempSqliteFile()}`, LOG_LEVEL: 'silent' },
    () => 'local-secret-for-the-test',
  );
  bot = await startBot(config, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => bot.close());

it('tells a newcomer the programme has ended, and offers a moment inside it in one click', async () => {
  const base = `http://127.0.0.1:${bot.port}`;
  type LocalConfig = { programmeEnded: boolean; demo: { at: string; label: string } };
  const before = (await (await fetch(`${base}/local/config`)).json()) as LocalConfig;
  expect(before.programmeEnded).toBe(true);
  expect(before.demo).toEqual({ at: '2023-04-12T10:00:00+09:00', label: '2023/04/12(水) 10:00' });
  const page = await (await fetch(`${base}/`)).text();
  expect(page).toContain('id="clock-demo"');
  expect(page).toContain('受付は終わっています');
  await fetch(`${base}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: before.demo.at }),
  });
  const after = (await (await fetch(`${base}/local/config`)).json()) as LocalConfig;
  expect(after.programmeEnded).toBe(false);
});
