import { minutesOf } from '../../flows/lib/calendar';
import { inYearEndClosure } from '../../flows/lib/schedule';
import type { Content } from '../content/schema';
import { analyse, meaningsSaidTogether, saysAllOf, type Analysis } from './analysis';
import { parseAnswer, parseControl } from './answers';
import {
  addsAQuestion,
  ASKS,
  isQuestion,
  requests,
  splitClauses,
  splitCoordination,
  statesProblem,
} from './clauses';
import { SoftmaxClassifier, type ClassifierOptions } from './classifier';
import { detectScript } from './language';
import { Lexicon } from './lexicon';
import { UnitMatcher, type MatcherOptions, type Ranked, type UnitPatterns } from './matcher';
import { DAY_KINDS, mergeSlots, mergeWithMemory, asksOnlyHow, type DialogueMemory } from './memory';
import { fold } from './normalize';
import { romajiToKana } from './romaji';
import { datesNamed, timesNamed } from './slots';
import {
  featuresOf,
  LEARNED_PREFIX,
  slotTaker,
  trainModel,
  UNKNOWN_PREFIX,
  type TrainedModel,
} from './training';
import type { HandoffRoute, LanguageUnderstanding, Understanding } from './types';

export type { LanguageUnderstanding, Understanding, DialogueMemory, HandoffRoute } from './types';
export { UNKNOWN_PREFIX, trainModel, type TrainedModel } from './training';

export interface UnderstandingOptions {
  /** Below this score a message is not answered: it goes to the hand-off. */
  threshold?: number;
  /** Below `threshold` but at least this, a unit well ahead of the runner-up is still answered. */
  closeThreshold?: number;
  /** How far ahead of the runner-up such a unit must be. */
  clearMargin?: number;
  /** Each content word the lexicon does not know multiplies the confidence by this. */
  unknownPenalty?: number;
  /** At least this sure, a unit answers even a particular (a fee, a floor) that its examples never ask for. */
  facetTrust?: number;
  /** A concept this rare (by the matcher's weight) names what a clause is about. */
  specificWeight?: number;
  /** Suggestions offered with the hand-off must score at least this. */
  suggestionFloor?: number;
  /** How the matcher weighs precision and evidence (see UnitMatcher). */
  matcher?: MatcherOptions;
  /** How the classifier of the examples is trained. */
  classifier?: ClassifierOptions;
  /** How much the classifier's probability counts against the example matcher's score (0 to 1). */
  classifierShare?: number;
  /** Leave these examples out (cross-validation predicts each fold from the others). */
  exclude?: (unit: string, example: string) => boolean;
  /** What was learned from the examples before (model-store.ts): then nothing is trained again. */
  model?: TrainedModel;
}

// 「…？それとも…？」: the same question asked the other way, not a second one.
const ALTERNATIVE = /^(?:それとも|または)/u;
/** A clause asked with 「？」 as a question of its own, not as the other way of asking the one before it. */
const asksWithMark = (clause: string) => /[?？]/.test(clause) && !ALTERNATIVE.test(clause);
// A sentence that ends by wanting or asking for something (…したい。, …たいです。, …にして。).
const WISH = /(?:たい(?:です)?|して)[。.!！]?$/u;
// Units scoring less are not worth ranking, even as suggestions.
const MIN_SCORE = 0.01;
/**
 * How close the parts of one group (units whose ids start alike: deadline.*) must come to the best to count as
 * torn between.
 */
const TORN = 0.15;
// The kind of day that the year-end closure is (see DAY_KINDS), and the concept of the lunch break.
const YEAR_END = 'yearEnd';
const LUNCH = 'lunch';
/** Concepts the content declares as subjects the page does not cover. */
const SILENT_PREFIX = 'silent.';

// Short messages that lean on the previous question: 「南熱海支所も？」「じゃあ明日は？」「キャッシュカードでもいい？」
const FOLLOW_UP_START =
  /^(じゃあ|じゃ|では|なら|それ|あと|ちなみに|それじゃ|だったら|でしたら|and|what about|how about)/;
// 「〜も？」「〜のほうは？」「〜なら？」: a bare 「〜は？」 can as well open a new question (持ち物は？).
const FOLLOW_UP_END =
  /(も|のほう|のほうは|の方|の方は|の分|の分は|なら|ならば|だと|だったら|でも|でもいい|でもいいの|でも大丈夫|でもok|の場合|の場合は)(です|でしょう)?(か|かな)?$/;
const SHORT = 16;
// The support counters named as such (窓口, 支援コーナー), not one of their places.
const COUNTER = 'counter';
// 「フリーダイヤルの番号と、」: a clause ending on と or や names the first of two things the next clause asks about.
const JOINS_NEXT = /[とや]$/u;
const LATIN_ONLY =
  /^[^\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]*[a-z][^\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]*$/iu;

/** A short message that says it continues the last question (「じゃあ明日は？」「口座のほうは？」). */
// 「南熱海支所も同じ時間？」: compared with what was just asked.
const SAME_AS_BEFORE = /(同じ|おなじ|一緒|いっしょ|同様)/;

// 「そこって土曜日もやってる？」「そちらの受付時間は？」: a place or thing pointed at is the one just answered about.
const POINTS_BACK = /(そこ|そちら|そっち|あそこ|あちら)(って|は|の|で|に|も|まで|、|$)/u;

/** A message that points at what was just answered (そこ, そちら). */
function pointsBack(text: string): boolean {
  return POINTS_BACK.test(fold(text));
}

// A known unknown closer than the next by less than this is not the closer (the classifier spreads a few hundredths
// over every unit); then this many of the closest choose the line.
const CLEAR_LEAD = 0.02;
const VOTERS = 5;
/** Known unknowns by id, as a set of them or the map of their routes. */
type Candidates = { has(unit: string): boolean };

// 「病院の受付でもできる？」「区役所でも手続きできますか」: can it be done there too.
const CAN_BE_DONE_THERE = /(?:の(?:受付|窓口))?でも(?:でき|出来|申し込|申込|手続|登録)/gu;

export function marksFollowUp(text: string): boolean {
  const t = fold(text);
  return t.length <= SHORT && (FOLLOW_UP_START.test(t) || FOLLOW_UP_END.test(t) || SAME_AS_BEFORE.test(t));
}

export function isElliptical(text: string): boolean {
  return marksFollowUp(text) || fold(text).length <= 6;
}

