import { fold, normalText, toHiragana } from './normalize';
import { tokenize, type Token } from './tokenizer';

/** A message as the lexicon searches it: the same words three ways. */
export interface MessageForms {
  /** NFKC, lower case, katakana → hiragana, no spaces or punctuation. */
  surface: string;
  /** The words in dictionary form (持っていけば → 持つていくば). */
  lemma: string;
  /** How the words are read, in hiragana: 暗唱番号 and 暗証番号 both read あんしょうばんごう. */
  reading: string;
  /** Each word by the offset in `reading` where it starts (folded, as written). */
  wordsByReading: Map<number, string>;
  /**
   * Offsets in `surface`, `lemma` and `reading` inside a katakana word with a long vowel (メール). Folding drops
   * its ー, so a form with no katakana found across such a word and another is a slip across words (や|メール ≠
   * やめる); ダメ or ホント written in katakana fold to the native word and are left alone.
   */
  katakana: { surface: Set<number>; lemma: Set<number>; reading: Set<number> };
  /** Latin words, for English messages and words like PIN or PayPay. */
  words: Set<string>;
  /**
   * The Latin words in order, one space apart where only spaces, hyphens or points part them, and kept apart by
   * a bar where anything else comes between (37.5度 → ` 37 5 | `, 37歳で5人 → ` 37 | 5 | `); empty when the
   * message has no Latin words.
   */
  latinText: string;
  /** Offsets in `surface` where a word starts or ends. */
  boundaries: Set<number>;
  /**
   * Offsets inside a run of kana the dictionary could not split (after slang it does not know:
   * ぶっちゃけいくらもらえんの), where a word of three or more characters may start.
   */
  looseStarts: Set<number>;
  /** Offsets in `lemma` where a word starts or ends: a form must not begin inside a word (聞く|れる ≠ くれる). */
  lemmaBoundaries: Set<number>;
  /**
   * The dictionary forms with each potential verb read as the verb it is made from (申し込める → 申し込む,
   * 使える → 使う), and its word boundaries; null when the message has no verb of that shape.
   */
  ableLemma: { text: string; boundaries: Set<number>; katakana: Set<number> } | null;
  tokens: Token[];
}

interface Form {
  concept: string;
  surface: string;
  reading: string | null;
  /** Whether the form is written with katakana in it (このアカウント may span a particle and a loanword). */
  katakana: boolean;
  latin: boolean;
  /**
   * A Latin form as the words a message's Latin text is split into, at spaces, hyphens and points (year-end →
   * year end, 37.5 → 37 5).
   */
  latinWords: string | null;
  /** For matching with one typo: the kana form, or null when the form is not one to match that way. */
  fuzzyKana: string | null;
  /** For matching a reading with one sound wrong: the reading, or null. */
  fuzzyReading: string | null;
  /** The character pairs of fuzzyKana and fuzzyReading, for a cheap test before the edit distance. */
  kanaPairs: string[];
  readingPairs: string[];
}

