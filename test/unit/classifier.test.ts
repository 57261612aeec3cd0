import { SoftmaxClassifier, type Sample } from '../../src/nlu/classifier';

const sample = (label: string, ...names: string[]): Sample => ({
  label,
  features: new Map(names.map((n) => [n, 1])),
});

const samples = [
  sample('hours', 'c:counter', 'c:whatTime'),
  sample('hours', 'c:whatTime', 'c:open'),
  sample('hours', 'c:counter', 'c:open'),
  sample('items', 'c:whatToBring'),
  sample('items', 'c:whatToBring', 'c:counter'),
  sample('items', 'c:need', 'c:counter'),
];

describe('SoftmaxClassifier', () => {
  it('tells apart labels by the features that separate them, with probabilities that sum to 1', () => {
    const model = new SoftmaxClassifier(samples);
    const ranked = model.rank(new Map([['c:whatTime', 1]]));
    expect(ranked[0]!.label).toBe('hours');
    expect(ranked[0]!.p).toBeGreaterThan(0.8);
    expect(ranked.reduce((sum, r) => sum + r.p, 0)).toBeCloseTo(1, 6);
    expect(model.rank(new Map([['c:whatToBring', 1]]))[0]!.label).toBe('items');
  });

  it('is unsure about a feature shared by both labels and ignores features it never saw', () => {
    const model = new SoftmaxClassifier(samples);
    const shared = model.rank(new Map([['c:counter', 1]]));
    expect(shared[0]!.p).toBeLessThan(0.8);
    const unseen = model.rank(new Map([['c:parking', 1]]));
    expect(unseen[0]!.p).toBeLessThan(0.8);
  });

  it('gives the same model for the same samples (training order is seeded, not random)', () => {
    const probe = new Map([
      ['c:counter', 1],
      ['c:need', 1],
    ]);
    const a = new SoftmaxClassifier(samples).rank(probe);
    const b = new SoftmaxClassifier(samples).rank(probe);
    expect(a).toEqual(b);
  });
});
