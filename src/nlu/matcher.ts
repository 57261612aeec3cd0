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
  /** Concepts that say how a question is asked (何, どこ, いつまで). */
  cues?: Set<string>;
  /** Concepts left out of precision: how a question is asked (何, どう) says little about what it is about. */
  precisionIgnores?: Set<string>;
  /** A cue of the message that the unit never answers (どこ to a unit about times) multiplies its score by this. */
  cuePenalty?: number;
}

/**
 * Scores answer units by the concepts a message covers. Recall of an example's concepts decides (a long message
 * that contains everything an example asks is not penalised for its extra words); concepts the unit never uses
 * lower the score a little, so that a message about something else is not answered by the unit it brushes.
 * Concepts are weighted by how few units use them, so 窓口 counts for less than 南熱海支所.
 */
interface CompiledExample {
  concepts: string[];
  weights: number[];
  total: number;
}

interface CompiledUnit {
  id: string;
  examples: CompiledExample[];
  vocabulary: Set<string>;
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
  private readonly compiled: CompiledUnit[];
  /** concept → the units whose examples use it: a message is scored only against units it shares one with. */
  private readonly unitsOf = new Map<string, number[]>();
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
    this.compiled = units.map((unit, index) => {
      const vocabulary = vocabularies[index]!;
      for (const c of vocabulary) {
        if (!this.unitsOf.has(c)) this.unitsOf.set(c, []);
        this.unitsOf.get(c)!.push(index);
      }
      const examples = unit.examples.map((e) => {
        const concepts = [...e];
        const weights = concepts.map((c) => this.weight(c));
        return { concepts, weights, total: weights.reduce((a, b) => a + b, 0) };
      });
      return { id: unit.id, examples: examples.filter((e) => e.total > 0), vocabulary };
    });
  }

  weight(concept: string): number {
    return this.weights.get(concept) ?? this.unknownWeight;
  }

  /** Every unit that shares a concept with the message, best first. */
  rank(concepts: Set<string>): Ranked[] {
    let messageWeight = 0;
    const known = new Map<number, number>();
    const candidates = new Set<number>();
    for (const c of concepts) {
      const w = this.precisionIgnores.has(c) ? 0 : this.weight(c);
      messageWeight += w;
      for (const index of this.unitsOf.get(c) ?? []) {
        candidates.add(index);
        known.set(index, (known.get(index) ?? 0) + w);
      }
    }
    if (candidates.size === 0) return [];
    const ranked: Ranked[] = [];
    for (const index of candidates) {
      const knownWeight = known.get(index) ?? 0;
      const unit = this.compiled[index]!;
      let best = 0;
      let bestCovered = 0;
      let bestExample: CompiledExample | null = null;
      for (const example of unit.examples) {
        let covered = 0;
        for (let i = 0; i < example.concepts.length; i++) {
          if (concepts.has(example.concepts[i]!)) covered += example.weights[i]!;
        }
        const recall = covered / example.total;
        if (recall > best || (recall === best && covered > bestCovered)) {
          best = recall;
          bestCovered = covered;
          bestExample = example;
        }
      }
      if (!bestExample) continue;
      const precision = messageWeight === 0 ? 1 : knownWeight / messageWeight;
      const strength = Math.sqrt(Math.min(1, bestCovered / this.fullEvidence));
      const score =
        best * Math.pow(precision, this.precisionWeight) * strength +
        // A tiny share of the covered weight breaks ties towards the more specific unit.
        bestCovered * 1e-3;
      ranked.push({ unit: unit.id, score, evidence: bestExample.concepts.filter((c) => concepts.has(c)) });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }
}
