import { holidays } from '@holiday-jp/holiday_jp';

/** A moment as seen on a wall clock in Japan, whatever the server's TZ. */
export interface TokyoDay {
  ymd: string;
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes since midnight in Tokyo */
  minutes: number;
}

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time.

export function tokyoDay(instant: Date): TokyoDay {
  const shifted = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  return {
    ymd: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    year,
    month,
    day,
    weekday: shifted.getUTCDay(),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The Tokyo calendar day after `ymd`, at midnight. */
export function nextTokyoDay(ymd: string): TokyoDay {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return tokyoDay(new Date(Date.UTC(y, m - 1, d + 1) - TOKYO_OFFSET_MS));
}

export function nationalHoliday(ymd: string): string | null {
  return (holidays as Record<string, { name: string } | undefined>)[ymd]?.name ?? null;
}

export const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;
export const WEEKDAYS_EN = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

export const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export const hhmmJa = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h}時${String(m).padStart(2, '0')}分`;
};
