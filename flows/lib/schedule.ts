import type { Content } from '../content';
import { minutesOf, nationalHoliday, nextTokyoDay, tokyoDay, type TokyoDay } from './calendar';

export type ClosedReason = { kind: 'weekend' } | { kind: 'holiday'; name: string } | { kind: 'yearEnd' };

export type CounterStatus =
  | { kind: 'open'; until: string }
  | { kind: 'lunch'; reopens: string }
  | { kind: 'beforeOpen'; opens: string }
  | { kind: 'afterClose'; next: NextOpening }
  | { kind: 'closedDay'; day: TokyoDay; reason: ClosedReason; next: NextOpening };

export interface NextOpening {
  day: TokyoDay;
  at: string;
}

type Counters = Content['counters'];

/** Whether a day of the year (MM-DD) falls in the year-end closure. */
export function inYearEndClosure(md: string, closure: Counters['yearEndClosure']): boolean {
  // The closure wraps around New Year: 12-29 … 12-31 and 01-01 … 01-03.
  return closure.from <= closure.to
    ? md >= closure.from && md <= closure.to
    : md >= closure.from || md <= closure.to;
}

export function closedReason(day: TokyoDay, counters: Counters): ClosedReason | null {
  if (inYearEndClosure(day.ymd.slice(5), counters.yearEndClosure)) return { kind: 'yearEnd' };
  if (counters.closedOnNationalHolidays) {
    const name = nationalHoliday(day.ymd);
    if (name) return { kind: 'holiday', name };
  }
  if (counters.closedWeekdays.includes(day.weekday)) return { kind: 'weekend' };
  return null;
}

export function nextOpening(after: TokyoDay, counters: Counters): NextOpening {
  const first = counters.sessions[0]!.from;
  let day = nextTokyoDay(after.ymd);
  // Closures are at most a couple of weeks; a year bounds a content mistake that closes every day.
  for (let i = 0; i < 366 && closedReason(day, counters); i++) day = nextTokyoDay(day.ymd);
  return { day, at: first };
}

export function counterStatus(now: Date, counters: Counters): CounterStatus {
  const today = tokyoDay(now);
  const reason = closedReason(today, counters);
  if (reason) return { kind: 'closedDay', day: today, reason, next: nextOpening(today, counters) };
  const sessions = counters.sessions;
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i]!;
    if (today.minutes < minutesOf(s.from)) {
      return i === 0 ? { kind: 'beforeOpen', opens: s.from } : { kind: 'lunch', reopens: s.from };
    }
    if (today.minutes < minutesOf(s.to)) return { kind: 'open', until: s.to };
  }
  return { kind: 'afterClose', next: nextOpening(today, counters) };
}

export type ProgrammePhase = 'notStarted' | 'open' | 'ended';

export function programmePhase(now: Date, programme: Content['programme']): ProgrammePhase {
  const ymd = tokyoDay(now).ymd;
  if (ymd < programme.phase2Start) return 'notStarted';
  if (ymd > programme.pointDeadline) return 'ended';
  return 'open';
}
