import type { Content } from '../content/schema';
import { analyseExample } from './analysis';
import {
  SoftmaxClassifier,
  type ClassifierOptions,
  type ClassifierState,
  type Features,
  type Sample,
} from './classifier';
import { bigramsOf, type Lexicon } from './lexicon';
import { WHEN_CONCEPTS } from './memory';

export const UNKNOWN_PREFIX = 'unknown.';
/** Words of the examples that no concept knows, learned as concepts of their own: w:駐車場. */
export const LEARNED_PREFIX = 'w:';
// A pair of characters says less than a concept: it is there for typos and spellings the lexicon misses.
const PAIR_WEIGHT = 0.5;

export function featuresOf(concepts: Iterable<string>, pairs: Iterable<string>): Features {
  const features: Features = new Map();
  for (const c of concepts) features.set(`c:${c}`, 1);
  for (const pair of pairs) features.set(`b:${pair}`, PAIR_WEIGHT);
  features.set('bias', 1);
  return features;
}

/** What the understanding learns from the content's examples: done once, and it can be stored (model-store.ts). */
export interface TrainedModel {
  /** How each form of the lexicon reads (see Lexicon.readings). */
  readings: [string, string][];
  /** Words of the examples that no concept knows. */
  learned: string[];
  /** Each unit's and known unknown's examples as concept sets: what the example matcher compares with. */
  patterns: { id: string; examples: string[][] }[];
  classifier: ClassifierState;
}

export interface TrainingOptions {
  classifier?: ClassifierOptions;
  /** Leave these examples out (cross-validation predicts each fold from the others). */
  exclude?: (unit: string, example: string) => boolean;
}

const SLOT_CONCEPTS_OF: Record<string, (c: string) => boolean> = {
  place: (c) => c.startsWith('place.'),
  // 平日 names every open day, not one day to answer for.
  when: (c) => WHEN_CONCEPTS.has(c) && c !== 'weekday',
  amount: (c) => c === '@amount',
  cardDate: (c) => c === '@day' || c === '@date' || c === '@month',
  asked: (c) => c.startsWith('asked.'),
};

/** Whether a unit's answer takes a particular into account (a place, a day, an amount). */
export function slotTaker(knowledge: Content['knowledge']): (unit: string, concept: string) => boolean {
  const unitSlots = new Map(knowledge.units.map((u) => [u.id, u.slots]));
  return (unit, concept) => (unitSlots.get(unit) ?? []).some((slot) => SLOT_CONCEPTS_OF[slot]?.(concept));
}

// A unit whose answer does not depend on the day, time or amount does not learn them from its examples:
// 「3時半に着いたら間に合う？」 is for the unit that answers for 3時半.
const PARTICULARS = new Set(['@time', '@now', '@date']);

/** Reads every example once (the costly part of starting) and trains the classifier on them. */
export function trainModel(content: Content, lexicon: Lexicon, options: TrainingOptions = {}): TrainedModel {
  const { knowledge } = content;
  const generic = new Set(knowledge.genericWords);
  const takesSlot = slotTaker(knowledge);
  const keep = (unit: string) => (example: string) => !options.exclude?.(unit, example);
  const learned = new Set<string>();
  const samples: Sample[] = [];
  const readExample = (example: string, label: string, unit?: string) => {
    const { analysis: a, reading } = analyseExample(example, lexicon, generic, knowledge.together);
    for (const w of a.unknownWords) learned.add(w);
    const concepts = [...a.concepts].filter(
      (c) => !PARTICULARS.has(c) || (unit !== undefined && takesSlot(unit, c)),
    );
    const all = [...new Set([...concepts, ...a.unknownWords.map((w) => `${LEARNED_PREFIX}${w}`)])];
    samples.push({ features: featuresOf(all, a.pairs), label });
    // Learned a second time as read aloud, in kana, so that a message spelt in kana (まどぐち なんじに あく)
    // shares the example's pairs of characters too.
    samples.push({ features: featuresOf(all, bigramsOf(reading)), label });
    return all;
  };
  const patterns = [
    ...knowledge.units.map((u) => ({
      id: u.id,
      examples: u.examples.filter(keep(u.id)).map((e) => readExample(e, u.id, u.id)),
    })),
    ...knowledge.unknowns.map((u) => ({
      id: `${UNKNOWN_PREFIX}${u.id}`,
      examples: u.examples.filter(keep(u.id)).map((e) => readExample(e, `${UNKNOWN_PREFIX}${u.id}`)),
    })),
  ].filter((p) => p.examples.length > 0);
  const classifier = new SoftmaxClassifier(samples, options.classifier).state();
  return { readings: [...lexicon.readings], learned: [...learned], patterns, classifier };
}
