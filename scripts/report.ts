/**
 * `npm run report -- unanswered [--since 2023-04-01]`: the questions the bot handed to a phone line, with the
 * line (route), grouped by similarity with counts, so staff can see which answers to add next. Reads the store
 * named by DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../src/config';
import { UNANSWERED_RETENTION_MS } from '../src/store/retention';
import { countRoutes, groupUnanswered } from '../src/report/unanswered';
import { createStore } from '../src/store';
import { readCommandLine, usageError } from './lib/cli';

const COMMAND_LINE = {
  usage: [
    'usage: npm run report -- unanswered [--since YYYY-MM-DD]',
    '  unanswered  the questions handed to a phone line, grouped by similarity (the last 90 days, or since the',
    '              day given, Japan time); reads the store named by DATABASE_URL',
  ].join('\n'),
  language: 'en',
  positionals: true,
  options: { since: { type: 'string' } },
} as const;

async function main() {
  const { values, positionals } = readCommandLine(COMMAND_LINE);
  const [command, ...extra] = positionals;
  if (command !== 'unanswered')
    usageError(COMMAND_LINE, command ? `unknown report "${command}"` : 'which report?');
  if (extra.length) usageError(COMMAND_LINE, `unexpected argument "${extra[0]}"`);
  let since = Date.now() - UNANSWERED_RETENTION_MS;
  if (values.since !== undefined) {
    const day = values.since;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+09:00`)))
      usageError(COMMAND_LINE, `--since wants a date such as 2023-04-01, not "${day}"`);
    since = Date.parse(`${day}T00:00:00+09:00`);
  }
  const config = parseConfig(
    { ...process.env, LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '', NODE_ENV: '' },
    () => randomBytes(8).toString('hex'),
  );
  const store = createStore(config.database);
  try {
    await store.migrate();
    const questions = await store.listUnanswered(since);
    const groups = groupUnanswered(questions);
    const from = new Date(since + 9 * 3600_000).toISOString().slice(0, 10);
    console.log(
      `Questions the bot handed to a phone line since ${from} (Asia/Tokyo): ${questions.length}, in ${groups.length} groups`,
    );
    const lines = (routes: { route: string; count: number }[]) =>
      routes.map((r) => `${r.route} ${r.count}`).join(', ');
    if (questions.length) console.log(`by line: ${lines(countRoutes(questions))}`);
    console.log('');
    for (const g of groups) {
      console.log(`${String(g.count).padStart(4)} × ${g.example}`);
      for (const o of g.others) console.log(`       ・${o}`);
      console.log(`       handed to: ${lines(g.routes)}`);
      if (g.nearUnits.length) console.log(`       closest answer units: ${g.nearUnits.join(', ')}`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
