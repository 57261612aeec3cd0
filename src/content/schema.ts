import { z } from 'zod';

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const mmdd = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as MM-DD');
const phoneNumber = z
  .string()
  .regex(/^(#\d{3,4}|\d{2,4}(-\d{1,4}){1,2}|\d{3})$/, 'a phone number such as 0120-95-0178');

const phone = z.object({
  name: z.string().min(1),
  number: phoneNumber,
  hours: z.string().optional(),
  note: z.string().optional(),
});

/** Answer texts: one per topic and situation; `{path.to.fact}` placeholders are filled from this file. */
const texts = z.record(z.string().min(1), z.string().min(1));

export const REQUIRED_TEXT_KEYS = [
  'welcome',
  'welcomeBack',
  'menuPrompt',
  'unsupportedMessage',
  'thanks',
  'cancelled',
  'conversationReset',
  'points',
  'deadline',
  'howToApply',
  'online',
  'shopping',
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
  'hours',
  'places',
  'closedDays',
  'beforeComing',
  'health',
  'openNow.open',
  'openNow.lunch',
  'openNow.beforeOpen',
  'openNow.afterClose',
  'openNow.weekend',
  'openNow.holiday',
  'openNow.yearEnd',
  'openNow.ended',
  'cardCertificateExpired',
  'cardPinReset',
  'cardNew',
  'cardLost',
  'items',
  'paymentServiceId',
  'changeService',
  'paymentProvider',
  'fraud',
  'fraudReport',
  'hotline',
  'multilingual',
  'cityContact',
  'outOfScope',
  'outOfScopeSuggest',
  'sensitiveWarning',
  'notices.menu',
  'notices.subscribed',
  'notices.unsubscribed',
] as const;

export const REQUIRED_ENGLISH_KEYS = [
  'welcome',
  'points',
  'deadline',
  'howToApply',
  'programmeEnded',
  'hours',
  'items',
  'fraud',
  'hotline',
  'multilingual',
  'outOfScope',
  'sensitiveWarning',
  'openNow.open',
  'openNow.closed',
] as const;

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
          }),
        )
        .length(3),
    }),
    counters: z.object({
      places: z.array(z.object({ name: z.string().min(1), detail: z.string().optional() })).min(1),
      sessions: z.array(z.object({ from: hhmm, to: hhmm })).min(1),
      closedWeekdays: z.array(z.number().int().min(0).max(6)),
      closedOnNationalHolidays: z.boolean(),
      yearEndClosure: z.object({ from: mmdd, to: mmdd }),
    }),
    cardOffice: z.object({ name: z.string().min(1), place: z.string().min(1) }),
    phones: z.object({
      hotline: phone.extend({ fallback: phoneNumber, guidance: z.string() }),
      multilingual: phone.extend({ languages: z.string(), languagesEn: z.string() }),
      police: phone,
      consumer: phone,
      city: phone.extend({ fax: z.string().optional(), address: z.string().optional() }),
    }),
    itemsToBring: z.array(z.object({ name: z.string().min(1), note: z.string().optional() })).min(1),
    fraud: z.object({
      neverAsk: z.array(z.string().min(1)).min(1),
      whatToDo: z.array(z.string().min(1)).min(1),
    }),
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
