import type { Content } from '../content';
import type { Lang } from '../purposes';
import {
  hhmmJa,
  minutesOf,
  nextTokyoDay,
  tokyoDay,
  WEEKDAYS_EN,
  WEEKDAYS_JA,
  type TokyoDay,
} from './calendar';
import { closedReason, counterStatus, nextOpening, type CounterStatus, type NextOpening } from './schedule';
import type { WhenSlot } from './slots';
import { textFor } from './texts';

const RELATIVE_JA = ['今日', '明日', '明後日'];
const RELATIVE_EN = ['today', 'tomorrow', 'the day after tomorrow'];

const addDays = (day: TokyoDay, n: number): TokyoDay => {
  let d = day;
  for (let i = 0; i < n; i++) d = nextTokyoDay(d.ymd);
  return d;
};

/** The calendar day a question is about, from the flows' clock: 明日, 来週の月曜, 5月5日, or today. */
export function targetDay(today: TokyoDay, when: WhenSlot | undefined): TokyoDay {
  if (!when) return today;
  if (when.relDay !== undefined) return addDays(today, when.relDay);
  if (when.month !== undefined && when.day !== undefined) {
    for (let d = today, i = 0; i < 400; i++, d = nextTokyoDay(d.ymd)) {
      if (d.month === when.month && d.day === when.day) return d;
    }
    return today;
  }
  if (when.weekday !== undefined) {
    // Weeks start on Monday, as on a Japanese office calendar.
    const mondayBased = (w: number) => (w + 6) % 7;
    if (when.week) {
      const weeksAhead = when.week === 'this' ? 0 : when.week === 'next' ? 1 : 2;
      const offset = weeksAhead * 7 + mondayBased(when.weekday) - mondayBased(today.weekday);
      return addDays(today, Math.max(0, offset));
    }
    return addDays(today, (when.weekday - today.weekday + 7) % 7);
  }
  return today;
}

function dayLabel(day: TokyoDay, today: TokyoDay, lang: Lang): string {
  const diff = [0, 1, 2].find((n) => addDays(today, n).ymd === day.ymd);
  if (lang === 'en') {
    const date = `${WEEKDAYS_EN[day.weekday]}, ${day.month}/${day.day}`;
    return diff !== undefined ? `${RELATIVE_EN[diff]} (${date})` : date;
  }
  const date = `${day.month}月${day.day}日（${WEEKDAYS_JA[day.weekday]}）`;
  return diff !== undefined ? `${RELATIVE_JA[diff]}${date}` : date;
}

function nextOpenText(next: NextOpening, lang: Lang): string {
  const { month, day, weekday } = next.day;
  return lang === 'en'
    ? `${WEEKDAYS_EN[weekday]}, ${month}/${day} at ${next.at}`
    : `${month}月${day}日（${WEEKDAYS_JA[weekday]}）${hhmmJa(next.at)}`;
}

const timeJa = (minutes: number) => `${Math.floor(minutes / 60)}時${String(minutes % 60).padStart(2, '0')}分`;
const timeEn = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

function nowText(content: Content, lang: Lang, status: CounterStatus): string {
  if (lang === 'en') {
    return status.kind === 'open'
      ? textFor(content, 'en', 'openNow.open', { sessionEnd: status.until })
      : textFor(content, 'en', 'openNow.closed', {
          nextOpen:
            status.kind === 'lunch' || status.kind === 'beforeOpen'
              ? `${status.kind === 'lunch' ? status.reopens : status.opens} today`
              : nextOpenText(status.next, 'en'),
        });
  }
  switch (status.kind) {
    case 'open':
      return textFor(content, 'ja', 'openNow.open', { sessionEnd: hhmmJa(status.until) });
    case 'lunch':
      return textFor(content, 'ja', 'openNow.lunch', { reopens: hhmmJa(status.reopens) });
    case 'beforeOpen':
      return textFor(content, 'ja', 'openNow.beforeOpen', { opens: hhmmJa(status.opens) });
    case 'afterClose':
      return textFor(content, 'ja', 'openNow.afterClose', { nextOpen: nextOpenText(status.next, 'ja') });
    case 'closedDay': {
      const nextOpen = nextOpenText(status.next, 'ja');
      if (status.reason.kind === 'holiday') {
        return textFor(content, 'ja', 'openNow.holiday', { holidayName: status.reason.name, nextOpen });
      }
      if (status.reason.kind === 'yearEnd') return textFor(content, 'ja', 'openNow.yearEnd', { nextOpen });
      return textFor(content, 'ja', 'openNow.weekend', {
        weekday: `${WEEKDAYS_JA[status.day.weekday]}曜日`,
        nextOpen,
      });
    }
  }
}

