import type { Topic } from '../../flows';

export interface Scored {
  topic: Topic;
  score: number;
}

function grams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (g: string) => out.set(g, (out.get(g) ?? 0) + 1);
  if (text.length === 1) add(text);
  for (let n = 2; n <= 3; n++) for (let i = 0; i + n <= text.length; i++) add(text.slice(i, i + n));
  return out;
}

interface Example {
  topic: Topic;
  weight: number;
}

/**
 * Character n-gram similarity to example utterances: bigrams and trigrams weighted by how few topics use
 * them (IDF), compared as a weighted F-score between the message and each example. No dictionary needed.
 */
export class NgramClassifier {
  private readonly examples: Example[];
  /** gram → the examples that contain it: a message is compared only with examples it shares a gram with. */
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownWeight: number;

  constructor(
    examplesByTopic: Partial<Record<Topic, string[]>>,
    private readonly normalize: (text: string) => string,
  ) {
    const topicsPerGram = new Map<string, Set<Topic>>();
    const raw: { topic: Topic; grams: Map<string, number> }[] = [];
    for (const [topic, list] of Object.entries(examplesByTopic) as [Topic, string[]][]) {
      for (const example of list) {
        const g = grams(normalize(example));
        raw.push({ topic, grams: g });
        for (const gram of g.keys()) {
          if (!topicsPerGram.has(gram)) topicsPerGram.set(gram, new Set());
          topicsPerGram.get(gram)!.add(topic);
        }
      }
    }
    const topicCount = Object.keys(examplesByTopic).length;
    for (const [gram, topics] of topicsPerGram) this.idf.set(gram, Math.log(1 + topicCount / topics.size));
    this.unknownWeight = Math.log(1 + topicCount);
    this.examples = raw.map((r, index) => {
      for (const gram of r.grams.keys()) {
        if (!this.postings.has(gram)) this.postings.set(gram, []);
        this.postings.get(gram)!.push(index);
      }
      return { topic: r.topic, weight: this.weigh(r.grams) };
    });
  }

  private gramWeight(gram: string): number {
    return this.idf.get(gram) ?? this.unknownWeight;
  }

  private weigh(g: Map<string, number>): number {
    let sum = 0;
    for (const gram of g.keys()) sum += this.gramWeight(gram);
    return sum;
  }

  /** Every topic with its best example's score, best first. */
  rank(text: string): Scored[] {
    const u = grams(this.normalize(text));
    const uWeight = this.weigh(u);
    const best = new Map<Topic, number>();
    if (uWeight === 0) return [];
    const shared = new Map<number, number>();
    for (const gram of u.keys()) {
      const weight = this.gramWeight(gram);
      for (const index of this.postings.get(gram) ?? []) shared.set(index, (shared.get(index) ?? 0) + weight);
    }
    for (const [index, sharedWeight] of shared) {
      const ex = this.examples[index]!;
      const precision = sharedWeight / uWeight;
      const recall = sharedWeight / ex.weight;
      // Balanced: recall alone would let a long off-topic message match a short example it happens to contain.
      const score = (2 * precision * recall) / (precision + recall);
      if (score > (best.get(ex.topic) ?? 0)) best.set(ex.topic, score);
    }
    return [...best.entries()].map(([topic, score]) => ({ topic, score })).sort((a, b) => b.score - a.score);
  }
}
