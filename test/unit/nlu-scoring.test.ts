import { isCorrect, isHeldOut, type EvaluationRow } from '../../scripts/nlu/evaluate';

const row = (expect: string[], accept?: string[]): EvaluationRow => ({
  id: 'x-1',
  style: 'compound',
  say: '支援窓口は何階ですか？駐車場はありますか？',
  expect,
  ...(accept ? { accept } : {}),
});

describe('scoring a row', () => {
  it('counts one answer and the other question handed off as both, where both are expected or accepted', () => {
    expect(isCorrect(row(['counter.cityHall', 'handoff']), ['counter.cityHall', 'handoff'])).toBe(true);
    expect(isCorrect(row(['counter.cityHall'], ['handoff']), ['counter.cityHall', 'handoff'])).toBe(true);
  });

  it('does not count a hand-off the row does not accept, nor a second answer in place of one', () => {
    expect(isCorrect(row(['counter.cityHall']), ['counter.cityHall', 'handoff'])).toBe(false);
    expect(isCorrect(row(['handoff']), ['counter.cityHall', 'handoff'])).toBe(false);
    expect(
      isCorrect(row(['counter.cityHall'], ['counter.places']), ['counter.cityHall', 'counter.places']),
    ).toBe(false);
    expect(isCorrect(row(['counter.cityHall', 'handoff']), ['counter.cityHall'])).toBe(false);
  });
});

describe('the held-out rows of the development sets, whose mistakes are never printed', () => {
  it('holds out the rows with an odd number from dev15 on, and all of dev4', () => {
    expect(isHeldOut('dev25', 'm-205')).toBe(true);
    expect(isHeldOut('dev25', 'm-204')).toBe(false);
    expect(isHeldOut('dev15', 'x-001')).toBe(true);
    expect(isHeldOut('dev4', 'r-012')).toBe(true);
  });

  it('holds out nothing of the older development sets and the evaluation split', () => {
    expect(isHeldOut('dev14', 'u-151')).toBe(false);
    expect(isHeldOut('dev', 'd-001')).toBe(false);
    expect(isHeldOut('evaluation', 'b-001')).toBe(false);
  });
});
