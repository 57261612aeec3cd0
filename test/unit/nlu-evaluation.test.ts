import fs from 'node:fs';
import { loadContent } from '../../src/content/load';
import { fold } from '../../src/nlu/normalize';
import {
  crossValidate,
  evaluate,
  HANDOFF,
  isBlind,
  percent,
  readEvaluationSplit,
  readLineLabels,
  readRows,
} from '../../scripts/nlu/evaluate';
import path from 'node:path';

/**
 * Understanding measured on rows the matcher never uses. The targets are 95% (evaluation split), 90%
 * (cross-validation) and no page-silent question answered. The first two are reached and gated at the target
 * or at what was reached; page-silent answers are held at what has been reached (2 of 159), so that no change
 * makes it worse. Raise them as understanding improves; `npm run nlu:eval` prints the details.
 */
const FLOORS = {
  evaluation: 0.95,
  blind: 0.935,
  crossValidation: 0.91,
  silentAnsweredRate: 0.007,
  // Of the page-silent questions handed off, those that name the line fixtures/nlu/lines.json says: 88.7% when
  // the labels were first read, 94.0–94.7% once the lines were mended on the development sets' labels, 96.7%
  // (145 of 150) once fraud aftercare, proxies at the city's counters and what 市民生活課 writes on the card were
  // given the lines the labellers agree on (a retraining moves it by a row or two, so the floor is two rows below).
  rightLine: 0.95,
};

const content = loadContent();
const rows = readEvaluationSplit();

describe('the evaluation split', () => {
  it('has at least 600 rows, 60 follow-up pairs and 80 page-silent questions, in at least ten styles', () => {
    expect(rows.length).toBeGreaterThanOrEqual(600);
    expect(rows.filter((r) => r.context?.length).length).toBeGreaterThanOrEqual(60);
    expect(
      rows.filter((r) => r.expect.length === 1 && r.expect[0] === HANDOFF).length,
    ).toBeGreaterThanOrEqual(80);
    expect(new Set(rows.map((r) => r.style)).size).toBeGreaterThanOrEqual(10);
  });

  it('labels every row with a unit that exists', () => {
    const units = new Set([...content.knowledge.units.map((u) => u.id), HANDOFF]);
    const unknown = rows.flatMap((r) => [...r.expect, ...(r.accept ?? [])]).filter((u) => !units.has(u));
    expect(unknown).toEqual([]);
  });

  it('shares no row with the examples or the synonym lists the matcher uses', () => {
    const used = new Set(
      [
        ...content.knowledge.units.flatMap((u) => u.examples),
        ...content.knowledge.unknowns.flatMap((u) => u.examples),
        ...Object.values(content.knowledge.concepts).flat(),
      ].map(fold),
    );
    const fixtures = path.join(__dirname, '../../fixtures/nlu');
    const devSets = fs.readdirSync(fixtures).filter((file) => /^dev\d*\.json$/.test(file));
    expect(devSets.length).toBeGreaterThanOrEqual(6);
    const dev = devSets.flatMap((file) => readRows(path.join(fixtures, file)));
    const leaked = [...rows, ...dev]
      .flatMap((r) => [r.say, ...(r.context ?? [])])
      .filter((t) => used.has(fold(t)));
    expect(leaked).toEqual([]);
  });
});

describe('understanding, measured', () => {
  const report = evaluate(content, rows, { labels: readLineLabels(), set: 'evaluation' });
  const blind = evaluate(
    content,
    rows.filter((r) => isBlind(r.id)),
  );

  it(`answers at least ${percent(FLOORS.evaluation)} of the evaluation split`, () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(FLOORS.evaluation);
    expect(blind.accuracy).toBeGreaterThanOrEqual(FLOORS.blind);
  });

  // Five trainings of 10–20 s each on a 2-core machine: far more than the default timeout.
  it(`cross-validates the examples at ${percent(FLOORS.crossValidation)} or better`, () => {
    expect(crossValidate(content).accuracy).toBeGreaterThanOrEqual(FLOORS.crossValidation);
  }, 300_000);

  it('answers few page-silent questions as if in scope', () => {
    expect(report.silentAnswered / report.silentTotal).toBeLessThanOrEqual(FLOORS.silentAnsweredRate);
  });

  it(`hands at least ${percent(FLOORS.rightLine)} of the page-silent questions it hands off to the right line`, () => {
    const { lines } = report;
    expect(lines.total).toBeGreaterThanOrEqual(100);
    expect(lines.right / lines.total).toBeGreaterThanOrEqual(FLOORS.rightLine);
  });
});

describe('the labels of phone lines', () => {
  const labels = readLineLabels();
  const fixtures = path.join(__dirname, '../../fixtures/nlu');
  // The development sets from dev15 on; the older ones are not labelled.
  const devSets = fs
    .readdirSync(fixtures)
    .map((file) => /^dev(\d+)\.json$/.exec(file))
    .filter((match) => match && Number(match[1]) >= 15)
    .map((match) => `dev${match![1]}`);
  const labelledSets = ['evaluation', ...devSets];
  const rowsOf = (set: string) =>
    set === 'evaluation' ? rows : readRows(path.join(fixtures, `${set}.json`));
  const pageSilent = labelledSets.flatMap((set) =>
    rowsOf(set)
      .filter((r) => r.expect.length === 1 && r.expect[0] === HANDOFF)
      .map((r) => `${set}:${r.id}`),
  );

  it('labels every page-silent row of the evaluation split and of dev15 onwards, and nothing else', () => {
    expect(devSets.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(labels).sort()).toEqual([...pageSilent].sort());
  });
});
