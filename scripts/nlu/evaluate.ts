import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Content } from '../../src/content/schema';
import { createUnderstanding, type LanguageUnderstanding } from '../../src/nlu';
import { detectScript } from '../../src/nlu/language';
import type { Understanding } from '../../src/nlu/types';

/** One evaluation row: a message (after an optional earlier one) and the unit(s) that answer it. */
export const evaluationRow = z.object({
  id: z.string(),
  style: z.string(),
  say: z.string().min(1),
  expect: z.array(z.string()).min(1).max(2),
  accept: z.array(z.string()).optional(),
  context: z.array(z.string()).optional(),
  contextExpect: z.array(z.string()).optional(),
  lang: z.string().optional(),
});
export type EvaluationRow = z.infer<typeof evaluationRow>;

export const HANDOFF = 'handoff';

/** Rows written after tuning began by someone who never saw the matcher: scored, never shown while tuning. */
export const isBlind = (id: string) => id.startsWith('c-') || id.startsWith('e-');
/**
 * Rows of a development set whose mistakes are never read while tuning: all of dev4, and the rows with an odd number
 * of dev15 onwards (`l-003`), so that each keeps an honest half.
 */
export function isHeldOut(set: string, id: string): boolean {
  if (set === 'dev4') return true;
  const number = /^dev(\d+)$/.exec(set);
  if (!number || Number(number[1]) < 15) return false;
  return Number(id.replace(/\D/g, '')) % 2 === 1;
}
const MULTILINGUAL = 'contact.multilingual';

export function readRows(file: string): EvaluationRow[] {
  return z.array(evaluationRow).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function readEvaluationSplit(
  dir = path.join(__dirname, '../../fixtures/nlu/evaluation'),
): EvaluationRow[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => readRows(path.join(dir, f)));
}

/** The row's message understood after its earlier ones, as the bot would. */
function understandRow(nlu: LanguageUnderstanding, row: Pick<EvaluationRow, 'say' | 'context'>) {
  let memory = null;
  for (const earlier of row.context ?? []) memory = nlu.understand(earlier, memory).memory ?? memory;
  return nlu.understand(row.say, memory);
}

/** What the bot does with a message, as unit ids: the hand-off is `handoff`, other languages the phone line. */
export function predict(nlu: LanguageUnderstanding, row: Pick<EvaluationRow, 'say' | 'context'>): string[] {
  return predicted(understandRow(nlu, row), row);
}

function predicted(u: Understanding, row: Pick<EvaluationRow, 'say'>): string[] {
  if (detectScript(row.say) === 'otherLanguage') return [MULTILINGUAL];
  if (u.units.length === 0) return [HANDOFF];
  // Two questions, one answered and the other handed off.
  return u.handoff ? [...u.units, HANDOFF] : u.units;
}

export function isCorrect(row: EvaluationRow, predicted: string[]): boolean {
  const accepted = new Set([...row.expect, ...(row.accept ?? [])]);
  if (predicted.some((p) => !accepted.has(p))) return false;
  // 「駐車場はありますか？それと窓口は何階ですか？」 labelled 「何階」 or the hand-off: answering the one and handing
  // off the other gives both.
  const answeredAndHandedOff = predicted.length === 2 && predicted[1] === HANDOFF;
  if (row.expect.length === 1) return predicted.length === 1 || answeredAndHandedOff;
  return row.expect.every((e) => predicted.includes(e));
}

export interface Tally {
  right: number;
  total: number;
}
const rate = (t: Tally) => (t.total ? t.right / t.total : 1);

export interface EvaluationReport {
  accuracy: number;
  total: number;
  byStyle: Record<string, Tally>;
  byUnit: Record<string, Tally>;
  mistakes: { id: string; say: string; context?: string[]; expected: string[]; got: string[] }[];
  /** Page-silent questions that got an in-scope answer (must be 0). */
  silentAnswered: number;
  silentTotal: number;
  /** Whether the labelled page-silent questions handed off name the right line (none counted without labels). */
  lines: LineReport;
}

/**
 * `lines`: the labels of phone lines and the name the rows' set has in them (`evaluation`, `dev22`), to score the
 * line of each hand-off from the same reading.
 */
