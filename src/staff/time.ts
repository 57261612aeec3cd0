const JAPAN_OFFSET_MS = 9 * 3600_000;
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

/** `2023/04/12(水) 10:00` in Japan time, whatever the machine's time zone. */
export function formatJapanTime(epochMs: number): string {
  const d = new Date(epochMs + JAPAN_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}(${WEEKDAYS[d.getUTCDay()]}) ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DD` of the Japan-time day the instant falls in. */
export const japanDay = (epochMs: number): string =>
  new Date(epochMs + JAPAN_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Japan-time day (`YYYY-MM-DD`) begins; null for anything else. */
export function japanDayStart(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00+09:00`);
  return Number.isNaN(t) || japanDay(t) !== day ? null : t;
}

/** A `datetime-local` value (`YYYY-MM-DDTHH:MM`) read as Japan time; null when it is not one. */
export function japanLocalTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}:00+09:00`);
  return Number.isNaN(t) ? null : t;
}
