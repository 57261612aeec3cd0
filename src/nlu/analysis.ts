import { bigramsOf, formsOf, type Lexicon, type MessageForms } from './lexicon';
import type { Token } from './tokenizer';
import { fold } from './normalize';
import type { QuestionSlots } from '../../flows/lib/slots';
import type { Content } from '../content/schema';
import { namesWeekday, readSlots, type Slots } from './slots';

/** What a message says, reduced to concepts and slots: the matcher's only input. */
export interface Analysis {
  concepts: Set<string>;
  slots: QuestionSlots;

  /**
   * Content words the lexicon does not know (傘, 充電器, 顔写真): a question about one of them is most likely about
   * something the page does not say.
   */
  unknownWords: string[];

  /** Pairs of characters of the message as written (folded): a typo or a kana spelling still shares most. */
  pairs: string[];
}

// Nouns of these kinds carry a subject; pronouns, numbers, suffixes and adverb-like nouns do not.
const CONTENT_NOUNS = new Set(['一般', '固有名詞', 'サ変接続', '形容動詞語幹']);

/** Concepts standing for slots, so that examples can say "a day" or "a time" without naming one. */
export const SLOT_CONCEPTS = {
  day: '@day',
  date: '@date',
  time: '@time',
  session: '@session',
  now: '@now',
  amount: '@amount',
  month: '@month',
} as const;

const slotConcepts = (slots: Slots, text: string): string[] => {
  const out: string[] = [];
  const w = slots.when;
  if (w) {
    // 土日 and 週末 are a kind of day (a concept of their own), not a day asked about.
    const namedWeekday = w.weekday !== undefined && namesWeekday(text);
    if (w.relDay !== undefined || namedWeekday || w.month !== undefined) out.push(SLOT_CONCEPTS.day);
    if (w.minutes !== undefined) out.push(SLOT_CONCEPTS.time);
    if (w.session) out.push(SLOT_CONCEPTS.session);
    if (w.now) out.push(SLOT_CONCEPTS.now);
  }
  if (slots.amount !== undefined) out.push(SLOT_CONCEPTS.amount);
  if (slots.monthOnly !== undefined) out.push(SLOT_CONCEPTS.month);
  return out;
};

// 「お母さん」「嫁さん」「娘ちゃん」: the person a question is asked for, with the affixes of address.
const HONORIFIC_AFFIXES = /^[おご](?=.{2})|(?<=.)(さん|ちゃん|さま|様)$/gu;

const dictionaryFormsKnown = new WeakMap<Lexicon, Map<string, boolean>>();
const DICTIONARY_FORMS_KEPT = 20_000;

/** 作っても: a word inflected away from the form the content lists (作る), known by its dictionary form. */
function knownInDictionaryForm(lexicon: Lexicon, base: string): boolean {
  let known = dictionaryFormsKnown.get(lexicon);
  if (!known) dictionaryFormsKnown.set(lexicon, (known = new Map()));
  let isKnown = known.get(base);
  if (isKnown === undefined) {
    isKnown = lexicon.find(formsOf(base)).concepts.size > 0;
    // The dictionary's verbs and adjectives are finite, but a cap keeps the memory bounded all the same.
    if (known.size < DICTIONARY_FORMS_KEPT) known.set(base, isKnown);
  }
  return isKnown;
}

// 付き添う, 狭い: a verb or an adjective the content does not know says what is asked as much as a noun does.
const inflects = (t: Token) => (t.pos === '動詞' || t.pos === '形容詞') && t.posDetail === '自立';

function unknownWords(
  forms: MessageForms,
  matched: string[],
  generic: Set<string>,
  english: boolean,
  lexicon: Lexicon,
): string[] {
  const known = (word: string, reading: string) =>
    matched.some((m) => m.includes(word) || word.includes(m) || (reading.length >= 2 && m.includes(reading)));
  const out: string[] = [];
  for (const t of forms.tokens) {
    const word = t.surface;
    const content =
      (t.pos === '名詞' && CONTENT_NOUNS.has(t.posDetail)) ||
      (inflects(t) && /\p{Script=Han}/u.test(t.base) && !knownInDictionaryForm(lexicon, t.base)) ||
      /^[a-z]{3,}$/i.test(word) ||
      /^[ァ-ヶー]{3,}$/.test(word);
    // Hiragana-only pieces are mostly the dictionary's guesses at kana spelling (まいな ぽい ん): not evidence.
    // A lone kanji counts only as a common noun (傘), never as a suffix or counter (部, 件).
    const tooShort = word.length < 2 && !(/^[\u4e00-\u9fff]$/.test(word) && t.posDetail === '一般');
    if (!content || tooShort || /^[\d\p{P}\p{S}\u3040-\u309f]+$/u.test(word)) continue;
    if (english && /^[a-z]+$/i.test(word)) continue;
    const plain = t.base.replace(HONORIFIC_AFFIXES, '');
    if (generic.has(word) || generic.has(t.base) || generic.has(plain)) continue;
    if (known(fold(word), fold(t.reading))) continue;
    out.push(t.base);
  }
  return out;
}