export function evaluate(
  content: Content,
  rows: EvaluationRow[],
  lines?: { labels: LineLabels; set: string },
): EvaluationReport {
  const nlu = createUnderstanding(content);
  const lineReport: LineReport = { right: 0, total: 0, mistakes: [] };
  const byStyle: Record<string, Tally> = {};
  const byUnit: Record<string, Tally> = {};
  const mistakes: EvaluationReport['mistakes'] = [];
  let right = 0;
  let silentAnswered = 0;
  let silentTotal = 0;
  for (const row of rows) {
    const understood = understandRow(nlu, row);
    const got = predicted(understood, row);
    if (lines) scoreLine(lineReport, row, understood, lines.labels[`${lines.set}:${row.id}`]);
    const ok = isCorrect(row, got);
    if (ok) right++;
    else mistakes.push({ id: row.id, say: row.say, context: row.context, expected: row.expect, got });
    const count = (table: Record<string, Tally>, key: string) => {
      table[key] ??= { right: 0, total: 0 };
      table[key].total++;
      if (ok) table[key].right++;
    };
    count(byStyle, row.style);
    for (const unit of row.expect) count(byUnit, unit);
    if (row.expect.length === 1 && row.expect[0] === HANDOFF) {
      silentTotal++;
      if (got[0] !== HANDOFF) silentAnswered++;
    }
  }
  return {
    accuracy: right / rows.length,
    total: rows.length,
    byStyle,
    byUnit,
    mistakes,
    lines: lineReport,
    silentAnswered,
    silentTotal,
  };
}

/** K-fold cross-validation of the examples: each fold's examples predicted by a matcher built without them. */
export function crossValidate(
  content: Content,
  folds = 5,
): { accuracy: number; total: number; misses: string[] } {
  const all = content.knowledge.units.flatMap((u) =>
    u.examples.map((e, i) => ({ unit: u.id, example: e, i })),
  );
  let right = 0;
  const misses: string[] = [];
  for (let k = 0; k < folds; k++) {
    const heldOut = all.filter((_, n) => n % folds === k);
    const held = new Set(heldOut.map((h) => `${h.unit}\u0000${h.example}`));
    const nlu = createUnderstanding(content, {
      exclude: (unit, example) => held.has(`${unit}\u0000${example}`),
    });
    for (const h of heldOut) {
      const got = nlu.understand(h.example).units;
      if (got[0] === h.unit && got.length === 1) right++;
      else misses.push(`${h.example} → ${got.join('+') || HANDOFF} (${h.unit})`);
    }
  }
  return { accuracy: right / all.length, total: all.length, misses };
}

/**
 * Which line a page-silent question should be handed to, labelled apart from the rows (the rows are never
 * edited) by someone who saw only the page and the rule in fixtures/nlu/lines.md: `set:id` → line, where set
 * is `evaluation` or a development set's file name without `.json`. `either` is right whichever line is named.
 */
export const lineLabels = z.record(
  z.string().regex(/^(evaluation|dev\d*):[\w-]+$/),
  z.enum(['hotline', 'city', 'either']),
);
export type LineLabels = z.infer<typeof lineLabels>;

export function readLineLabels(file = path.join(__dirname, '../../fixtures/nlu/lines.json')): LineLabels {
  return lineLabels.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export interface LineReport {
  right: number;
  /** Labelled Japanese rows that were handed off (an English reply always names the multilingual line). */
  total: number;
  mistakes: { id: string; say: string; context?: string[]; want: string; got: string }[];
}

/** A labelled Japanese row the bot hands off counts towards the line report: right when it names the label's line. */
function scoreLine(report: LineReport, row: EvaluationRow, u: Understanding, want: string | undefined): void {
  if (!want || row.lang || detectScript(row.say) !== 'japanese') return;
  if (u.units.length > 0 || !u.handoff) return;
  report.total++;
  if (want === 'either' || want === u.handoff) report.right++;
  else report.mistakes.push({ id: row.id, say: row.say, context: row.context, want, got: u.handoff });
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
export { rate };