const LATIN = /^[a-z0-9 .'-]+$/;
// Readings this short are shared by too many words (きかん: 期間, 機関) to stand for one concept. One this long
// (かいじょ: 解除, 介助) only where a word starts that is typed in kana or is no form of ours (a typo in kanji); a
// word in kanji that is a form says which word it is. Longer ones anywhere (the dictionary splits kana freely).
const MIN_READING = 4;
// 何階 and 何回, 何時 and 何字 read alike: a question word with a counter is found only as written.
const ASKS_A_COUNT = /^何[\u4e00-\u9fff]/u;
const READING_ANYWHERE = 5;
// Inside a run of kana the dictionary could not split, shorter words are mostly pieces of others (いす in ちゅういする).
const MIN_LOOSE = 3;
// Only longer kana forms are matched with one character wrong: a short word with a typo is another word, and
// a word in kanji with a typo is found by its reading.
const MIN_FUZZY = 6;
const KANA_ONLY = /^[\u3040-\u309fー]+$/;
// A loanword with a long vowel (メール): folding drops its ー, so its kana could read as a native word (める).
const LONG_KATAKANA_WORD = /^[\u30a1-\u30faー]*ー[\u30a1-\u30faー]*$/u;
const HAS_KATAKANA = /[\u30a1-\u30fa]/u;
// A form this short is looked for only as written, where it must start a word (熱 is not in 熱海, ピン is not in
// フィリピン): in dictionary forms it would match pieces of other words.
const MAX_PART_OF_WORD = 2;

export function readingOf(text: string): string {
  return fold(
    tokenize(text.normalize('NFKC'))
      .map((t) => t.reading)
      .join(''),
  );
}

const HONORIFIC = /^[おご御].{2,}/;

const E_TO_U: Record<string, string> = {
  え: 'う',
  け: 'く',
  げ: 'ぐ',
  せ: 'す',
  て: 'つ',
  ね: 'ぬ',
  べ: 'ぶ',
  め: 'む',
  れ: 'る',
};

/** 申し込める → 申し込む: the verb a potential form is made from (the dictionary keeps many whole). */
function godanOf(base: string): string | null {
  const e = base.length >= 3 && base.endsWith('る') ? E_TO_U[base[base.length - 2]!] : undefined;
  return e ? base.slice(0, -2) + e : null;
}

export function formsOf(text: string): MessageForms {
  const normal = normalText(text);
  const tokens = tokenize(normal);
  const boundaries = new Set<number>([0]);
  const lemmaBoundaries = new Set<number>([0]);
  const wordsByReading = new Map<number, string>();
  const looseStarts = new Set<number>();
  const katakana = { surface: new Set<number>(), lemma: new Set<number>(), reading: new Set<number>() };
  let reading = '';
  let offset = 0;
  let lemmaOffset = 0;
  const ableBoundaries = new Set<number>([0]);
  const ableKatakana = new Set<number>();
  let ableLemma = '';
  let anyAble = false;
  for (const t of tokens) {
    const surface = fold(t.surface);
    const base = fold(t.base);
    const able = t.pos === '動詞' ? godanOf(base) : null;
    anyAble ||= able !== null;
    if (LONG_KATAKANA_WORD.test(t.surface)) {
      for (let i = 0; i < base.length; i++) ableKatakana.add(ableLemma.length + i);
    }
    ableLemma += able ?? base;
    ableBoundaries.add(ableLemma.length);
    // The dictionary keeps some honorifics whole (お手伝い, お受け取り): the word starts after お or ご too.
    // Tested as written: folded, オンライン would start with お too.
    if (HONORIFIC.test(t.surface)) boundaries.add(offset + 1);
    if (HONORIFIC.test(t.base)) lemmaBoundaries.add(lemmaOffset + 1);
    if (t.pos === 'UNK' && KANA_ONLY.test(surface) && surface.length >= 4) {
      for (let i = 1; i < surface.length; i++) looseStarts.add(offset + i);
    }
    const read = fold(t.reading);
    if (LONG_KATAKANA_WORD.test(t.surface)) {
      for (let i = 0; i < surface.length; i++) katakana.surface.add(offset + i);
      for (let i = 0; i < base.length; i++) katakana.lemma.add(lemmaOffset + i);
      for (let i = 0; i < read.length; i++) katakana.reading.add(reading.length + i);
    }
    offset += surface.length;
    boundaries.add(offset);
    lemmaOffset += base.length;
    lemmaBoundaries.add(lemmaOffset);
    wordsByReading.set(reading.length, surface);
    reading += read;
  }
  const words = new Set(
    (normal.match(/[a-z0-9']+/g) ?? []).flatMap((w) => {
      const stem = w.replace(/(ing|ed|es|s)$/, '');
      return stem.length >= 3 && stem !== w ? [w, stem] : [w];
    }),
  );
  return {
    tokens,
    boundaries,
    looseStarts,
    lemmaBoundaries,
    surface: fold(normal),
    lemma: fold(tokens.map((t) => t.base).join('')),
    ableLemma: anyAble ? { text: ableLemma, boundaries: ableBoundaries, katakana: ableKatakana } : null,
    reading,
    wordsByReading,
    katakana,
    words,
    // Most messages have no Latin letters or digits: no Latin form is looked for in them (see Lexicon.find).
    latinText:
      words.size === 0
        ? ''
        : ` ${normal
            .replace(/[\s.-]+/g, ' ')
            .replace(/[^a-z0-9' ]+/g, ' | ')
            .replace(/ +/g, ' ')
            .trim()} `,
  };
}

/**
 * Whether a message's words hold a Latin word inflected ('deadlines'); never inside another word ('where' is not
 * in 'anywhere'), and never a word of two letters ('hi' is not in 'his').
 */
function inflectionOf(words: Set<string>, word: string): boolean {
  if (word.length < 3) return false;
  for (const w of words) if (w.startsWith(word) && /^(e?s|e?d|ing)$/.test(w.slice(word.length))) return true;
  return false;
}

/**
 * Where `needle` occurs in `hay` with at most one character substituted, inserted or dropped: the offset just
 * after the match, or -1.
 */
function nearlyContains(hay: string, needle: string): number {
  const n = needle.length;
  if (hay.length < n - 1) return -1;
  // Sellers' algorithm: edit distance of needle against any substring of hay.
  let previous = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) previous[i] = i;
  for (let j = 1; j <= hay.length; j++) {
    const current = new Array<number>(n + 1);
    current[0] = 0;
    for (let i = 1; i <= n; i++) {
      const cost = needle[i - 1] === hay[j - 1] ? 0 : 1;
      current[i] = Math.min(previous[i]! + 1, current[i - 1]! + 1, previous[i - 1]! + cost);
    }
    if (current[n]! <= 1) return j;
    previous = current;
  }
  return -1;
}

const index = (map: Map<string, number[]>, key: string, order: number) => {
  if (!map.has(key)) map.set(key, []);
  map.get(key)!.push(order);
};

/** The forms (by order) that occur in `text` as indexed by their first character. */
function occurring(
  text: string,
  map: Map<string, number[]>,
  formText: (order: number) => string | null,
  starts?: Set<number>,
  slips?: (order: number, at: number, length: number) => boolean,
  ends?: Set<number>,
): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    if (starts && !starts.has(i)) continue;
    for (const order of map.get(text[i]!) ?? []) {
      const f = formText(order);
      if (!f || (ends && !ends.has(i + f.length))) continue;
      if (text.startsWith(f, i) && !slips?.(order, i, f.length)) out.add(order);
    }
  }
  return out;
}

