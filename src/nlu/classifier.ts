/** Features of a message: a name and its value (1 for a concept, less for a pair of characters). */
export type Features = Map<string, number>;

export interface Sample {
  features: Features;
  label: string;
}

export interface ClassifierOptions {
  /** Passes over the samples. */
  epochs?: number;
  /**
   * The model kept is the mean of the weights at the end of this many last passes: one pass's weights lean
   * towards the samples it saw last, so that one example more or less moved answers elsewhere.
   */
  averaged?: number;
  /** The first step size; it shrinks with each pass. */
  rate?: number;
  /** How strongly weights are pulled back towards 0, so that no single word decides alone. */
  l2?: number;
  /** Seeds the order of the samples, so that the same content always gives the same model. */
  seed?: number;
}

/** A trained model as numbers, to be stored and restored: row i of `weights` belongs to `features[i]`. */
export interface ClassifierState {
  labels: string[];
  features: string[];
  /** features.length × labels.length weights, feature by feature. */
  weights: Float32Array;
}

export interface Scored {
  label: string;
  /** The probability the model gives the label, between 0 and 1; all labels sum to 1. */
  p: number;
}

/** A small deterministic generator (mulberry32): the training order must not depend on Math.random. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A gradient this small changes nothing worth the time: skipping it makes training several times faster.
const NEGLIGIBLE = 1e-4;

/**
 * Multinomial logistic regression over a message's features, trained on the content's example phrasings when
 * the understanding is built. Where the example matcher asks "how much of one example does the message cover",
 * this weighs every concept and character pair by how well it tells the units apart across all their examples,
 * and gives a probability that can be compared across messages.
 */
export class SoftmaxClassifier {
  readonly labels: string[];
  private readonly weights = new Map<string, Float32Array>();

  /** A model trained before (see `state`): the same answers, without training again. */
  static restore(state: ClassifierState): SoftmaxClassifier {
    const model = new SoftmaxClassifier([]);
    model.labels.push(...state.labels);
    const width = state.labels.length;
    if (state.weights.length !== state.features.length * width) {
      throw new Error(
        `a stored classifier has ${state.weights.length} weights for ${state.features.length} features × ${width} labels`,
      );
    }
    state.features.forEach((name, i) =>
      model.weights.set(name, state.weights.subarray(i * width, (i + 1) * width)),
    );
    return model;
  }

  constructor(samples: Sample[], options: ClassifierOptions = {}) {
    const epochs = options.epochs ?? 30;
    const averaged = Math.min(epochs, Math.max(1, options.averaged ?? 15));
    const rate = options.rate ?? 0.5;
    const l2 = options.l2 ?? 1e-4;
    const random = seeded(options.seed ?? 1);
    this.labels = [...new Set(samples.map((s) => s.label))].sort();
    const index = new Map(this.labels.map((label, i) => [label, i]));
    const encoded = samples.map((s) => ({
      features: [...s.features].map(([name, value]) => ({ row: this.row(name), value })),
      label: index.get(s.label)!,
    }));
    const order = encoded.map((_, i) => i);
    const p = new Float64Array(this.labels.length);
    const classes = new Int32Array(this.labels.length);
    const gradients = new Float64Array(this.labels.length);
    const sums = new Map<Float32Array, Float64Array>();
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const step = rate / (1 + epoch * 0.1);
      for (const k of order) {
        const sample = encoded[k]!;
        this.probabilities(sample.features, p);
        // The classes worth a step, found once; then each feature's row is updated in one pass.
        let n = 0;
        for (let c = 0; c < p.length; c++) {
          const gradient = p[c]! - (c === sample.label ? 1 : 0);
          if (Math.abs(gradient) < NEGLIGIBLE) continue;
          classes[n] = c;
          gradients[n] = gradient;
          n++;
        }
        for (const { row, value } of sample.features) {
          for (let i = 0; i < n; i++) {
            const c = classes[i]!;
            row[c] = row[c]! - step * (gradients[i]! * value + l2 * row[c]!);
          }
        }
      }
      if (epoch >= epochs - averaged) {
        for (const row of this.weights.values()) {
          let sum = sums.get(row);
          if (!sum) sums.set(row, (sum = new Float64Array(row.length)));
          for (let c = 0; c < row.length; c++) sum[c] = sum[c]! + row[c]!;
        }
      }
    }
    for (const [row, sum] of sums) for (let c = 0; c < row.length; c++) row[c] = sum[c]! / averaged;
  }

  state(): ClassifierState {
    const features = [...this.weights.keys()];
    const width = this.labels.length;
    const weights = new Float32Array(features.length * width);
    features.forEach((name, i) => weights.set(this.weights.get(name)!, i * width));
    return { labels: [...this.labels], features, weights };
  }

  /** Every label with its probability, most probable first. */
  rank(features: Features): Scored[] {
    return [...this.likely(features, 0)].map(([label, p]) => ({ label, p })).sort((a, b) => b.p - a.p);
  }

  /** The labels at least this probable, with their probabilities (most labels are far below any use). */
  likely(features: Features, floor: number): Map<string, number> {
    const known: { row: Float32Array; value: number }[] = [];
    for (const [name, value] of features) {
      const row = this.weights.get(name);
      if (row) known.push({ row, value });
    }
    const p = new Float64Array(this.labels.length);
    this.probabilities(known, p);
    const out = new Map<string, number>();
    for (let i = 0; i < p.length; i++) if (p[i]! >= floor) out.set(this.labels[i]!, p[i]!);
    return out;
  }

  private row(name: string): Float32Array {
    let row = this.weights.get(name);
    if (!row) {
      row = new Float32Array(this.labels.length);
      this.weights.set(name, row);
    }
    return row;
  }

  private probabilities(features: { row: Float32Array; value: number }[], out: Float64Array): void {
    out.fill(0);
    for (const { row, value } of features)
      for (let c = 0; c < out.length; c++) out[c] = out[c]! + row[c]! * value;
    let max = -Infinity;
    for (const z of out) max = Math.max(max, z);
    let sum = 0;
    for (let c = 0; c < out.length; c++) {
      out[c] = Math.exp(out[c]! - max);
      sum += out[c]!;
    }
    for (let c = 0; c < out.length; c++) out[c] = out[c]! / sum;
  }
}
