import type { AnswerUnit, Content } from '../content';
import type { Lang } from '../purposes';
import { tokyoDay } from './calendar';
import { openOnText } from './openOn';
import { programmePhase } from './schedule';
import type { QuestionSlots } from './slots';
import { textFor } from './texts';

export interface AnswerContext {
  lang: Lang;
  now: Date;
  slots: QuestionSlots;
}

export function unitOf(content: Content, id: string): AnswerUnit {
  const unit = content.knowledge.units.find((u) => u.id === id);
  if (!unit) throw new Error(`content has no answer unit "${id}"`);
  return unit;
}

const fill = (template: string, vars: Record<string, string>) =>
  template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => vars[name] ?? whole);

const yen = (n: number) => n.toLocaleString('en-US');

function slotText(content: Content, lang: Lang, key: string, vars: Record<string, string>): string | null {
  const template = content.knowledge.slotTexts[lang][key];
  return template ? fill(template, vars) : null;
}

const daysBetween = (fromYmd: string, toYmd: string) =>
  Math.round((Date.parse(`${toYmd}T00:00:00Z`) - Date.parse(`${fromYmd}T00:00:00Z`)) / 86_400_000);

/**
 * The card application date a resident names (「2月20日」「3月に」), with the year it most likely had: the
 * programme's months up to the deadline's are in the deadline's year, later ones in the year before.
 */
function cardDateLine(content: Content, lang: Lang, slots: QuestionSlots): string | null {
  const month = slots.when?.month ?? slots.monthOnly;
  if (month === undefined) return null;
  const day = slots.when?.month !== undefined ? slots.when.day : undefined;
  const deadline = content.programme.cardApplicationDeadline;
  const [dy, dm] = deadline.split('-').map(Number) as [number, number];
  const year = month <= dm + 6 ? dy : dy - 1;
  // A month alone counts as its last day: 「2月に申請」 is in time, 「3月に申請」 is not.
  const ymd = `${year}-${String(month).padStart(2, '0')}-${String(day ?? 31).padStart(2, '0')}`;
  const inTime = day === undefined ? `${ymd.slice(0, 7)}` <= deadline.slice(0, 7) : ymd <= deadline;
  const date = day === undefined ? `${month}月` : `${month}月${day}日`;
  return slotText(content, lang, inTime ? 'cardDateIn' : 'cardDateOut', { date });
}

function cashlessLine(content: Content, lang: Lang, amount: number): string | null {
  const item = content.programme.items.find((i) => i.rate !== undefined);
  if (!item?.rate) return null;
  const points = Math.min(Math.round(amount * item.rate), item.points);
  const key = points === item.points ? 'cashlessAmountCapped' : 'cashlessAmount';
  return slotText(content, lang, key, { amount: yen(amount), points: yen(points) });
}

function daysLeftLine(content: Content, lang: Lang, now: Date): string | null {
  const today = tokyoDay(now);
  const days = daysBetween(today.ymd, content.programme.pointDeadline);
  if (days < 0) return null;
  const label = lang === 'en' ? `${today.month}/${today.day}` : `${today.month}月${today.day}日`;
  return slotText(content, lang, days === 0 ? 'lastDay' : 'daysLeft', { today: label, days: String(days) });
}

function placeLine(content: Content, lang: Lang, place: string | undefined): string | null {
  const counter = content.counters.places.find((p) => p.concept === place);
  if (!counter) return null;
  return slotText(content, lang, 'place', { place: counter.name });
}

function askedLine(content: Content, lang: Lang, asked: string[]): string | null {
  const labels = asked.map((a) => content.fraud.askedLabels[a]).filter((l): l is string => Boolean(l));
  if (labels.length === 0) return null;
  return slotText(content, lang, 'askedFor', { asked: [...new Set(labels)].join('・') });
}

/** The lines that answer this question's particulars, before the unit's own answer. */
function slotLines(content: Content, unit: AnswerUnit, ctx: AnswerContext): string[] {
  const { lang, slots } = ctx;
  const lines: (string | null)[] = [];
  for (const slot of unit.slots) {
    if (slot === 'place') lines.push(placeLine(content, lang, slots.place));
    if (slot === 'amount' && slots.amount !== undefined)
      lines.push(cashlessLine(content, lang, slots.amount));
    if (slot === 'cardDate') lines.push(cardDateLine(content, lang, slots));
    if (slot === 'daysLeft') lines.push(daysLeftLine(content, lang, ctx.now));
    if (slot === 'asked') lines.push(askedLine(content, lang, slots.asked));
  }
  return lines.filter((l): l is string => l !== null);
}

/**
 * The answer to one unit for this question: its particulars first (that day, that amount, that place), then the
 * unit's own text. Once the programme is over, what it said about applying gives way to "it has ended".
 */
export function composeAnswer(content: Content, unitId: string, ctx: AnswerContext): string {
  const unit = unitOf(content, unitId);
  const phase = programmePhase(ctx.now, content.programme);
  if (unit.whenEnded && phase === 'ended') {
    return textFor(
      content,
      ctx.lang,
      unit.whenEnded === 'countersEnded' && ctx.lang === 'ja' ? 'openNow.ended' : 'programmeEnded',
    );
  }
  if (unit.whenEnded === 'programmeEnded' && phase === 'notStarted') {
    return textFor(content, ctx.lang, 'programmeNotStarted');
  }
  const answer = ctx.lang === 'en' ? unit.answer?.en : unit.answer?.ja;
  if (answer === undefined) return textFor(content, 'en', 'japaneseOnly');
  const lines = slotLines(content, unit, ctx);
  if (unit.slots.includes('when')) lines.push(openOnText(content, ctx.lang, ctx.now, ctx.slots.when));
  else lines.push(answer);
  return lines.join('\n');
}
