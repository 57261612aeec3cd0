import { isCorrect, type EvaluationRow } from '../../scripts/nlu/evaluate';

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