/** The distinct pairs of adjacent characters of a text. */
export const bigramsOf = (text: string) => {
  const out = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) out.add(text.slice(i, i + 2));
  return out;
};

/** A cheap test before the edit distance: a word with one typo keeps most of its character pairs. */
const sharesBigrams = (hay: Set<string>, needle: string[]) => {
  let shared = 0;
  for (const pair of needle) if (hay.has(pair)) shared++;
  return shared >= needle.length - 2;
};

/** Every pair of adjacent characters, repeats included: what a typo test counts. */
const pairsOf = (text: string | null) => {
  const out: string[] = [];
  for (let i = 0; text && i + 2 <= text.length; i++) out.push(text.slice(i, i + 2));
  return out;
};

/**
 * 「ちゃーじ」「だうんろーど」: a loanword typed in hiragana. Its long vowel is read as the vowel it stands for
 * (ちゃあじ, as casual writing stretches a word), while the katakana form drops its ー (ちゃじ): both spellings
 * are forms of the concept.
 */
function withHiraganaSpelling(raw: string): string[] {
  return LONG_VOWEL_IN_KATAKANA.test(raw) ? [raw, toHiragana(raw)] : [raw];
}
const LONG_VOWEL_IN_KATAKANA = /[\u30a1-\u30f6]ー/u;

/**
 * Domain synonym sets: every surface form maps to one concept. A message contains a concept when one of its
 * forms occurs in the message as written, in dictionary form, as read aloud, or (for long forms) with one typo.
 */
export class Lexicon {
  private forms: Form[];
  private readonly fuzzyForms: Form[];
  private readonly latinForms: Form[];
  /** First character → the forms (by their place in `forms`) that start with it, as written and as read. */
  private readonly bySurface = new Map<string, number[]>();
  private readonly byReading = new Map<string, number[]>();

  /** How each form (NFKC, lower case) reads: reading a form needs the tokenizer, so it is done once and kept. */
  readonly readings: Map<string, string>;
  /** Every form as written (folded). */
  private readonly surfaces: Set<string>;

