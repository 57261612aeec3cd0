import { z } from 'zod';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const mmdd = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as MM-DD');
const phoneNumber = z
  .string()
  .regex(/^(#\d{3,4}|\d{2,4}(-\d{1,4}){1,2}|\d{3})$/, 'a phone number such as 0120-95-0178');

/** A whole phone number among a concept's forms (0557-86-6074, 0557866074), not a prefix such as 0120. */
const PHONE_FORM = /^\d{2,4}-\d{1,4}-\d{1,4}$|^\d{9,11}$/;

const phone = z.object({
  name: z.string().min(1),
  number: phoneNumber,
  hours: z.string().optional(),
  note: z.string().optional(),
});

/** Answer texts: one per answer and situation; `{path.to.fact}` placeholders are filled from this file. */
const texts = z.record(z.string().min(1), z.string().min(1));

export const REQUIRED_TEXT_KEYS = [
  'welcome',
  'welcomeBack',
  'menuPrompt',
  'unsupportedMessage',
  'thanks',
  'cancelled',
  'conversationReset',
  'programmeEnded',
  'programmeNotStarted',
  'eligibility.askCardApplied',
  'eligibility.askPhase1',
  'eligibility.askHealthInsurance',
  'eligibility.askPublicFund',
  'eligibility.notEligibleLateCard',
  'eligibility.notEligibleNoCard',
  'eligibility.resultIntro',
  'eligibility.registeredNeedsApplication',
  'eligibility.nextStep',
  'eligibility.noneApply',
  'eligibility.reask',
  'openNow.open',
  'openNow.lunch',
  'openNow.beforeOpen',
  'openNow.afterClose',
  'openNow.weekend',
  'openNow.holiday',
  'openNow.yearEnd',
  'openNow.ended',
  'openOn.open',
  'openOn.lunch',
  'openOn.beforeOpen',
  'openOn.afterClose',
  'openOn.dayOpen',
  'openOn.weekend',
  'openOn.holiday',
  'openOn.yearEnd',
  'openOn.afterProgramme',
  'outOfScope',
  'outOfScope.city',
  'outOfScope.rest',
  'outOfScope.rest.city',
  'outOfScopeSuggest',
  'sensitiveWarning',
  'notices.menu',
  'notices.subscribed',
  'notices.unsubscribed',
  'notices.declined',
  'groupChat.oneToOne',
] as const;

export const REQUIRED_ENGLISH_KEYS = [
  'welcome',
  'programmeEnded',
  'outOfScope',
  'outOfScope.rest',
  'japaneseOnly',
  'multilingualLine',
  'openOn.dayOpen',
  'openOn.dayClosed',
  'openOn.time',
  'sensitiveWarning',
  'openNow.open',
  'openNow.closed',
] as const;

const unitId = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, 'a unit id such as counter.hours');

/** How a unit that another flow answers is started (the interview, greetings, notice settings). */
export const UNIT_ACTIONS = [
  'interview',
  'greeting',
  'thanks',
  'menu',
  'noticeSubscribe',
  'noticeUnsubscribe',
  'noticeMenu',
] as const;

/** The particulars an answer can take into account; each has its line in `knowledge.slotTexts`. */
export const UNIT_SLOTS = ['place', 'when', 'amount', 'cardDate', 'daysLeft', 'asked'] as const;

const answerUnit = z
  .object({
    id: unitId,
    label: z.object({ ja: z.string().min(1).max(20), en: z.string().min(1).max(20) }),
    /** The answer, fact asked for first; `{a.b}` placeholders are filled from this file. */
    answer: z.object({ ja: z.string().min(1), en: z.string().min(1).optional() }).optional(),
    action: z.enum(UNIT_ACTIONS).optional(),
    /** Units a resident may want next: offered as quick replies. */
    related: z.array(unitId).max(4).default([]),
    slots: z.array(z.enum(UNIT_SLOTS)).default([]),
    /**
     * The phone line this answer gives (「電話で問い合わせたい」): asking for it hands the resident over to that line,
     * and the hand-off is recorded for staff like a question the bot could not answer.
     */
    handsOffTo: z.enum(['hotline', 'city', 'multilingual']).optional(),
    /**
     * The office other than the support counters that this answer sends the resident to. 「そこは何時まで？」 after
     * it asks about that office, not the counters, and the page does not give that office's hours.
     */
    sendsTo: z.enum(['cardOffice']).optional(),
    /** What to say instead once the programme is over (or before it starts). */
    whenEnded: z.enum(['programmeEnded', 'countersEnded']).optional(),
    /** Phrasings that ask for this unit: the matcher learns the unit's concepts from them. */
    examples: z.array(z.string().min(1)).min(2),
    /**
     * Particulars (facets) the answer gives though no example asks for them: the hours of a line answer 「夜中も
     * つながる？」. An example would do it too, but it would move the classifier for every other question.
     */
    gives: z.array(z.string().min(1)).default([]),
    /**
     * Concepts of which a question must say one for this answer to fit it: 「そのようなことはしません」 presumes the
     * resident says what they were asked for (口座番号, 手数料…); 「このハガキは本物？」 alone is not answered by it.
     */
    presumes: z.array(z.string().min(1)).default([]),
  })
  .refine((u) => (u.answer === undefined) !== (u.action === undefined), {
    message: 'a unit has either an answer or an action',
  });

const knownUnknown = z.object({
  id: z.string().regex(/^[a-zA-Z0-9]+$/),
  /** Which phone line knows: the national hotline, or the city for its own counters. */
  route: z.enum(['hotline', 'city']),
  examples: z.array(z.string().min(1)).min(1),
});

const knowledge = z.object({
  /** Domain synonym sets: concept → the words that say it (each word belongs to one concept). */
  concepts: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  units: z.array(answerUnit).min(1),
  /** Questions residents ask that the page does not answer, with the line that can. */
  unknowns: z.array(knownUnknown),
  /** Concepts that say how a question is asked (いつまで, 何ポイント, どこ), not what it is about. */
  cues: z.array(z.string().min(1)).default([]),
  /**
   * Concepts that name the particular a question asks for (a fee, a floor, a time of day, a place): a unit none of
   * whose examples asks for one does not have that fact, and a question asking it of that unit is handed off.
   */
  facets: z.array(z.string().min(1)).default([]),
  /**
   * Facets a question names outright (何時, いつ, 何階, どこ, 手数料): asked of a unit that does not have it, it is
   * handed off however well the rest of the question matches; other facets (いくら, もらえる) are often only
   * part of how a question about something else is put.
   */
  askedOutright: z.array(z.string().min(1)).default([]),
  /**
   * Concepts that fix what a question is about, a procedure (再設定, 更新, 再発行) or an office (市民生活課, 企画室,
   * フリーダイヤル): a unit none of whose examples names the one asked about answers about another (its items,
   * hours or fees are not that one's). Not the support counters' places: their hours and days are the same.
   */
  subjects: z.array(z.string().min(1)).default([]),
  /**
   * Page-silent concepts that tell the asker's situation (a death in the family, details already given to a
   * fraudster, a changed name): whatever the message then asks is asked about that situation, so they count in
   * a sentence of context too. Other page-silent words (子ども, バス) are as often mere background there.
   */
  silentSituations: z.array(z.string().min(1)).default([]),
  /**
   * Concepts that, said in one sentence, mean one more: 「マスク忘れたら窓口でもらえますか」 asks for a mask handed
   * out (マスク and もらえる), which no form can say when other words come between them.
   */
  together: z
    .array(
      z
        .object({
          concepts: z.array(z.string().min(1)).min(1),
          /** One of these must be said too (通訳 is a language with staff, at the city hall, or going there). */
          anyOf: z.array(z.string().min(1)).min(2).optional(),
          means: z.string().min(1),
          /** Concepts that, said too, mean the words go together otherwise (カードを使ってスマホで申し込む). */
          unless: z.array(z.string().min(1)).optional(),
        })
        .refine((rule) => rule.concepts.length + (rule.anyOf ? 1 : 0) >= 2, {
          message: 'words said together are at least two',
        }),
    )
    .default([]),
  /**
   * Words that tell whose matter a question handed off is, whatever else it is near: a phone line's own words
   * (フリーダイヤル, 050, 英語の電話: what a call costs, when it is busy) for that line; the counter's own matters
   * (an item the page does not list) for the city, which runs the counters.
   */
  linesNamed: z
    .array(
      z.object({
        concepts: z.array(z.string().min(1)).min(1),
        /** One of these must be said too (a former surname with the card, in either of its words). */
        anyOf: z.array(z.string().min(1)).min(2).optional(),
        route: z.enum(['hotline', 'city']),
      }),
    )
    .default([]),
  /** Everyday words that say nothing about what is asked (母, 仕事, 場合): not counted as unknown words. */
  genericWords: z.array(z.string().min(1)).default([]),
  slotTexts: z.object({ ja: texts, en: texts }),
});

export type AnswerUnit = z.infer<typeof answerUnit>;
export type KnownUnknown = z.infer<typeof knownUnknown>;

export const contentSchema = z
  .object({
    city: z.object({
      id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
      name: z.string().min(1),
      botName: z.string().min(1),
      source: z.object({ title: z.string(), pageNumber: z.string(), updated: ymd }),
    }),
    programme: z.object({
      phase2Start: ymd,
      cardApplicationDeadline: ymd,
      pointDeadline: ymd,
      maxPoints: z.number().int().positive(),
      items: z
        .array(
          z.object({
            id: z.enum(['cashless', 'healthInsurance', 'publicFundAccount']),
            points: z.number().int().positive(),
            label: z.string().min(1),
            condition: z.string().min(1),
            /** Share of the amount charged or spent that becomes points (the cashless item). */
            rate: z.number().positive().max(1).optional(),
          }),
        )
        .length(3),
    }),
    counters: z.object({
      places: z
        .array(
          z.object({
            name: z.string().min(1),
            detail: z.string().optional(),
            /** The concept that names this place in a question (`place.izumi`). */
            concept: z.string().regex(/^place\./, 'a concept starting with place.'),
          }),
        )
        .min(1),
      sessions: z.array(z.object({ from: hhmm, to: hhmm })).min(1),
      closedWeekdays: z.array(z.number().int().min(0).max(6)),
      closedOnNationalHolidays: z.boolean(),
      yearEndClosure: z.object({ from: mmdd, to: mmdd }),
    }),
    cardOffice: z.object({ name: z.string().min(1), place: z.string().min(1) }),
    phones: z.object({
      hotline: phone.extend({ fallback: phoneNumber, guidance: z.string() }),
      multilingual: phone.extend({ languages: z.string(), languagesEn: z.string() }),
      city: phone.extend({ fax: z.string().optional(), address: z.string().optional() }),
    }),
    fraud: z.object({
      neverAsk: z.array(z.string().min(1)).min(1),
      /** What a caller asked for (an `asked.*` concept) → how the answer names it. */
      askedLabels: z.record(z.string().regex(/^asked\./), z.string().min(1)),
    }),
    knowledge,
    texts: z.object({ ja: texts, en: texts }),
  })
  .superRefine((c, ctx) => {
    for (const key of REQUIRED_TEXT_KEYS) {
      if (!c.texts.ja[key])
        ctx.addIssue({ code: 'custom', path: ['texts', 'ja', key], message: 'missing answer text' });
    }
    for (const key of REQUIRED_ENGLISH_KEYS) {
      if (!c.texts.en[key])
        ctx.addIssue({ code: 'custom', path: ['texts', 'en', key], message: 'missing answer text' });
    }
    const ids = new Set(c.knowledge.units.map((u) => u.id));
    if (ids.size !== c.knowledge.units.length) {
      ctx.addIssue({ code: 'custom', path: ['knowledge', 'units'], message: 'unit ids must be unique' });
    }
    c.knowledge.units.forEach((u, i) => {
      for (const r of u.related) {
        if (!ids.has(r)) {
          ctx.addIssue({
            code: 'custom',
            path: ['knowledge', 'units', i, 'related'],
            message: `unknown unit ${r}`,
          });
        }
      }
    });
    const owner = new Map<string, string>();
    for (const [concept, words] of Object.entries(c.knowledge.concepts)) {
      for (const word of words) {
        const key = word.normalize('NFKC').toLowerCase();
        const other = owner.get(key);
        if (other && other !== concept) {
          ctx.addIssue({
            code: 'custom',
            path: ['knowledge', 'concepts', concept],
            message: `"${word}" already belongs to ${other}`,
          });
        }
        owner.set(key, concept);
      }
    }
    // A resident may type a line's number (「0557-86-6074は何時まで？」): each is a form of its line's concept, and
    // a number written among the forms is one of the lines', so a changed number cannot be left behind.
    const numbers = [
      ...Object.entries(c.phones).map(([key, line]) => ({
        path: ['phones', key, 'number'],
        number: line.number,
      })),
      { path: ['phones', 'hotline', 'fallback'], number: c.phones.hotline.fallback },
    ];
    for (const { path, number } of numbers) {
      if (!owner.has(number)) {
        ctx.addIssue({ code: 'custom', path, message: `${number} is not a form of any concept` });
      }
    }
    for (const [concept, words] of Object.entries(c.knowledge.concepts)) {
      for (const word of words.filter((w) => PHONE_FORM.test(w))) {
        if (!numbers.some((n) => n.number === word || n.number.replace(/-/g, '') === word)) {
          ctx.addIssue({
            code: 'custom',
            path: ['knowledge', 'concepts', concept],
            message: `${word} is not the number of any phone line`,
          });
        }
      }
    }
    // Every facet asked outright, or given by a unit, must be one of the facets.
    const facetsNamed = [
      ...c.knowledge.askedOutright.map((facet, i) => ({ path: ['knowledge', 'askedOutright', i], facet })),
      ...c.knowledge.units.flatMap((unit, u) =>
        unit.gives.map((facet, i) => ({ path: ['knowledge', 'units', u, 'gives', i], facet })),
      ),
    ];
    for (const { path, facet } of facetsNamed) {
      if (!c.knowledge.facets.includes(facet)) {
        ctx.addIssue({ code: 'custom', path, message: `${facet} is not one of the facets` });
      }
    }
    // Every list that names concepts must name ones the content has.
    const named = [
      ...(['facets', 'subjects', 'silentSituations'] as const).flatMap((list) =>
        c.knowledge[list].map((concept, i) => ({ path: ['knowledge', list, i], concept })),
      ),
      ...c.knowledge.linesNamed.flatMap((line, i) =>
        [...line.concepts, ...(line.anyOf ?? [])].map((concept) => ({
          path: ['knowledge', 'linesNamed', i],
          concept,
        })),
      ),
      ...c.knowledge.together.flatMap((rule, i) =>
        [...rule.concepts, ...(rule.anyOf ?? []), rule.means, ...(rule.unless ?? [])].map((concept) => ({
          path: ['knowledge', 'together', i],
          concept,
        })),
      ),
      ...c.knowledge.units.flatMap((unit, u) =>
        unit.presumes.map((concept, i) => ({ path: ['knowledge', 'units', u, 'presumes', i], concept })),
      ),
    ];
    for (const { path, concept } of named) {
      if (!(concept in c.knowledge.concepts)) {
        ctx.addIssue({ code: 'custom', path, message: `unknown concept ${concept}` });
      }
    }
    const sum = c.programme.items.reduce((s, i) => s + i.points, 0);
    if (sum !== c.programme.maxPoints) {
      ctx.addIssue({ code: 'custom', path: ['programme', 'maxPoints'], message: `items add up to ${sum}` });
    }
    const { phase2Start, cardApplicationDeadline, pointDeadline } = c.programme;
    if (!(phase2Start <= cardApplicationDeadline && cardApplicationDeadline <= pointDeadline)) {
      ctx.addIssue({
        code: 'custom',
        path: ['programme'],
        message: 'dates must be in order: start, card, points',
      });
    }
  });

export type Content = z.infer<typeof contentSchema>;
export type TextKey = (typeof REQUIRED_TEXT_KEYS)[number];
