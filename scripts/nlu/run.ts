import path from 'node:path';
import { loadContent } from '../../src/content/load';
import { readCommandLine } from '../lib/cli';
import {
  crossValidate,
  evaluate,
  isBlind,
  isHeldOut,
  percent,
  rate,
  readEvaluationSplit,
  readLineLabels,
  readRows,
} from './evaluate';

/**
 * `npm run nlu:eval`: accuracy on the evaluation split (never used by the matcher) by style and by unit, 5-fold
 * cross-validation of the examples, the mistakes, page-silent questions answered as if in scope, and whether
 * the page-silent questions handed off name the right phone line (fixtures/nlu/lines.json).
 * `--rows FILE` evaluates another file of rows instead (the development set, say).
 */
function main() {
  const { values: args } = readCommandLine({
    usage: `usage: npm run nlu:eval [-- --rows FILE] [--brief] [--cv-misses]
  --rows FILE   evaluate these rows (the development set, say) instead of the evaluation split
  --brief       leave out the table by unit
  --cv-misses   list the examples cross-validation got wrong too`,
    options: {
      rows: { type: 'string' },
      brief: { type: 'boolean' },
      'cv-misses': { type: 'boolean' },
    },
    language: 'en',
  });
  const content = loadContent(process.env.CONTENT_FILE);
  const rows = args.rows ? readRows(args.rows) : readEvaluationSplit();
  // A development set's lines are labelled under its file name (dev22.json → dev22).
  const set = args.rows ? path.basename(args.rows, '.json') : 'evaluation';
  const report = evaluate(content, rows, { labels: readLineLabels(), set });
  const { lines } = report;
  const cv = crossValidate(content);
  const table = (title: string, tallies: Record<string, { right: number; total: number }>) => {
    console.log(`\n${title}`);
    for (const [key, t] of Object.entries(tallies).sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${key.padEnd(28)} ${percent(rate(t)).padStart(6)}  (${t.right}/${t.total})`);
    }
  };
  table('by style', report.byStyle);
  if (!args.brief) table('by unit', report.byUnit);
  console.log('\nmistakes');
  // Blind rows, and the held-out rows of a development set, are scored but never shown: tuning must not see them.
  const hidden = (id: string) => isBlind(id) || isHeldOut(set, id);
  for (const m of report.mistakes.filter((x) => !hidden(x.id))) {
    const context = m.context?.length ? `[${m.context.join(' / ')}] ` : '';
    console.log(`  ${m.id}: ${context}${m.say} → ${m.got.join('+')} (expected ${m.expected.join('+')})`);
  }
  for (const m of lines.mistakes.filter((x) => !hidden(x.id))) {
    const context = m.context?.length ? `[${m.context.join(' / ')}] ` : '';
    console.log(`  ${m.id}: ${context}${m.say} → the ${m.got} line (expected the ${m.want} line)`);
  }
  if (args['cv-misses']) for (const miss of cv.misses) console.log(`  cv: ${miss}`);
  console.log(`\nevaluation split: ${percent(report.accuracy)} of ${report.total} rows`);
  // The share of some rows that were right, from the reading already made (evaluating them again would train
  // the classifier again).
  const part = (of: (id: string) => boolean) => {
    const total = rows.filter((r) => of(r.id)).length;
    return { right: total - report.mistakes.filter((m) => of(m.id)).length, total };
  };
  const blind = part(isBlind);
  if (blind.total) {
    console.log(
      `  of which the blind set: ${percent(rate(blind))} of ${blind.total} rows (mistakes not shown)`,
    );
  }
  const heldOut = part((id) => isHeldOut(set, id));
  if (heldOut.total) {
    console.log(
      `  of which held out: ${percent(rate(heldOut))} of ${heldOut.total} rows (mistakes not shown)`,
    );
  }
  console.log(`cross-validation (5 folds of ${cv.total} examples): ${percent(cv.accuracy)}`);
  console.log(
    `page-silent questions answered as if in scope: ${report.silentAnswered} of ${report.silentTotal}`,
  );
  if (lines.total) {
    console.log(
      `page-silent questions handed off to the right line: ${percent(lines.right / lines.total)} (${lines.right} of ${lines.total} labelled, in Japanese)`,
    );
  }
}

main();