  /** `readings`: the forms' readings from an earlier lexicon of the same concepts (see `readings`). */
  constructor(concepts: Record<string, string[]>, readings: Map<string, string> = new Map()) {
    this.readings = readings;
    const read = (normal: string) => {
      let reading = readings.get(normal);
      if (reading === undefined) {
        reading = readingOf(normal);
        readings.set(normal, reading);
      }
      return reading;
    };
    this.forms = Object.entries(concepts).flatMap(([concept, list]) =>
      list.flatMap(withHiraganaSpelling).map((raw) => {
        const normal = normalText(raw);
        const latin = LATIN.test(normal);
        const reading = latin ? null : read(normal);
        const surface = latin ? normal : fold(normal);
        const kana = toHiragana(surface);
        const kanaOnly = KANA_ONLY.test(kana);
        const fuzzyKana = !latin && kanaOnly && kana.length >= MIN_FUZZY ? kana : null;
        const fuzzyReading =
          !latin && !kanaOnly && reading && reading.length >= MIN_FUZZY + 2 ? reading : null;
        return {
          concept,
          surface,
          katakana: HAS_KATAKANA.test(normal),
          reading: reading && reading.length >= MIN_READING && !ASKS_A_COUNT.test(surface) ? reading : null,
          latin,
          latinWords: latin ? surface.replace(/[-.]/g, ' ') : null,
          fuzzyKana,
          fuzzyReading,
          kanaPairs: pairsOf(fuzzyKana),
          readingPairs: pairsOf(fuzzyReading),
        };
      }),
    );
    // A form that folds away to nothing (a lone symbol such as %) could match anywhere.
    this.forms = this.forms.filter((f) => f.surface.length > 0);
    this.surfaces = new Set(this.forms.map((f) => f.surface));
    // Longest first, so that 有効期限 claims its characters before 期限 can.
    this.forms.sort((a, b) => b.surface.length - a.surface.length);
    this.fuzzyForms = this.forms.filter((f) => f.fuzzyKana !== null || f.fuzzyReading !== null);
    this.latinForms = this.forms.filter((f) => f.latin);
    this.forms.forEach((f, order) => {
      if (f.latin) return;
      index(this.bySurface, f.surface[0]!, order);
      if (f.reading) index(this.byReading, f.reading[0]!, order);
    });
  }

  /**
   * Where a word starts that is typed in kana, or is in kanji but no form of ours: a short reading is looked
   * for only there (a word in kanji that is a form says which word it is: 解除, not 介助).
   */
  private unknownWordStarts(message: MessageForms): Set<number> {
    const starts = new Set<number>();
    for (const [at, word] of message.wordsByReading) {
      if (KANA_ONLY.test(word) || !this.surfaces.has(word)) starts.add(at);
    }
    return starts;
  }