export function createUnderstanding(
  content: Content,
  options: UnderstandingOptions = {},
): LanguageUnderstanding {
  const threshold = options.threshold ?? 0.6;
  const closeThreshold = options.closeThreshold ?? 0.45;
  const clearMargin = options.clearMargin ?? 0.3;
  const floor = options.suggestionFloor ?? 0.2;
  const specificWeight = options.specificWeight ?? 1.6;
  const { knowledge } = content;
  const model = options.model;
  const lexicon = new Lexicon(knowledge.concepts, new Map(model?.readings));
  const generic = new Set(knowledge.genericWords);
  const unknownPenalty = options.unknownPenalty ?? 0.7;
  const facetTrust = options.facetTrust ?? 0.75;
  const ignoredFocusPenalty = 0.7;

  const takesSlot = slotTaker(knowledge);
  const sentElsewhere = new Set(knowledge.units.filter((u) => u.sendsTo).map((u) => u.id));
  const answersForCounters = new Set(
    knowledge.units.filter((u) => u.slots.includes('place')).map((u) => u.id),
  );
  if (model && (options.exclude || options.classifier)) {
    // A stored model was trained on every example, as `npm run build` trains it: it cannot answer for another.
    throw new Error('a stored model cannot leave examples out or be trained with other classifier options');
  }
  const trained = model ?? trainModel(content, lexicon, options);
  const learned = new Set(trained.learned);
  const patterns: UnitPatterns[] = trained.patterns.map((p) => ({
    id: p.id,
    examples: p.examples.map((e) => new Set(e)),
  }));
  const cues = new Set(knowledge.cues);
  const courtesyUnits = new Set(
    knowledge.units.filter((u) => u.action === 'greeting' || u.action === 'thanks').map((u) => u.id),
  );
  const thanksUnits = new Set(knowledge.units.filter((u) => u.action === 'thanks').map((u) => u.id));
  // Concepts that greetings and thank-yous use (こんにちは, ありがとう) more often than all other examples do: a
  // question that opens with 「こんにちは」 does not make the word a question's.
  const uses = new Map<string, { courtesy: number; other: number }>();
  for (const p of patterns) {
    for (const c of p.examples.flatMap((e) => [...e])) {
      const tally = uses.get(c) ?? { courtesy: 0, other: 0 };
      if (courtesyUnits.has(p.id)) tally.courtesy++;
      else tally.other++;
      uses.set(c, tally);
    }
  }
  const courtesy = new Set(
    [...uses]
      .filter(([c, t]) => t.courtesy > t.other && !c.startsWith('@') && !c.startsWith(LEARNED_PREFIX))
      .map(([c]) => c),
  );
  // One message is read clause by clause and whole: each text is analysed once per message.
  const analysed = new Map<string, Analysis>();
  /** A message's analysis with the words the examples taught turned into concepts. */
  const analyseMessage = (text: string): Analysis => {
    const cached = analysed.get(text);
    if (cached) return cached;
    const a = withQuotedSchedule(
      withoutCourtesy(learnedWords(analyse(text, lexicon, generic, knowledge.together))),
      text,
    );
    analysed.set(text, a);
    return a;
  };
  /**
   * 「12/29〜1/3は休み？」 names the year-end closure by its dates, as if it said 年末年始; 「11:30〜13:00は？」 names
   * the lunch break by its times.
   */
  const withQuotedSchedule = (a: Analysis, text: string): Analysis => {
    const normal = text.normalize('NFKC');
    const dates = datesNamed(normal);
    const closure = content.counters.yearEndClosure;
    const added: string[] = [];
    if (dates.length >= 2 && dates.every((d) => inYearEndClosure(d, closure))) added.push(YEAR_END);
    const times = timesNamed(normal);
    if (times.length >= 2 && times.slice(1).some((to, i) => breaks.has(`${times[i]}-${to}`)))
      added.push(LUNCH);
    return added.length ? { ...a, concepts: new Set([...a.concepts, ...added]) } : a;
  };
  // The breaks between the counters' sessions, as from-to in minutes.
  const breaks = new Set(
    content.counters.sessions
      .slice(1)
      .map((s, i) => `${minutesOf(content.counters.sessions[i]!.to)}-${minutesOf(s.from)}`),
  );
  /**
   * 「こんばんは、通帳っているの？」「持ち物を教えてください。よろしくお願いします」: a greeting or a thank-you
   * around a question is manners, not a second thing asked. Its words count only when nothing else is said.
   */
  const withoutCourtesy = (a: Analysis): Analysis => {
    const said = [...a.concepts].filter((c) => !cues.has(c) && !c.startsWith('@'));
    if (!said.some((c) => courtesy.has(c)) || said.every((c) => courtesy.has(c))) return a;
    return { ...a, concepts: new Set([...a.concepts].filter((c) => !courtesy.has(c))) };
  };
  const learnedWords = (a: Analysis): Analysis => {
    const known = a.unknownWords.filter((w) => learned.has(w));
    if (known.length === 0) return a;
    return {
      ...a,
      concepts: new Set([...a.concepts, ...known.map((w) => `${LEARNED_PREFIX}${w}`)]),
      unknownWords: a.unknownWords.filter((w) => !learned.has(w)),
    };
  };
  const classifier = SoftmaxClassifier.restore(trained.classifier);
  const classifierShare = options.classifierShare ?? 0.5;
  // A clause is decided several times (alone, against the last question, with a focus): classified once.
  const classified = new WeakMap<Analysis, Map<string, number>>();
  // Below this a unit's blended score could not matter (see `decide`).
  const least = MIN_SCORE / classifierShare;
  const classify = (analysis: Analysis): Map<string, number> => {
    let likely = classified.get(analysis);
    if (!likely) {
      likely = classifier.likely(featuresOf(analysis.concepts, analysis.pairs), least);
      classified.set(analysis, likely);
    }
    return likely;
  };
  const matcher = new UnitMatcher(patterns, {
    precisionIgnores: new Set(['what', 'how', 'need', 'can', 'me']),
    ...options.matcher,
  });
  // Concepts that only questions the page does not answer use (駐車場, 車椅子, 外国籍…): those the content
  // declares as such (silent.*), and its concepts that only known unknowns' examples use (印鑑). A word the
  // examples taught is no such sign: one example's 市民, 隣 or 自体 would send every question using it away.
  const situations = new Set(knowledge.silentSituations);
  const isLexiconConcept = (c: string) => !c.startsWith('@') && !c.startsWith(LEARNED_PREFIX);
  const onlyUnknownsUse = (c: string) => matcher.unitsUsing(c).every((u) => u.startsWith(UNKNOWN_PREFIX));
  /**
   * concept → the known unknowns whose examples use it, each with the share of its examples that do, for concepts
   * that mark a question as page-silent.
   */
  const unknownOnly = new Map<string, Map<string, number>>();
  for (const p of patterns.filter((p) => p.id.startsWith(UNKNOWN_PREFIX))) {
    for (const c of p.examples.flatMap((e) => [...e])) {
      if (c.startsWith(SILENT_PREFIX) || (isLexiconConcept(c) && onlyUnknownsUse(c))) {
        if (!unknownOnly.has(c)) unknownOnly.set(c, new Map());
        const shares = unknownOnly.get(c)!;
        shares.set(p.id, (shares.get(p.id) ?? 0) + 1 / p.examples.length);
      }
    }
  }
  // The particulars each unit's examples ask for (a fee, a floor, a time…): a unit none of whose examples asks
  // for one does not have that fact.
  const facets = new Set(knowledge.facets);
  const askedOutright = new Set(knowledge.askedOutright);
  const gives = new Map(knowledge.units.map((u) => [u.id, new Set(u.gives)]));
  /** Whether a unit lacks a particular: none of its examples asks for it, and its answer does not give it. */
  const lacksFacet = (unit: string, concept: string) =>
    !matcher.uses(unit, concept) && !gives.get(unit)?.has(concept);
  const subjects = new Set(knowledge.subjects);
  const routes = new Map(knowledge.unknowns.map((u) => [`${UNKNOWN_PREFIX}${u.id}`, u.route]));
  const actionUnits = new Set(knowledge.units.filter((u) => u.action).map((u) => u.id));
  // The notice settings ask 「お知らせを受け取りますか？」: the reply may be a word of its own (受け取る, 登録する)
  // that only the question explains, so it is remembered like a question about a fact.
  const asksBack = new Set(knowledge.units.filter((u) => u.action === 'noticeMenu').map((u) => u.id));

  interface Decision {
    units: string[];
    handoff: HandoffRoute | null;
    /** With `units`: the line for the other question of the message, which the page does not answer. */
    rest?: HandoffRoute;
    confidence: number;
    ranked: Ranked[];
  }

  const unitIds = new Set(knowledge.units.map((u) => u.id));
  /** The overview of the group that all these units belong to, when it is one of them. */
  const overviewOfParts = (units: string[]): string | undefined => {
    const group = units[0]?.split('.')[0];
    const overview = `${group}.overview`;
    const ofGroup = units.length >= 2 && units.every((u) => u.split('.')[0] === group);
    return ofGroup && unitIds.has(overview) && units.includes(overview) ? overview : undefined;
  };

  const presumed = new Map(knowledge.units.map((u) => [u.id, u.presumes]));
  /** An answer that presumes something said (what the caller asked for) fits only a question that says it. */
  const fitsWhatItPresumes = (unit: string, concepts: Set<string>) => {
    const needs = presumed.get(unit) ?? [];
    return needs.length === 0 || needs.some((c) => concepts.has(c));
  };

  /**
   * `focus`: the concepts a follow-up itself says; an answer that takes none of them up ignores what was just
   * asked (「キャッシュカードでもいい？」 is about the cash card, not the whole list again).
   */
  const decide = (analysis: Analysis, focus?: Set<string>): Decision => {
    const doubt = Math.pow(unknownPenalty, analysis.unknownWords.length);
    const heeds = (r: Ranked) =>
      !focus ||
      focus.size === 0 ||
      r.evidence.some((c) => focus.has(c)) ||
      [...focus].some((c) => takesSlot(r.unit, c));
    const matched = new Map(matcher.rank(analysis.concepts).map((r) => [r.unit, r]));
    const likely = classify(analysis);
    const ranked = [...new Set([...matched.keys(), ...likely.keys()])]
      .map((unit) => {
        const m = matched.get(unit);
        const score = (1 - classifierShare) * (m?.score ?? 0) + classifierShare * (likely.get(unit) ?? 0);
        return { unit, score, evidence: m?.evidence ?? [] };
      })
      .filter((r) => r.score > MIN_SCORE)
      .map((r) => ({ ...r, score: r.score * doubt * (heeds(r) ? 1 : ignoredFocusPenalty) }))
      .sort((a, b) => b.score - a.score);
    const best = ranked[0];
    // The closest answer presumes what the message does not say (a card lost, something asked for): the message is
    // about something beside it that the page does not answer, not about the next closest unit either.
    if (best && !fitsWhatItPresumes(best.unit, analysis.concepts)) {
      return { units: [], handoff: lineOf(ranked, routes), confidence: best.score, ranked };
    }
    const margin = best ? best.score - (ranked[1]?.score ?? 0) : 0;
    const sure = best && (best.score >= threshold || (best.score >= closeThreshold && margin >= clearMargin));
    if (best && best.score >= closeThreshold) {
      // Torn between parts of one group (the card's, the points' and the charge's deadlines): its overview
      // answers them all.
      const torn = ranked.slice(0, 3).filter((r) => r.score >= best.score - TORN);
      const overview = overviewOfParts(torn.map((r) => r.unit));
      if (overview) return { units: [overview], handoff: null, confidence: best.score, ranked };
      // 「泉支所は何時まで開いていますか」: torn between the place (泉支所 has a counter) and the fact asked outright
      // (what time it closes, for any place), whichever comes first: a unit none of whose examples asks that
      // cannot answer it; one that does and answers for the place named can.
      const asked = [...analysis.concepts].filter((c) => askedOutright.has(c));
      const lacksAsked = (unit: string) => asked.some((c) => lacksFacet(unit, c));
      const place = analysis.slots.place;
      // A question the page does not answer that comes out first is not traded for a unit that answers less.
      if (asked.length > 0 && !routes.has(best.unit) && torn.some((r) => lacksAsked(r.unit))) {
        const fit = torn.find(
          (r) =>
            r.score >= closeThreshold &&
            !routes.has(r.unit) &&
            !lacksAsked(r.unit) &&
            (!place || takesSlot(r.unit, place)),
        );
        if (fit) return { units: [fit.unit], handoff: null, confidence: fit.score, ranked };
      }
    }
    if (!best || !sure) {
      return { units: [], handoff: lineOf(ranked, routes), confidence: best?.score ?? 0, ranked };
    }
    const route = routes.get(best.unit);
    if (route) return { units: [], handoff: route, confidence: best.score, ranked };
    return { units: [best.unit], handoff: null, confidence: best.score, ranked };
  };

  const answered = (d: Decision) => d.units.length > 0;
  /** A concept that names what is asked about (泉支所, 口座), not how it is asked (いつまで, 何ポイント). */
  const namesSubject = (concept: string) =>
    !concept.startsWith('@') && !cues.has(concept) && matcher.weight(concept) >= specificWeight;
  // Particulars: a day, a time, a place, an item, an amount — and kinds of day (週末, 祝日, 年末年始).
  const slotLike = (concept: string) =>
    concept.startsWith('@') || /^(place|item|asked)\./.test(concept) || DAY_KINDS.includes(concept);
  /** A clause that names what it asks about (電子証明書, 泉支所), not only how it asks (どうすれば, いつまで). */
  const specific = (d: Decision) =>
    (d.ranked[0]?.evidence ?? []).some((c) => namesSubject(c) && !slotLike(c));
  /** 「窓口は何時まで？」: no word names a subject, but no other unit comes near. */
  const leadsClearly = ({ analysis, decision }: Reading) => {
    const [best, next] = decision.ranked;
    const subjectLeftOut = [...analysis.concepts].some(
      (c) => namesSubject(c) && !slotLike(c) && !best?.evidence.includes(c),
    );
    return !!best && !subjectLeftOut && best.score - (next?.score ?? 0) >= clearMargin;
  };
  /** The closest unit is a question the page does not answer (a known unknown). */
  const ranksUnknownFirst = (d: Decision) => routes.has(d.ranked[0]?.unit ?? '');
  const surelyUnknown = (d: Decision) => d.confidence >= threshold && ranksUnknownFirst(d);
  const asMemory = (a: Analysis, d: Decision): DialogueMemory => ({
    units: d.units,
    concepts: [...a.concepts],
    slots: a.slots,
    pairs: a.pairs,
  });

  const silentTogether = (concepts: Iterable<string>) =>
    meaningsSaidTogether(new Set(concepts), knowledge.together).filter((c) => c.startsWith(SILENT_PREFIX));
  /**
   * 「（保険証の登録で何ポイント？）登録ってどうやるの？」: a message that names no subject the last one did not,
   * said with it, asks what the page does not say (how to register the card as a health insurance card).
   */
  const asksSilentWithLastSubject = (own: Analysis, before: DialogueMemory): boolean => {
    const subjects = [...own.concepts].filter(namesSubject);
    if (subjects.length === 0 || subjects.some((c) => !before.concepts.includes(c))) return false;
    const earlier = new Set(silentTogether(before.concepts));
    return silentTogether(mergeWithMemory(own, before).concepts).some((c) => !earlier.has(c));
  };

  interface Reading {
    analysis: Analysis;
    decision: Decision;
    followUp: boolean;
  }

  /**
   * One clause, read alone or, when it leans on what came before (「週末も？」), against it. `afterQuestion`: the
   * clause before is a question of the same message that was answered. Then a second question that can be
   * answered alone (「今日は開いてる？場所も教えて」) is a question of its own; in a later message, or after a
   * sentence of context, it would lean on what came before (「南熱海支所も？」). `addedQuestion`: the message adds a
   * question with あと or それと after one asked with 「？」 (「最大何ポイント？あと対象者って誰？」).
   */
  const readClause = (
    text: string,
    before: DialogueMemory | null,
    afterQuestion = false,
    addedQuestion = false,
  ): Reading => readAnalysis(analyseMessage(text), before, text, afterQuestion, addedQuestion);

  const readAnalysis = (
    own: Analysis,
    before: DialogueMemory | null,
    text: string,
    afterQuestion = false,
    addedQuestion = false,
  ): Reading => {
    const alone = decide(own);
    if (!before) return { analysis: own, decision: alone, followUp: false };
    // 「（有効期限はある？）何年？」: a question word and nothing the lexicon knows asks a particular of the last
    // answer that no word here names; read with the last question, it would only get the same answer again.
    const asksUnread =
      own.concepts.size === 0 &&
      own.unknownWords.length === 0 &&
      ASKS.test(text) &&
      fold(text).length <= 6 &&
      !marksFollowUp(text);
    if (asksUnread) return { analysis: own, decision: alone, followUp: false };
    if (asksSilentWithLastSubject(own, before)) {
      return { analysis: own, decision: { ...alone, units: [], handoff: 'hotline' }, followUp: true };
    }
    const vague = !specific(alone);
    // Only particulars (a place, a day, an amount) and how it is asked: the subject is the last question's.
    const onlyParticulars = [...own.concepts].every((c) => slotLike(c) || !namesSubject(c));
    const leans =
      isElliptical(text) ||
      !answered(alone) ||
      ((vague || onlyParticulars) && fold(text).length <= SHORT * 2);
    if (!leans) return { analysis: own, decision: alone, followUp: false };
    const replaceSubject = mergeWithMemory(own, before, (c) => !cues.has(c) && !slotLike(c));
    // 「口座のほうは？」 asks about the other thing, so the last subject gives way; 「〜も？」 adds to it.
    const contrast = /(のほう|の方|じゃなくて|ではなく)/.test(text);
    const options = (contrast ? [replaceSubject] : [mergeWithMemory(own, before), replaceSubject]).map(
      (analysis) => ({
        analysis,
        decision: decide(analysis, new Set([...own.concepts].filter((c) => !cues.has(c)))),
      }),
    );
    const better = options
      .filter((o) => answered(o.decision))
      .sort((a, b) => b.decision.confidence - a.decision.confidence)[0];
    // 「（泉支所でもやってますか）泉支所の電話番号は？」: a subject named anew that a known unknown is sure of, and
    // that the last question's answer does not have, asks what the page does not say.
    const lacksNewSubject = (unit: string) =>
      [...own.concepts].some(
        (c) =>
          isLexiconConcept(c) &&
          !cues.has(c) &&
          !slotLike(c) &&
          !before.concepts.includes(c) &&
          lacksFacet(unit, c),
      );
    if (better && surelyUnknown(alone) && lacksNewSubject(better.decision.units[0]!)) {
      return { analysis: own, decision: alone, followUp: false };
    }
    // 「泉支所は何時まで？南熱海支所も？」: after a question of the same message, a clause that names only a place or
    // a day asks that question again for it.
    const onlySlots = own.concepts.size > 0 && [...own.concepts].every(slotLike);
    const preferMemory = afterQuestion
      ? !answered(alone) || onlySlots
      : vague || !answered(alone) || marksFollowUp(text) || onlyParticulars;
    // 「（土日は休み？）じゃあ明日は行ける？」: a day or time named anew is answered by a unit that answers for a
    // day or time, even when the last question's unit does not.
    const named = [...own.concepts].filter((c) => c.startsWith('@'));
    const answersFor = (d: Decision) => d.units.length === 1 && named.some((c) => takesSlot(d.units[0]!, c));
    if (better && answersFor(alone) && !answersFor(better.decision)) {
      return { analysis: own, decision: alone, followUp: false };
    }
    // 「（暗証番号はメモしていった方がいい？）スマホもいる？」: sure of an answer of its own, and far surer of it than
    // of any reading with the last question, a short message asks a question of its own.
    // 「（フリーダイヤルの番号は？）何時まで？」 names nothing but how it asks: it never asks on its own.
    const onlyAsks = [...own.concepts].every(asksOnlyHow);
    const clearlyOwn =
      better &&
      !onlyAsks &&
      answered(alone) &&
      alone.confidence >= threshold &&
      alone.confidence - better.decision.confidence >= clearMargin;
    if (clearlyOwn) return { analysis: own, decision: alone, followUp: false };
    // 「今日は開いてますか？場所もあわせて教えて」: after a question of the same message, 「〜も」 or あと with a sure
    // answer of its own adds a second question; read with the first, it would only be asked again.
    const addsOwnQuestion =
      afterQuestion &&
      alone.confidence >= threshold &&
      (addedQuestion || /[^\s\p{P}で]も(?!う)/u.test(text)) &&
      !before.units.includes(alone.units[0] ?? '');
    if (better && (preferMemory || (!addsOwnQuestion && better.decision.confidence >= alone.confidence))) {
      return { ...better, followUp: true };
    }
    // 「（詐欺の相談先は？）何時まで？」: only a question word, which the last answer's subject cannot take; read alone
    // it would answer the same question about another subject.
    const groupOf = (unit: string) => unit.split('.')[0];
    const lastGroups = before.units.filter((u) => !actionUnits.has(u)).map(groupOf);
    if (
      !afterQuestion &&
      onlyAsks &&
      own.concepts.size > 0 &&
      answered(alone) &&
      lastGroups.length > 0 &&
      !lastGroups.includes(groupOf(alone.units[0]!))
    ) {
      return { analysis: own, decision: { ...alone, units: [], handoff: 'hotline' }, followUp: true };
    }
    return { analysis: own, decision: alone, followUp: false };
  };

  /**
   * 「泉支所は何階ですか」「カードを作るのにお金はかかる？」: the question asks for a particular (a floor, a fee, a
   * time) that no example of its unit asks for, so the unit does not have that fact — unless the match is so
   * strong that the words only brush the particular. A particular asked for outright (何時, 何日, 何階) is never
   * only brushed: 「カードの再発行は何日かかる？」 matches the lost card strongly and still asks what it does not say.
   * A procedure or an office named (再設定, 更新, 市民生活課) is what the question is about: 「暗証番号の再設定に要る
   * 持ち物は？」 is not answered by the support counter's list of items, none of whose examples names a reset.
   */
  const asksWhatUnitLacks = (own: string[], reading: Reading): boolean => {
    const [unit, ...more] = reading.decision.units;
    if (!unit || more.length > 0 || actionUnits.has(unit)) return false;
    const lacks = (c: string) => lacksFacet(unit, c);
    // 「（暗証番号を忘れたら？）そこは何時まで？」: a follow-up takes the last unit; a particular it asks outright
    // must still be that unit's.
    if (reading.followUp) return own.some((c) => askedOutright.has(c) && lacks(c));
    if (own.some((c) => subjects.has(c) && lacks(c))) return true;
    const missing = own.filter((c) => facets.has(c) && lacks(c));
    return (
      missing.some((c) => askedOutright.has(c)) ||
      (missing.length > 0 && reading.decision.confidence < facetTrust)
    );
  };

  const handedOff = (reading: Reading, route: HandoffRoute): Reading => ({
    ...reading,
    decision: { ...reading.decision, units: [], handoff: route },
  });

  /**
   * 「保険証の登録って病院の受付でもできるの？」: whether it can be done at a place or with a thing the lexicon does not
   * know (病院, 区役所) asks what the page does not say, whatever else the question names.
   */
  const asksAtUnknownPlace = (clause: string): boolean => {
    const normal = clause.normalize('NFKC');
    const placesBefore = [...normal.matchAll(CAN_BE_DONE_THERE)].map((match) => normal.slice(0, match.index));
    if (placesBefore.length === 0) return false;
    // The dictionary's unknown words, before the examples taught any of them (病院 is in a known unknown's).
    const unknownWords = analyse(clause, lexicon, generic).unknownWords.filter((word) => word.length >= 2);
    return placesBefore.some((before) => unknownWords.some((word) => before.endsWith(word)));
  };

  /** A question about something the page does not cover goes to the hand-off, however close its other words. */
  const unanswerable = (text: string, clauses: string[], reading: Reading): Reading => {
    const questions = clauses.filter((c) => isQuestion(c, true));
    // 「アプリでカードを読み取るとエラーが出ます。どうしたらいいでしょうか」: a question that only asks what to do
    // asks it about what was told before it.
    const onlyWhatToDo = questions.length > 0 && questions.every((c) => onlyAsksHow(analyseMessage(c)));
    const asked = onlyWhatToDo ? clauses : questions;
    const askedClauses = asked.length ? asked : clauses.length ? clauses.slice(-1) : [text];
    const own = askedClauses.flatMap((c) => [...analyseMessage(c).concepts]);
    // 「父が亡くなりました。父の分のポイントは受け取れますか」: the situation told before the question is what
    // the question is about.
    const toldSituations = clauses
      .flatMap((c) => [...analyseMessage(c).concepts])
      .filter((c) => situations.has(c));
    const silent = own.find((c) => unknownOnly.has(c)) ?? toldSituations.find((c) => unknownOnly.has(c));
    if (silent) {
      // Several known unknowns may use the word (コンビニ: applying there, or a shop's service).
      return handedOff(reading, situationLine(silent, reading));
    }
    // A subject the content declares page-silent (silent.*) that no known unknown's example uses yet (a card
    // applied for online, which only words said together name) is as silent: the closest known unknown tells
    // which line to call.
    // 「マスクを切らしています。窓口でもらえますか」: a question read with what it leans on says its words together.
    const saidWithContext = reading.followUp
      ? meaningsSaidTogether(reading.analysis.concepts, knowledge.together)
      : [];
    // 「母の通知カードが見つからないんですが、何か困ることは？」: so is a situation told before the question.
    // 「名古屋の区役所でも手伝ってもらえますか」: a place the city does not know is not the city's own, so the
    // city's line cannot speak for it.
    const atUnknownPlace = askedClauses.some(asksAtUnknownPlace);
    const line = () => (atUnknownPlace ? 'hotline' : nearestLine(reading, routes));
    const declaredSilent =
      toldSituations.length > 0 ||
      [...own, ...saidWithContext].some((c) => c.startsWith(SILENT_PREFIX)) ||
      (answered(reading.decision) && atUnknownPlace);
    if (declaredSilent || asksWhatUnitLacks(own, reading)) return handedOff(reading, line());
    return answered(reading.decision) || !atUnknownPlace ? reading : handedOff(reading, 'hotline');
  };

  /**
   * The line for a situation only known unknowns say (届く, コンビニ): the closest of those that say it knows it. When
   * the closest are as close as makes no difference (「市役所にカードが届いているか」), the one whose questions are
   * about the situation (most of its examples say it) knows it better than one that says it once among many.
   */
  const situationLine = (situation: string, reading: Reading): HandoffRoute => {
    const shares = unknownOnly.get(situation)!;
    const first = shares.keys().next().value!;
    return lineOf(reading.decision.ranked, shares, routes.get(first), (unit) => shares.get(unit)!);
  };

  /** The known unknown among the candidates that the message is closest to knows which line to call. */
  const nearestLine = (
    reading: Reading,
    candidates: Candidates,
    otherwise: HandoffRoute = 'hotline',
  ): HandoffRoute => lineOf(reading.decision.ranked, candidates, otherwise);

  /**
   * `candidates`: the known unknowns that may choose (all of them: `routes`). `tieBreak`: among those as close as
   * the closest, the one it rates highest chooses, instead of a vote.
   */
  function lineOf(
    ranked: Ranked[],
    candidates: Candidates,
    otherwise: HandoffRoute = 'hotline',
    tieBreak?: (unit: string) => number,
  ): HandoffRoute {
    const near = ranked.filter((r) => candidates.has(r.unit)).slice(0, VOTERS);
    const [closest, next] = near;
    if (!closest) return otherwise;
    if (!next || closest.score - next.score >= CLEAR_LEAD) return routes.get(closest.unit) ?? otherwise;
    if (tieBreak) {
      const [chosen] = near
        .filter((r) => closest.score - r.score < CLEAR_LEAD)
        .sort((a, b) => tieBreak(b.unit) - tieBreak(a.unit));
      return routes.get(chosen!.unit) ?? otherwise;
    }
    // Closest by a few thousandths, which is noise: the few closest vote, each by its likeness.
    const votes = new Map<HandoffRoute, number>();
    for (const { unit, score } of near) {
      const route = routes.get(unit)!;
      votes.set(route, (votes.get(route) ?? 0) + score);
    }
    return [...votes].sort((a, b) => b[1] - a[1])[0]![0];
  }

  const understandText = (text: string, previous: DialogueMemory | null): Reading => {
    const clauses = splitClauses(text);
    const reading = readMessage(text, clauses, previous);
    if (asksAboutOfficeElsewhere(text, previous, reading)) {
      return handedOff(reading, nearestLine(reading, routes));
    }
    const whole = toLineNamed(unanswerable(text, clauses, coordinated(clauses, reading)));
    return partlyAnswered(clauses, previous, whole) ?? whole;
  };

  /**
   * 「保険証の登録で何ポイント？その登録はあとで取り消せる？」: a later question of the same message, asked with 「？」,
   * that names a subject of its own (取り消す) the earlier did not, and that nothing answers alone: read with the
   * earlier question it would only get the earlier answer again, so it is read alone (and handed off): that
   * reading, or null when the question does lean on the earlier one.
   */
  const unansweredAlone = (question: string, part: Reading, before: DialogueMemory): Reading | null => {
    if (!part.followUp || !answered(part.decision) || !asksWithMark(question)) return null;
    if (!part.decision.units.every((u) => before.units.includes(u))) return null;
    const own = analyseMessage(question);
    const newSubject = [...own.concepts].some(
      (c) => isLexiconConcept(c) && !slotLike(c) && namesSubject(c) && !before.concepts.includes(c),
    );
    if (!newSubject) return null;
    const alone = decide(own);
    return !answered(alone) && alone.handoff !== null
      ? { analysis: own, decision: alone, followUp: false }
      : null;
  };

  /**
   * 「申込みの締め切りはいつ？それと、もらったポイントの有効期限は？」: two questions, one the page answers and one it
   * does not. Each is read on its own (the second after the first): the one is answered and the other handed off,
   * rather than the whole message either way. A message read as one answered question is split so only when it
   * asks two with question marks and the question answered alone is the same.
   */
  const partlyAnswered = (
    clauses: string[],
    previous: DialogueMemory | null,
    whole: Reading,
  ): Reading | null => {
    const wholeUnits = answered(whole.decision) ? whole.decision.units : null;
    if (wholeUnits && wholeUnits.length > 1) return null;
    const questions = clauses.filter((c) => isQuestion(c, true));
    if (questions.length < 2) return null;
    // Answered as one question, the message is split only where it plainly asks two.
    if (wholeUnits && questions.filter((q) => /[?？]/.test(q)).length < 2) return null;
    let memory = previous;
    const parts = questions.map((question) => {
      const part = understandText(question, memory);
      const alone = memory && unansweredAlone(question, part, memory);
      if (alone) return alone;
      memory = answered(part.decision) ? asMemory(part.analysis, part.decision) : memory;
      return part;
    });
    // A question answered on its own words, surely, with no word the bot does not know. A later question that
    // names no subject (「いつから？」「どうやって調べるの？」) leans on the earlier one, so only the first may be
    // answered for leading clearly alone.
    const answeredParts = parts.filter(
      (p, i) =>
        p.decision.units.length === 1 &&
        !p.followUp &&
        p.analysis.unknownWords.length === 0 &&
        p.decision.confidence >= threshold &&
        (specific(p.decision) || (i === 0 && leadsClearly(p))),
    );
    // A question that names what the page does not say, not one merely unclear.
    const surelySilent = (p: Reading) =>
      !answered(p.decision) &&
      p.decision.handoff !== null &&
      (ranksUnknownFirst(p.decision) ||
        [...p.analysis.concepts].some((c) => c.startsWith(SILENT_PREFIX) || unknownOnly.has(c)));
    // 「…気をつけることは？もし被害にあったら、どこに相談すればいい？」: a question asked with 「？」 of its own that
    // nothing answers is handed off too; 「…それとも…？」 only offers the other way of asking the same question.
    const plainlyUnanswered = (p: Reading, i: number) =>
      asksWithMark(questions[i]!) && !answered(p.decision) && p.decision.handoff !== null;
    const unanswered = parts.find((p, i) => surelySilent(p) || plainlyUnanswered(p, i));
    const unclear = parts.some(
      (p, i) => !answered(p.decision) && !surelySilent(p) && !plainlyUnanswered(p, i),
    );
    if (answeredParts.length === 0 || !unanswered || unclear) return null;
    const units = [...new Set(answeredParts.map((p) => p.decision.units[0]!))];
    if (units.length > 1 || (wholeUnits && wholeUnits[0] !== units[0])) return null;
    return {
      ...answeredParts[0]!,
      decision: { ...answeredParts[0]!.decision, units, rest: unanswered.decision.handoff! },
    };
  };

  /**
   * 「050の番号は1分いくら？」「（持ち物は？）免許証も？」: a question handed off that names a phone line goes to that
   * line; one about the counters' own matters, to the city (knowledge.linesNamed).
   */
  const toLineNamed = (reading: Reading): Reading => {
    if (
      answered(reading.decision) ||
      (reading.decision.handoff !== 'hotline' && reading.decision.handoff !== 'city')
    ) {
      return reading;
    }
    const said = reading.analysis.concepts;
    const concepts = new Set([...said, ...meaningsSaidTogether(said, knowledge.together)]);
    const named = knowledge.linesNamed.find((line) => saysAllOf(line, concepts));
    return named ? handedOff(reading, named.route) : reading;
  };

  /**
   * 「（暗証番号を忘れた）そこって土曜日もやってる？」「（電子証明書の期限が切れてた）土曜でもできる？」: そこ, or a
   * short question that names no counter, is about the office the last answer sent the resident to, not the
   * support counters, whose hours and days would answer it.
   */
  const asksAboutOfficeElsewhere = (text: string, previous: DialogueMemory | null, reading: Reading) => {
    const last = previous?.units.filter((u) => !actionUnits.has(u)) ?? [];
    const { concepts, slots } = reading.analysis;
    const namesNoCounter = !concepts.has(COUNTER) && !slots.place && fold(text).length <= SHORT;
    return (
      (pointsBack(text) || namesNoCounter) &&
      last.length > 0 &&
      last.every((u) => sentElsewhere.has(u)) &&
      reading.decision.units.some((u) => answersForCounters.has(u))
    );
  };

  /**
   * 「窓口の場所と休みの日を教えて」: two things asked for with one 「教えて」. Each side is read alone; when each is
   * sure of a unit of its own, and the whole message did not point elsewhere, both are answered.
   */
  const coordinated = (clauses: string[], reading: Reading): Reading => {
    // The last clause that asks, or else the last clause.
    let question = clauses.length - 1;
    for (let i = clauses.length - 1; i >= 0; i--) {
      if (isQuestion(clauses[i]!)) {
        question = i;
        break;
      }
    }
    const asked = clauses[question];
    if (!asked) return reading;
    // 「フリーダイヤルの番号と、何時までやってるか教えて」: the message was split after the と.
    const joined = question > 0 && JOINS_NEXT.test(clauses[question - 1]!);
    if (reading.decision.units.length > (joined ? 2 : 1)) return reading;
    const sides = joined ? ([clauses[question - 1]!.slice(0, -1), asked] as const) : splitCoordination(asked);
    if (!sides) return reading;
    const unitOf = (side: string) => {
      const d = decide(analyseMessage(side));
      return d.units.length === 1 && d.confidence >= threshold ? d.units[0] : undefined;
    };
    const agrees = (a: string, b: string) =>
      reading.decision.units.length === 0 || reading.decision.units.some((u) => u === a || u === b);
    const a = unitOf(sides[0]);
    if (!a) return reading;
    const both = (b: string) => ({ ...reading, decision: { ...reading.decision, units: [a, b] } });
    // 「フリーダイヤルの番号と時間を教えて」: a second side without a 「…の」 of its own (時間) asks about what the
    // first side's 「…の」 names when that makes it a fact of the same subject: the フリーダイヤル's hours, not the
    // counter's.
    const modifier = /^.*の/u.exec(sides[0])?.[0];
    const widened = modifier ? unitOf(`${modifier}${sides[1]}`) : undefined;
    const sameGroup = widened?.split('.')[0] === a.split('.')[0];
    if (widened && widened !== a && sameGroup && !sides[1].includes('の') && agrees(a, widened)) {
      return both(widened);
    }
    const b = unitOf(sides[1]);
    if (b && b !== a && agrees(a, b)) return both(b);
    // 「フリーダイヤルの番号と営業時間を教えて」: the 営業時間 asked is the フリーダイヤル's, when the whole message says so.
    if (widened && widened !== a && reading.decision.units.includes(widened)) return both(widened);
    return reading;
  };

  /**
   * 「第1弾で5000ポイントもらいました。今回もチャージで25%もらえますか」: the question alone is about the 25%, but
   * the context names what makes it a narrower question (第1弾), and the whole message's answer rests on it.
   */
  const narrowedByContext = (main: Reading, whole: Reading): boolean => {
    const unit = whole.decision.units[0];
    if (!unit || main.decision.units.includes(unit)) return false;
    const evidence = whole.decision.ranked[0]?.evidence ?? [];
    return evidence.some((c) => namesSubject(c) && !slotLike(c) && !main.analysis.concepts.has(c));
  };

  const onlyAsksHow = (a: Analysis) =>
    [...a.concepts].every((c) => c === 'how' || c.startsWith('@')) && a.unknownWords.length === 0;

  /**
   * A message of several clauses: context clauses are remembered, each question clause is read against them,
   * and two questions about different units are both answered.
   */
  const readMessage = (text: string, clauses: string[], previous: DialogueMemory | null): Reading => {
    if (clauses.length <= 1) return readClause(text, previous);
    // Whether a clause before the i-th asks with 「？」.
    const questionMarkBefore = (i: number) => clauses.slice(0, i).some((c) => /[?？]/.test(c));
    // The last clause is the question even when it is phrased as a statement (「…がわからないのですが」).
    // But after a question asked with 「？」, a last clause that asks nothing is an afterthought (出勤前に寄りたくて).
    const askedEarlier = questionMarkBefore(clauses.length - 1) && !requests(clauses[clauses.length - 1]!);
    // 「証明書が切れていると言われました。今日このまま手続きできますか？」: a problem stated is the context of a
    // question asked in so many words after it, not a second question — unless the message adds one (あと,
    // それと…) or only asks what to do about it (どうしたらいい？).
    const additive = addsAQuestion(text);
    const askedLater = (i: number) =>
      !additive && clauses.slice(i + 1).some((c) => isQuestion(c, true) && !onlyAsksHow(analyseMessage(c)));
    // 「…手伝ってもらえますか？週末しか帰れないので困っています」: a problem told after a question asked with 「？」
    // says why it is asked; it is not a second question.
    const askedBefore = (i: number) => !additive && questionMarkBefore(i);
    const asks = clauses.map(
      (c, i) =>
        (i === clauses.length - 1 && !askedEarlier) ||
        isQuestion(c, askedLater(i) || askedBefore(i)) ||
        (JOINS_NEXT.test(c) && isQuestion(clauses[i + 1] ?? '')) ||
        // 「お知らせを受け取れるようにしたい。あとメニューも見せて」: a wish before あと is the first thing asked.
        (additive && i < clauses.length - 1 && (WISH.test(c) || statesProblem(c))),
    );
    const anyQuestion = asks.some(Boolean);
    let context: DialogueMemory | null = previous;
    const picks: Reading[] = [];
    const courtesyPicks: Reading[] = [];
    const courtesyClauses = new Set<number>();
    let afterQuestion = false;
    // Questions asked in so many words about something the lexicon does not know (名古屋の区役所) or that a known
    // unknown is sure of (市民生活課の時間): unanswered, they are not answered by what their context is about either.
    const askedAboutUnknown: Reading[] = [];
    let askedUnknownBefore = false;
    clauses.forEach((clause, i) => {
      const reading = readClause(clause, context, afterQuestion, additive && questionMarkBefore(i));
      const unknownSubject =
        (reading.analysis.unknownWords.length > 0 || surelyUnknown(reading.decision)) &&
        isQuestion(clause, true);
      // 「市民生活課って何時まで開いてる？電話番号も知りたい」: a question that leans on such a question asks about its
      // subject too.
      const leansOnUnknown = asks[i]! && reading.followUp && askedUnknownBefore;
      askedUnknownBefore = (asks[i]! && unknownSubject && !answered(reading.decision)) || leansOnUnknown;
      if (askedUnknownBefore) {
        askedAboutUnknown.push(reading);
        afterQuestion = false;
        context = asMemory(reading.analysis, reading.decision);
        return;
      }
      // 「こんにちは。」 before a question is manners: it is neither the question's context nor an answer of its own.
      // A thank-you after the question (「…止めてください。ありがとうございました」) is answered too.
      const thanksAfter = picks.length > 0 && reading.decision.units.every((u) => thanksUnits.has(u));
      if (
        !thanksAfter &&
        reading.decision.units.every((u) => courtesyUnits.has(u)) &&
        answered(reading.decision)
      ) {
        courtesyPicks.push(reading);
        courtesyClauses.add(i);
        return;
      }
      const picked = (asks[i] || !anyQuestion) && answered(reading.decision);
      // 「…思い出せないんです。どうしたらいいでしょう」: a bare 「どうしたらいい？」 after a question asks what to do
      // about it; it is not a second question about the steps of the programme.
      // 「…前に家でやっておくべきですか？それとも窓口でやってもらえますか？」: after a question, それとも asks the same
      // question the other way; its answer is the first one's.
      const otherWayOfAsking = afterQuestion && ALTERNATIVE.test(clause);
      if (picked && !otherWayOfAsking && (picks.length === 0 || !onlyAsksHow(analyseMessage(clause)))) {
        picks.push(reading);
      }
      afterQuestion = picked && asks[i]!;
      context = asMemory(reading.analysis, reading.decision);
    });
    // The whole message, from its clauses' readings (each clause was tokenised once already).
    const whole = readAnalysis(
      withoutCourtesy(
        clauses.map(analyseMessage).reduce((all, a) => ({
          concepts: new Set([...all.concepts, ...a.concepts]),
          slots: mergeSlots(all.slots, a.slots),
          unknownWords: [...all.unknownWords, ...a.unknownWords],
          pairs: [...all.pairs, ...a.pairs],
        })),
      ),
      previous,
      text,
    );
    // 「おはようございます。…はどこですか？」: a question the bot cannot answer is handed off, not greeted.
    const unansweredQuestion = clauses.some((c, i) => !courtesyClauses.has(i) && isQuestion(c, true));
    if (picks.length === 0 && courtesyPicks.length > 0 && !answered(whole.decision) && !unansweredQuestion) {
      return courtesyPicks[0]!;
    }
    const units = [...new Set(picks.flatMap((p) => p.decision.units))];
    if (units.length === 0) return askedAboutUnknown[0] ?? whole;
    const main = picks.find((p) => p.decision.units[0] === units[0])!;
    if (units.length === 1) {
      // A vague last question (どうすればいい？) is better read with all its context.
      // 「…平日は休めません。日曜は開いていますか？」 names the day it asks about: that is specific enough.
      const answersForNamed = [...main.analysis.concepts].some(
        (c) => c.startsWith('@') && takesSlot(units[0]!, c),
      );
      if (!specific(main.decision) && !answersForNamed && answered(whole.decision)) return whole;
      // 「第1弾で5000ポイントもらいました。今回もチャージでもらえますか」: the context decides when it makes the
      // whole message surer of its answer than the question alone.
      if (answered(whole.decision) && whole.decision.confidence > main.decision.confidence) return whole;
      if (
        answered(whole.decision) &&
        whole.decision.confidence >= threshold &&
        narrowedByContext(main, whole) &&
        // 「第1弾のときは何もしてなくて…。満額もらうにはいくらくらい買い物すればいい？」: the context names a unit
        // that does not have what the question asks (how much); it does not narrow the question, it hands it off.
        !asksWhatUnitLacks([...main.analysis.concepts], whole)
      ) {
        return whole;
      }
      return main;
    }
    const second = picks.find((p) => p.decision.units[0] === units[1])!;
    return {
      analysis: main.analysis,
      decision: { ...main.decision, units: [units[0]!, units[1]!] },
      followUp: main.followUp || second.followUp,
    };
  };

  return {
    understand(text: string, previous: DialogueMemory | null = null): Understanding {
      analysed.clear();
      const script = detectScript(text);
      const control = parseControl(text);
      const answer = parseAnswer(text, content.programme.cardApplicationDeadline);
      if (script === 'otherLanguage') {
        return {
          lang: 'en',
          units: [],
          slots: { items: [], asked: [] },
          handoff: 'multilingual',
          followUp: false,
          confidence: 1,
          scores: [],
          suggestions: [],
          answer: null,
          control: null,
          memory: null,
        };
      }
      // Japanese typed in Latin letters is read in kana; English and other languages never get here as such.
      const written = script === 'japanese' && LATIN_ONLY.test(text) ? romajiToKana(text) : text;
      const { analysis, decision, followUp } = understandText(written, previous);
      const suggestions = decision.ranked
        .filter(
          (r) =>
            r.score >= floor &&
            !r.unit.startsWith(UNKNOWN_PREFIX) &&
            !actionUnits.has(r.unit) &&
            !decision.units.includes(r.unit),
        )
        .slice(0, 3)
        .map((r) => r.unit);
      const english = script === 'english';
      const handoff = decision.units.length > 0 ? (decision.rest ?? null) : decision.handoff;
      const remembered = decision.units.filter((u) => !actionUnits.has(u) || asksBack.has(u));
      return {
        lang: english ? 'en' : 'ja',
        units: decision.units,
        slots: analysis.slots,
        handoff: english && handoff === 'hotline' ? 'multilingual' : handoff,
        followUp,
        confidence: decision.confidence,
        scores: decision.ranked.slice(0, 5).map((r) => ({ unit: r.unit, score: Number(r.score.toFixed(3)) })),
        suggestions,
        answer,
        control,
        memory: remembered.length
          ? {
              units: remembered,
              concepts: [...analysis.concepts],
              slots: analysis.slots,
              pairs: analysis.pairs,
            }
          : null,
      };
    },
  };
}