/**
 * 「どこも受付時間は同じ？」「いつでもいい？」: a question word with (で)も means any place or time and asks for
 * none. (いつも and 何時も are left alone: 「いつもらえる？」 asks when.)
 */
const INDEFINITE: Record<string, RegExp> = {
  どこ: /どこ(?:で)?も/g,
  どちら: /どちらでも/g,
  いつ: /いつでも/g,
  何時: /何時でも/g,
};

const withoutIndefinites = (found: Map<string, string>, normal: string): Map<string, string> => {
  for (const [concept, form] of found) {
    const indefinite = INDEFINITE[form];
    if (!indefinite) continue;
    const asked = normal.split(form).length - 1;
    if (asked > 0 && (normal.match(indefinite) ?? []).length === asked) found.delete(concept);
  }
  return found;
};

// 申し込み方, 選び方: a verb's stem and 方 (read かた) say how to do it, as 「…の仕方」 does.
const WAY = { suffix: '方', reading: 'カタ', sameAs: '仕方' };
const wayConceptsOf = new WeakMap<Lexicon, string[]>();

/**
 * The concepts of 「仕方」 when a message asks the way of doing something with a verb's stem and 方, and, for a word
 * the dictionary keeps whole (選び方), the concepts of its stem; such a word counts as known when its stem is.
 */
function waysOfDoing(forms: MessageForms, lexicon: Lexicon, matched: string[]): string[] {
  let way = wayConceptsOf.get(lexicon);
  if (!way) {
    way = [...lexicon.find(formsOf(WAY.sameAs)).concepts.keys()];
    wayConceptsOf.set(lexicon, way);
  }
  const out: string[] = [];
  forms.tokens.forEach((t, i) => {
    const reading = t.reading;
    if (t.surface === WAY.suffix && reading === WAY.reading && forms.tokens[i - 1]?.pos === '動詞') {
      out.push(...way);
    } else if (
      t.pos === '名詞' &&
      t.surface.length >= 3 &&
      t.surface.endsWith(WAY.suffix) &&
      reading.endsWith(WAY.reading)
    ) {
      const stem = lexicon.find(formsOf(t.surface.slice(0, -WAY.suffix.length))).concepts;
      if (stem.size === 0) return;
      out.push(...way, ...stem.keys());
      matched.push(fold(t.surface));
    }
  });
  return out;
}

/** Concepts that, said in one sentence, mean one more (マスク … もらえる: a mask handed out at the counter). */
type SaidTogether = Content['knowledge']['together'][number];

export function analyse(
  text: string,
  lexicon: Lexicon,
  generic: Set<string> = new Set(),
  together: readonly SaidTogether[] = [],
): Analysis {
  return analyseExample(text, lexicon, generic, together).analysis;
}

/** Concepts a content rule needs said: all of `concepts`, one of `anyOf`, none of `unless`. */
interface ConceptsRule {
  concepts: readonly string[];
  anyOf?: readonly string[];
  unless?: readonly string[];
}

/** Whether a message that says these concepts says what the rule needs (words said together, a line named). */
export function saysAllOf(rule: ConceptsRule, concepts: ReadonlySet<string>): boolean {
  const said = (c: string) => concepts.has(c);
  return rule.concepts.every(said) && (rule.anyOf?.some(said) ?? true) && !rule.unless?.some(said);
}

/**
 * What words mean only said together, though others come between them (マスク忘れたら窓口でもらえますか): the
 * content's rules applied to the concepts of one text, or of a follow-up read with what it leans on.
 */
export function meaningsSaidTogether(
  concepts: ReadonlySet<string>,
  together: readonly SaidTogether[],
): string[] {
  return together.filter((t) => saysAllOf(t, concepts)).map((t) => t.means);
}

/** The analysis, and the text as read aloud (in kana): examples are learned both ways. */
export function analyseExample(
  text: string,
  lexicon: Lexicon,
  generic: Set<string> = new Set(),
  together: readonly SaidTogether[] = [],
): { analysis: Analysis; reading: string } {
  const forms = formsOf(text);
  const english = !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text.normalize('NFKC'));
  const normal = text.normalize('NFKC').toLowerCase();
  const { concepts: all, matched } = lexicon.find(forms);
  const found = withoutIndefinites(all, normal);
  for (const concept of waysOfDoing(forms, lexicon, matched)) found.set(concept, '〜方');
  const slots = readSlots(normal);
  const concepts = new Set([...found.keys(), ...slotConcepts(slots, normal)]);
  for (const meaning of meaningsSaidTogether(concepts, together)) concepts.add(meaning);
  const named = (prefix: string) => [...concepts].filter((c) => c.startsWith(prefix));
  const analysis = {
    concepts,
    slots: { ...slots, place: named('place.')[0], items: named('item.'), asked: named('asked.') },
    unknownWords: unknownWords(forms, matched, generic, english, lexicon),
    pairs: [...bigramsOf(forms.surface)],
  };
  return { analysis, reading: forms.reading };
}