  /**
   * The concepts a message contains, each with the form that was found, and the texts of every form found (for
   * telling which words of the message the lexicon knows).
   */
  find(message: MessageForms): { concepts: Map<string, string>; matched: string[] } {
    const found = new Map<string, string>();
    const matched: string[] = [];
    const claimed: boolean[] = new Array<boolean>(message.surface.length).fill(false);
    const slipsIn =
      (katakana: Set<number>) =>
      (order: number, at: number, length: number): boolean => {
        if (this.forms[order]!.katakana || katakana.size === 0) return false;
        let inside = 0;
        for (let i = at; i < at + length; i++) if (katakana.has(i)) inside++;
        return inside > 0 && inside < length;
      };
    const claim = (order: number): boolean => {
      const needle = this.forms[order]!.surface;
      const slips = slipsIn(message.katakana.surface);
      let fresh = false;
      for (
        let at = message.surface.indexOf(needle);
        at !== -1;
        at = message.surface.indexOf(needle, at + 1)
      ) {
        // A form must start a word (行け in 行ける, but not とは in ことは, とめて in まとめて); one character must
        // be a whole word.
        const starts =
          message.boundaries.has(at) || (needle.length >= MIN_LOOSE && message.looseStarts.has(at));
        if (!starts || slips(order, at, needle.length)) continue;
        if (needle.length === 1 && !message.boundaries.has(at + 1)) continue;
        let free = false;
        for (let i = at; i < at + needle.length; i++) if (!claimed[i]) free = true;
        if (!free) continue;
        fresh = true;
        for (let i = at; i < at + needle.length; i++) claimed[i] = true;
      }
      return fresh;
    };
    const claimedShare = (from: number, to: number) => {
      let taken = 0;
      for (let i = Math.max(0, from); i < Math.min(to, claimed.length); i++) if (claimed[i]) taken++;
      return taken / Math.max(1, to - from);
    };
    const note = (form: Form, shown: string, ...texts: (string | null)[]) => {
      if (!found.has(form.concept)) found.set(form.concept, shown);
      for (const t of texts) if (t) matched.push(t);
    };

    // Most messages have no Latin letters or digits at all: then no Latin form can be in them.
    for (const form of message.words.size > 0 ? this.latinForms : []) {
      const asWords = form.latinWords!;
      const hit = asWords.includes(' ')
        ? message.latinText.includes(` ${asWords} `) || message.surface.includes(asWords.replace(/ /g, ''))
        : message.words.has(form.surface) || inflectionOf(message.words, form.surface);
      if (hit) note(form, form.surface, form.surface);
    }
    // Exact forms, longest first, so that typo matching below never reads words already found.
    const inSurface = occurring(
      message.surface,
      this.bySurface,
      (o) => this.forms[o]!.surface,
      undefined,
      slipsIn(message.katakana.surface),
    );
    // In dictionary forms a short form would match pieces of other words (see MAX_PART_OF_WORD).
    const inDictionaryForm = (lemma: string, starts: Set<number>, katakana: Set<number>) =>
      occurring(
        lemma,
        this.bySurface,
        (o) => (this.forms[o]!.surface.length > MAX_PART_OF_WORD ? this.forms[o]!.surface : null),
        starts,
        slipsIn(katakana),
      );
    const inLemma = inDictionaryForm(message.lemma, message.lemmaBoundaries, message.katakana.lemma);
    const able = message.ableLemma;
    const inAbleLemma = able ? inDictionaryForm(able.text, able.boundaries, able.katakana) : [];
    const formReading = (o: number, long: boolean) => {
      const reading = this.forms[o]!.reading;
      return reading && reading.length >= READING_ANYWHERE === long ? reading : null;
    };
    // A short reading found where a word the lexicon does not know starts must end where a word ends: 「人が出」
    // (ひとがで) is not in 「人が電話で」 (ひとがでんわで).
    const wordEnds = new Set([...message.wordsByReading.keys(), message.reading.length]);
    const inReading = [
      ...occurring(
        message.reading,
        this.byReading,
        (o) => formReading(o, true),
        undefined,
        slipsIn(message.katakana.reading),
      ),
      ...occurring(
        message.reading,
        this.byReading,
        (o) => formReading(o, false),
        this.unknownWordStarts(message),
        slipsIn(message.katakana.reading),
        wordEnds,
      ),
    ];
    const hits = [...new Set([...inSurface, ...inLemma, ...inAbleLemma, ...inReading])].sort((a, b) => a - b);
    for (const order of hits) {
      const form = this.forms[order]!;
      if (inSurface.has(order)) {
        // Claimed even when the concept is already found, so that its characters hide shorter forms.
        if (claim(order)) note(form, form.surface, form.surface, form.reading);
        continue;
      }
      note(form, form.surface, form.surface, form.reading);
    }

    const surfaceBigrams = bigramsOf(message.surface);
    const readingBigrams = bigramsOf(message.reading);
    for (const form of this.fuzzyForms) {
      if (found.has(form.concept)) continue;
      const kana = form.fuzzyKana;
      const end =
        kana && sharesBigrams(surfaceBigrams, form.kanaPairs) ? nearlyContains(message.surface, kana) : -1;
      // A near miss over words already found is those words, not a typo of this one (持っていない ≠ やっていない).
      if (kana && end >= 0 && claimedShare(end - kana.length, end) < 0.5) {
        note(form, `~${form.surface}`, form.surface);
        continue;
      }
      // 電子照明書 きげんきれた: the reading with one sound wrong (voicing, a long vowel) still names the word.
      const reading = form.fuzzyReading;
      if (
        reading &&
        sharesBigrams(readingBigrams, form.readingPairs) &&
        nearlyContains(message.reading, reading) >= 0
      ) {
        note(form, `≈${form.surface}`, form.surface, reading);
      }
    }
    return { concepts: found, matched };
  }
}
