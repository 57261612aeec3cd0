/** One answer unit as the matcher knows it: the concept sets of its example phrasings. */
export interface UnitPatterns {
  id: string;
  examples: Set<string>[];
}

export interface Ranked {
  unit: string;
  score: number;
  /** The unit's concepts that the message contains (of its best example). */
  evidence: string[];
}

export interface MatcherOptions {
  /** How much concepts that the unit never uses lower its score (0: not at all). */
  precisionWeight?: number;
  /** The weight of evidence that makes a full match: less (a lone 窓口) is not enough to be sure. */
  fullEvidence?: number;
  /** Concepts left out of precision: how a question is asked (何, どう) says little about what it is about. */
  precisionIgnores?: Set<string>;
}

interface CompiledExample {
  unit: number;
  concepts: string[];
  total: number;
}

/**
 * Scores answer units by the concepts a message covers. Recall of an example's concepts decides (a long message
 * that contains everything an example asks is not penalised for its extra words); concepts the unit never uses
 * lower the score, so that a message about something else is not answered by the unit it brushes.
 * Concepts are weighted by how few units use them, so 窓口 counts for less than 南熱海支所.
 */
export class UnitMatcher {
  private readonly weights = new Map<string, number>();
  private readonly unknownWeight: number;
  private readonly units: string[];
  private readonly examples: CompiledExample[] = [];
  /** concept → the units whose examples use it: a message is scored only against units it shares one with. */
  private readonly unitsOf = new Map<string, number[]>();
  /** unit → every concept its examples use. */
  private readonly vocabularies = new Map<string, Set<string>>();
  /** concept → the examples that use it: only those are read for a message (there are well over a thousand). */
  private readonly examplesOf = new Map<string, number[]>();
  /** Reused between calls: the covered weight of each example (zeroed again after each call). */
  private readonly covered: Float64Array;
  private readonly precisionWeight: number;
  private readonly fullEvidence: number;
  private readonly precisionIgnores: Set<string>;

  constructor(units: UnitPatterns[], options: MatcherOptions = {}) {
    this.precisionWeight = options.precisionWeight ?? 1;
    this.fullEvidence = options.fullEvidence ?? 2.5;
    this.precisionIgnores = options.precisionIgnores ?? new Set();
    const vocabularies = units.map((u) => new Set(u.examples.flatMap((e) => [...e])));
    const unitsPerConcept = new Map<string, number>();
    for (const vocabulary of vocabularies) {
      for (const c of vocabulary) unitsPerConcept.set(c, (unitsPerConcept.get(c) ?? 0) + 1);
    }
    const n = units.length;
    for (const [c, df] of unitsPerConcept) this.weights.set(c, Math.log(1 + n / df));
    this.unknownWeight = Math.log(1 + n);
    this.units = units.map((u) => u.id);
    units.forEach((unit, index) => {
      this.vocabularies.set(unit.id, vocabularies[index]!);
      for (const c of vocabularies[index]!) push(this.unitsOf, c, index);
      // Examples that read as the same concepts are one example to the matcher.
      const distinct = new Map(unit.examples.map((e) => [[...e].sort().join(' '), [...e]]));
      for (const concepts of distinct.values()) {
        const total = concepts.reduce((sum, c) => sum + this.weight(c), 0);
        if (total <= 0) continue;
        const id = this.examples.length;
        this.examples.push({ unit: index, concepts, total });
        for (const c of concepts) push(this.examplesOf, c, id);
      }
    });
    this.covered = new Float64Array(this.examples.length);
  }

  /** Whether any example of the unit uses the concept. */
  uses(unit: string, concept: string): boolean {
    return this.vocabularies.get(unit)?.has(concept) ?? false;
  }

  /** The units whose examples use the concept. */
  unitsUsing(concept: string): string[] {
    return (this.unitsOf.get(concept) ?? []).map((index) => this.units[index]!);
  }

  weight(concept: string): number {
    return this.weights.get(concept) ?? this.unknownWeight;
  }

  /** Every unit that shares a concept with the message, best first. */
  rank(concepts: Set<string>): Ranked[] {
    let messageWeight = 0;
    const known = new Map<number, number>();
    const touched: number[] = [];
    for (const c of concepts) {
      const w = this.precisionIgnores.has(c) ? 0 : this.weight(c);
      messageWeight += w;
      for (const index of this.unitsOf.get(c) ?? []) known.set(index, (known.get(index) ?? 0) + w);
      const cw = this.weight(c);
      for (const id of this.examplesOf.get(c) ?? []) {
        if (this.covered[id] === 0) touched.push(id);
        this.covered[id]! += cw;
      }
    }
    // The best example of each unit: the highest recall, then the most weight covered.
    const best = new Map<number, { recall: number; covered: number; example: CompiledExample }>();
    for (const id of touched) {
      const example = this.examples[id]!;
      const covered = this.covered[id]!;
      this.covered[id] = 0;
      const recall = covered / example.total;
      const held = best.get(example.unit);
      if (!held || recall > held.recall || (recall === held.recall && covered > held.covered)) {
        best.set(example.unit, { recall, covered, example });
      }
    }
    const ranked: Ranked[] = [];
    for (const [index, { recall, covered, example }] of best) {
      const knownWeight = known.get(index) ?? 0;
      const precision = messageWeight === 0 ? 1 : knownWeight / messageWeight;
      const strength = Math.sqrt(Math.min(1, covered / this.fullEvidence));
      const score =
        recall * Math.pow(precision, this.precisionWeight) * strength +
        // A tiny share of the covered weight breaks ties towards the more specific unit.
        covered * 1e-3;
      ranked.push({
        unit: this.units[index]!,
        score,
        evidence: example.concepts.filter((c) => concepts.has(c)),
      });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }
}

const push = (map: Map<string, number[]>, key: string, value: number) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
