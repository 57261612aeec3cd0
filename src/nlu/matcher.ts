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
  /** A cue of the message that the unit never answers (どこ to a unit about times) multiplies its score by this. */
  cuePenalty?: number;
}

/**
 * Scores answer units by the concepts a message covers. Recall of an example's concepts decides (a long message
 * that contains everything an example asks is not penalised for its extra words); concepts the unit never uses
 * lower the score a little, so that a message about something else is not answered by the unit it brushes.
 * Concepts are weighted by how few units use them, so 窓口 counts for less than 南熱海支所.
 */
export class UnitMatcher {
  private readonly weights = new Map<string, number>();
  private readonly unknownWeight: number;
  private readonly vocabulary = new Map<string, Set<string>>();
  private readonly precisionWeight: number;
  private readonly fullEvidence: number;
  private readonly cues: Set<string>;
  private readonly cuePenalty: number;

  constructor(
    private readonly units: UnitPatterns[],
    options: MatcherOptions = {},
  ) {
    this.precisionWeight = options.precisionWeight ?? 1;
    this.fullEvidence = options.fullEvidence ?? 2.5;
    this.cues = options.cues ?? new Set();
    this.cuePenalty = options.cuePenalty ?? 0.85;
    const unitsPerConcept = new Map<string, number>();
    for (const unit of units) {
      const vocabulary = new Set(unit.examples.flatMap((e) => [...e]));
      this.vocabulary.set(unit.id, vocabulary);
      for (const c of vocabulary) unitsPerConcept.set(c, (unitsPerConcept.get(c) ?? 0) + 1);
    }
    const n = units.length;
    for (const [c, df] of unitsPerConcept) this.weights.set(c, Math.log(1 + n / df));
    this.unknownWeight = Math.log(1 + n);
  }

  weight(concept: string): number {
    return this.weights.get(concept) ?? this.unknownWeight;
  }

  /** Every unit that shares a concept with the message, best first. */
  rank(concepts: Set<string>): Ranked[] {
    let messageWeight = 0;
    for (const c of concepts) messageWeight += this.weight(c);
    if (messageWeight === 0) return [];
    const ranked: Ranked[] = [];
    for (const unit of this.units) {
      const vocabulary = this.vocabulary.get(unit.id)!;
      let known = 0;
      for (const c of concepts) if (vocabulary.has(c)) known += this.weight(c);
      if (known === 0) continue;
      let best = 0;
      let bestCovered = 0;
      let evidence: string[] = [];
      for (const example of unit.examples) {
        let total = 0;
        let covered = 0;
        const hit: string[] = [];
        for (const c of example) {
          const w = this.weight(c);
          total += w;
          if (concepts.has(c)) {
            covered += w;
            hit.push(c);
          }
        }
        if (total === 0) continue;
        const recall = covered / total;
        if (recall > best || (recall === best && covered > bestCovered)) {
          best = recall;
          bestCovered = covered;
          evidence = hit;
        }
      }
      const precision = known / messageWeight;
      // A tiny share of the covered weight breaks ties towards the more specific unit.
      const strength = Math.sqrt(Math.min(1, bestCovered / this.fullEvidence));
      let missedCues = 0;
      for (const c of concepts) if (this.cues.has(c) && !vocabulary.has(c)) missedCues++;
      const score =
        best * Math.pow(precision, this.precisionWeight) * strength * Math.pow(this.cuePenalty, missedCues) +
        bestCovered * 1e-3;
      ranked.push({ unit: unit.id, score, evidence });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }
}
