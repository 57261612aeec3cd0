import type { DialogueMemory, WhenSlot } from '../../flows/lib/slots';
import type { Analysis } from './analysis';

export type { DialogueMemory } from '../../flows/lib/slots';

/** Concepts that stand for one slot: a new one replaces the old one instead of adding to it. */
/** Kinds of day a question can name (週末, 平日, 祝日, 年末年始). */
export const DAY_KINDS = ['weekend', 'weekday', 'holiday', 'yearEnd'];
/** Concepts that say when: a day, a date, a time, the present, or a kind of day. */
export const WHEN_CONCEPTS = new Set(['@day', '@date', '@time', '@session', '@now', ...DAY_KINDS]);

const SLOT_FAMILIES: ((c: string) => boolean)[] = [
  (c) => c.startsWith('place.'),
  (c) => c.startsWith('item.'),
  // A time of day replaces the time, not the day: 「じゃあ午後は？」 after 「今日の午前中は？」 is still today.
  (c) => ['@time', '@session', '@now'].includes(c),
  (c) => WHEN_CONCEPTS.has(c),
  (c) => c === '@amount',
  // How the question is asked: 「いつから？」 then 「いつまで？」 asks the other end, not both.
  (c) => ['from', 'until', 'start', 'deadline'].includes(c),
  (c) => ['where', 'whatTime', 'when', 'amountQ', 'how'].includes(c),
  (c) => c === '@month',
];

const familyOf = (concept: string) => SLOT_FAMILIES.findIndex((isIn) => isIn(concept));
/** The families that say how a question is asked (いつから, いつまで, どこ, 何時). */
const ASKING_FAMILIES = new Set([familyOf('until'), familyOf('where')]);
/** Whether a concept only says how a question is asked (いつまで, 何時, どこ), nothing about what. */
export const asksOnlyHow = (concept: string) => ASKING_FAMILIES.has(familyOf(concept));

/**
 * The earlier question with this message's particulars put in: what an elliptical follow-up asks. With
 * `namesSubject`, a follow-up that names a new subject (「口座のほうは？」 after a question about 保険証) also drops the
 * earlier subject and keeps only how the question was asked (何ポイント, いつまで, 何時).
 */
export function mergeWithMemory(
  analysis: Analysis,
  memory: DialogueMemory,
  namesSubject?: (concept: string) => boolean,
): Analysis {
  const replaced = new Set([...analysis.concepts].map(familyOf).filter((f) => f >= 0));
  const newSubject =
    namesSubject !== undefined && [...analysis.concepts].some((c) => familyOf(c) < 0 && namesSubject(c));
  const concepts = new Set(
    memory.concepts.filter(
      (c) => !replaced.has(familyOf(c)) && !(newSubject && familyOf(c) < 0 && namesSubject(c)),
    ),
  );
  for (const c of analysis.concepts) concepts.add(c);
  const slots = mergeSlots(memory.slots, analysis.slots);
  return {
    concepts,
    slots,
    unknownWords: analysis.unknownWords,
    // The earlier wording still says what was replaced (始まった after いつまで？): then only this message's.
    pairs: [...replaced].some((f) => ASKING_FAMILIES.has(f))
      ? analysis.pairs
      : [...new Set([...(memory.pairs ?? []), ...analysis.pairs])],
  };
}

/** The earlier slots with the later ones put in where the later message names them. */
export function mergeSlots(earlier: Analysis['slots'], later: Analysis['slots']): Analysis['slots'] {
  const slots = { ...earlier };
  for (const [key, value] of Object.entries(later) as [keyof Analysis['slots'], unknown][]) {
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty) (slots as Record<string, unknown>)[key] = value;
  }
  if (earlier.when && later.when) slots.when = mergeWhen(earlier.when, later.when);
  return slots;
}

const DAY_KEYS = ['relDay', 'weekday', 'week', 'month', 'day'] as const;
const TIME_KEYS = ['minutes', 'session'] as const;

/**
 * A time alone keeps the earlier day (「今日の午前中は？」「じゃあ午後は？」: this afternoon), a day alone keeps the
 * earlier time of day (「3時半に着いたら間に合う？」「明日は？」: tomorrow at half past three); "now" never carries over.
 */
function mergeWhen(earlier: WhenSlot, later: WhenSlot): WhenSlot {
  const names = (when: WhenSlot, keys: readonly (keyof WhenSlot)[]) =>
    keys.some((k) => when[k] !== undefined);
  const pick = (when: WhenSlot, keys: readonly (keyof WhenSlot)[]) =>
    Object.fromEntries(keys.filter((k) => when[k] !== undefined).map((k) => [k, when[k]])) as WhenSlot;
  const laterDay = names(later, DAY_KEYS);
  const laterTime = names(later, TIME_KEYS) || later.now === true;
  if (laterTime && !laterDay) return { ...pick(earlier, DAY_KEYS), ...later };
  if (laterDay && !laterTime) return { ...later, ...pick(earlier, TIME_KEYS) };
  return later;
}