/**
 * "Is it open?" for the moment asked about: now, a time today, another day, or a time on another day. An
 * answer about a closed day or hour names the next opening.
 */
export function openOnText(content: Content, lang: Lang, now: Date, when: WhenSlot | undefined): string {
  const { counters } = content;
  const today = tokyoDay(now);
  const day = targetDay(today, when);
  const asksNow = !when || (when.now === true && when.minutes === undefined) || isOnlyToday(when);
  if (day.ymd === today.ymd && asksNow) return nowText(content, lang, counterStatus(now, counters));

  const label = dayLabel(day, today, lang);
  if (day.ymd > content.programme.pointDeadline) {
    return lang === 'en'
      ? textFor(content, 'en', 'programmeEnded')
      : textFor(content, 'ja', 'openOn.afterProgramme', { day: label });
  }
  const [am, pm] = [counters.sessions[0]!, counters.sessions[counters.sessions.length - 1]!];
  const range = (s: { from: string; to: string }) =>
    lang === 'en' ? `${s.from}–${s.to}` : `${hhmmJa(s.from)}〜${hhmmJa(s.to)}`;
  const reason = closedReason(day, counters);
  if (reason) {
    const next = nextOpenText(nextOpening(day, counters), lang);
    if (lang === 'en') return textFor(content, 'en', 'openOn.dayClosed', { day: label, nextOpen: next });
    if (reason.kind === 'holiday') {
      return textFor(content, 'ja', 'openOn.holiday', {
        day: label,
        holidayName: reason.name,
        nextOpen: next,
      });
    }
    if (reason.kind === 'yearEnd')
      return textFor(content, 'ja', 'openOn.yearEnd', { day: label, nextOpen: next });
    return textFor(content, 'ja', 'openOn.weekend', {
      day: label,
      weekday: WEEKDAYS_JA[day.weekday]!,
      nextOpen: next,
    });
  }
  if (when?.minutes === undefined) {
    return textFor(content, lang, 'openOn.dayOpen', { day: label, am: range(am), pm: range(pm) });
  }
  return timeText(content, lang, day, label, when.minutes, range);
}

const isOnlyToday = (when: WhenSlot) =>
  when.relDay === 0 &&
  when.minutes === undefined &&
  when.weekday === undefined &&
  when.month === undefined &&
  when.session === undefined;

function timeText(
  content: Content,
  lang: Lang,
  day: TokyoDay,
  label: string,
  minutes: number,
  range: (s: { from: string; to: string }) => string,
): string {
  const sessions = content.counters.sessions;
  const time = lang === 'en' ? timeEn(minutes) : timeJa(minutes);
  const [am, pm] = [sessions[0]!, sessions[sessions.length - 1]!];
  const within = sessions.find((s) => minutes >= minutesOf(s.from) && minutes < minutesOf(s.to));
  const before = minutes < minutesOf(sessions[0]!.from);
  const after = minutes >= minutesOf(pm.to);
  if (lang === 'en') {
    const status = within ? 'the counters are open' : 'the counters are not taking applications';
    return textFor(content, 'en', 'openOn.time', { day: label, time, status, am: range(am), pm: range(pm) });
  }
  if (within) {
    return textFor(content, 'ja', 'openOn.open', {
      day: label,
      time,
      session: `${within === am ? '午前' : '午後'}は${range(within)}`,
    });
  }
  if (before)
    return textFor(content, 'ja', 'openOn.beforeOpen', { day: label, time, opens: hhmmJa(am.from) });
  if (after) {
    return textFor(content, 'ja', 'openOn.afterClose', {
      day: label,
      time,
      closes: hhmmJa(pm.to),
      nextOpen: nextOpenText(nextOpening(day, content.counters), 'ja'),
    });
  }
  const reopens = sessions.find((s) => minutes < minutesOf(s.from))!;
  return textFor(content, 'ja', 'openOn.lunch', { day: label, time, reopens: hhmmJa(reopens.from) });
}
