/**
 * Slots: the particulars of a question that an answer depends on — which day, what time, how much, which month.
 * They are read from the normalised text and resolved against the clock later, by the flow that answers.
 */
import type { QuestionSlots, WhenSlot } from '../../flows/lib/slots';

/** The slots read from the words alone; place, items and what was asked come from concepts. */
export type Slots = Omit<QuestionSlots, 'place' | 'items' | 'asked'>;

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十二月 → 12月, 三時 → 3時, 二万円 → 2万円: only numerals in front of a counter word are converted. */
export function kanjiNumeralsToDigits(text: string): string {
  return text.replace(/([〇一二三四五六七八九十]+)(?=[月日時分万円千百割])/g, (numeral) => {
    let total = 0;
    let current = 0;
    for (const ch of numeral) {
      if (ch === '十') {
        total += (current || 1) * 10;
        current = 0;
      } else current = KANJI_DIGITS[ch] ?? 0;
    }
    return String(total + current);
  });
}

const WEEKDAY_CHARS = '日月火水木金土';
const WEEKDAY = new RegExp(`([${WEEKDAY_CHARS}])(?:曜|よう)`);
// Weekdays written in kana, in the order of WEEKDAY_CHARS (かよう alone is 通う).
const KANA_WEEKDAYS = ['にちよう', 'げつよう', 'かようび', 'すいよう', 'もくよう', 'きんよう', 'どよう'];
const KANA_WEEKDAY = new RegExp(`(${KANA_WEEKDAYS.join('|')})`);
const ENGLISH_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ENGLISH_WEEKDAY = new RegExp(`\\b(${ENGLISH_WEEKDAYS.join('|')})s?\\b`);
const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Whether a normalised message names a weekday (土曜日, Saturday). 土日 and 週末 name a kind of day, which
 * `readSlots` reads as the coming Saturday.
 */
export function namesWeekday(text: string): boolean {
  return WEEKDAY.test(text) || KANA_WEEKDAY.test(text) || ENGLISH_WEEKDAY.test(text);
}

/** 「May 5」「5th of May」「on December 29th」 as [_, month, day], like the Japanese 5月5日. */
function englishDate(t: string): [string, string, string] | null {
  const month = `(${ENGLISH_MONTHS.join('|')})[a-z]*\\.?`;
  const day = `(\\d{1,2})(?:st|nd|rd|th)?`;
  const monthFirst = t.match(new RegExp(`\\b${month}\\s+${day}\\b`));
  const dayFirst = t.match(new RegExp(`\\b${day}\\s+(?:of\\s+)?${month}(?![a-z])`));
  if (monthFirst) return [monthFirst[0], String(ENGLISH_MONTHS.indexOf(monthFirst[1]!) + 1), monthFirst[2]!];
  if (dayFirst) return [dayFirst[0], String(ENGLISH_MONTHS.indexOf(dayFirst[2]!) + 1), dayFirst[1]!];
  return null;
}

// A date as 12月29日 or as 12/29, and a time as 11:30 or as 11時, 11時半, 11時30分: the readers below share them.
const KANJI_DATE = String.raw`(\d{1,2})\s*月\s*(\d{1,2})\s*日`;
const SLASH_DATE = String.raw`(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])`;
const CLOCK = String.raw`(\d{1,2}):(\d{2})`;
const HOUR = String.raw`(\d{1,2})\s*時\s*(半|(\d{1,2})\s*分)?`;
const ONE_KANJI_DATE = new RegExp(KANJI_DATE);
const ONE_SLASH_DATE = new RegExp(SLASH_DATE);
const ANY_DATE = new RegExp(`${KANJI_DATE}|${SLASH_DATE}`, 'g');
const ONE_CLOCK = new RegExp(`(?<!\\d)${CLOCK}(?!\\d)`);
// 「夜11時」「夕方5時」「朝9時」: the part of the day said before the hour tells morning from evening.
const MORNING_WORDS = ['午前', '朝'];
const EVENING_WORDS = ['午後', '夕方', '夜', '晩'];
const ONE_SPOKEN_TIME = new RegExp(`(${[...MORNING_WORDS, ...EVENING_WORDS].join('|')})?の?\\s*${HOUR}`);
const ANY_TIME = new RegExp(`(?<![\\d/])(?:${CLOCK}|${HOUR})`, 'g');

/** Every date a normalised message names (12月29日, 1/3), as MM-DD. */
export function datesNamed(text: string): string[] {
  const t = kanjiNumeralsToDigits(text);
  const pad = (n: string) => n.padStart(2, '0');
  return [...t.matchAll(ANY_DATE)]
    .map((m) => [Number(m[1] ?? m[3]), Number(m[2] ?? m[4])] as const)
    .filter(([month, day]) => month >= 1 && month <= 12 && day >= 1 && day <= 31)
    .map(([month, day]) => `${pad(String(month))}-${pad(String(day))}`);
}

/**
 * Every clock time a normalised message names (11:30, 13時, 1時半), in minutes after midnight, in order; a bare
 * 1 to 7 o'clock is the afternoon, as in `readSlots`.
 */
export function timesNamed(text: string): number[] {
  const t = kanjiNumeralsToDigits(text);
  return [...t.matchAll(ANY_TIME)]
    .map((m) =>
      m[1] !== undefined
        ? inTheDay(Number(m[1]), Number(m[2]), undefined)
        : inTheDay(Number(m[3]), m[4] === '半' ? 30 : Number(m[5] ?? 0), undefined),
    )
    .filter((minutes): minutes is number => minutes !== undefined);
}

/**
 * Reads the slots of a normalised (NFKC, lower-case) message. `afternoonFrom` decides whether a bare hour such
 * as 「3時」 means 15:00: an hour before it and before 8 is read as the afternoon.
 */
export function readSlots(text: string): Slots {
  const t = kanjiNumeralsToDigits(text);
  const slots: Slots = {};
  const when: WhenSlot = {};

  if (/明後日|あさって|みょうごにち|\bday after tomorrow\b/.test(t)) when.relDay = 2;
  else if (/明日|あした|あす(?!ま)|翌日|\btomorrow\b/.test(t)) when.relDay = 1;
  else if (/今日|本日|きょう|\btoday\b/.test(t)) when.relDay = 0;
  if (
    /今から|いまから|今すぐ|いますぐ|これから(?:行|伺|寄|向か|窓口|市役所|支所)|もう.{0,6}?(?:開い|あい|やって|受付|受け付)|現在|今って|今は|今、|今行|今開|今やっ|今いっ|いま(?:は|って|、|行|開|やっ|いっ|あい)|^今(?![回月年度朝後週夜晩更ま])|^いま(?!さら|いち|まで)|\bnow\b/.test(
      t,
    )
  ) {
    when.now = true;
  }

  const week = /再来週|\bweek after next\b/.test(t)
    ? 'afterNext'
    : /来週|\bnext (?:week|weekend|[a-z]+day)\b/.test(t)
      ? 'next'
      : /今週|\bthis (?:week|weekend|[a-z]+day)\b/.test(t)
        ? 'this'
        : undefined;
  const weekday = t.match(WEEKDAY);
  const kanaWeekday = t.match(KANA_WEEKDAY);
  const englishWeekday = t.match(ENGLISH_WEEKDAY);
  if (weekday || kanaWeekday || englishWeekday) {
    when.weekday = weekday
      ? WEEKDAY_CHARS.indexOf(weekday[1]!)
      : kanaWeekday
        ? KANA_WEEKDAYS.indexOf(kanaWeekday[1]!)
        : ENGLISH_WEEKDAYS.indexOf(englishWeekday![1]!);
    if (week) when.week = week;
  } else if (/週末|土日|\bweekends?\b/.test(t)) {
    when.weekday = 6;
    if (week) when.week = week;
  }

  const date = t.match(ONE_KANJI_DATE) ?? t.match(ONE_SLASH_DATE) ?? englishDate(t);
  // 「締切って5月31日で合ってる？」「5月31日までに申し込めば」 quote a deadline; 「5月5日は開いてる？」 names a visit.
  const quotesDeadline = (at: number) =>
    /締め?切|期限|期日|〆/.test(t) ||
    /^\s*(まで|で合|であって|ですか|でしょうか|が(?:締|期限|最終))/.test(t.slice(at));
  if (date && !quotesDeadline((date.index ?? 0) + date[0].length)) {
    const month = Number(date[1]);
    const day = Number(date[2]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      when.month = month;
      when.day = day;
    }
  } else {
    const month = t.match(/(?<!\d)(\d{1,2})\s*月(?!\s*\d)/);
    if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) slots.monthOnly = Number(month[1]);
  }

  const minutes = readTime(t);
  if (minutes !== undefined) when.minutes = minutes;
  else if (/午前|朝|\bmorning\b/.test(t)) when.session = 'am';
  else if (/午後|昼から|昼過ぎ|ひるすぎ|\bafternoon\b/.test(t)) when.session = 'pm';

  if (Object.keys(when).length > 0) slots.when = when;

  const amount = readAmount(t);
  if (amount !== undefined) slots.amount = amount;
  return slots;
}

function readTime(t: string): number | undefined {
  // 「at 3:30」「3 pm」 name a visit in English, whatever follows.
  const english = t.match(
    /\b(?:at|around|by)\s+(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\d:a-z-])|\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/,
  );
  if (english) {
    const half = english[3] ?? english[6];
    return inTheDay(
      Number(english[1] ?? english[4]),
      Number(english[2] ?? english[5] ?? 0),
      half ? (half.startsWith('p') ? 'pm' : 'am') : undefined,
    );
  }
  const clock = t.match(ONE_CLOCK);
  const spoken = t.match(ONE_SPOKEN_TIME);
  let hour: number | undefined;
  let minute = 0;
  let half: 'am' | 'pm' | undefined;
  const found = clock ?? (spoken && !/何時/.test(spoken[0]) ? spoken : null);
  // 「13時から？」「16:30ですか」「11:30〜13:00」 quote the schedule to check it; 「3時半に行っても」 names a visit.
  if (found) {
    const after = t.slice((found.index ?? 0) + found[0].length);
    if (/^\s*(から|まで|〜|~|～|-|ー|です|でしょう|で合|であって|って|は|\?|？|$)/.test(after))
      return undefined;
  }
  if (clock) {
    hour = Number(clock[1]);
    minute = Number(clock[2]);
  } else if (spoken && !/何時/.test(spoken[0])) {
    hour = Number(spoken[2]);
    minute = spoken[3] === '半' ? 30 : Number(spoken[4] ?? 0);
    half = spoken[1] === undefined ? undefined : EVENING_WORDS.includes(spoken[1]) ? 'pm' : 'am';
  } else if (/何時|なんじ/.test(t)) {
    // 「夕方何時まで」 asks for a time; it does not name one.
    return undefined;
  } else if (/夕方|ゆうがた/.test(t)) {
    return 17 * 60;
  } else if (/朝一|朝いち|あさいち/.test(t)) {
    return undefined;
  }
  return hour === undefined ? undefined : inTheDay(hour, minute, half);
}

/** Minutes after midnight of an hour named (3時, at 3 pm), or undefined when it names none. */
function inTheDay(hour: number, minute: number, half: 'am' | 'pm' | undefined): number | undefined {
  if (hour > 24 || minute > 59) return undefined;
  if (half === 'pm' && hour < 12) hour += 12;
  // Office hours are in the day: a bare 1 to 7 o'clock is the afternoon (3時, at 3 → 15:00).
  if (!half && hour >= 1 && hour <= 7) hour += 12;
  return hour * 60 + minute;
}

function readAmount(t: string): number | undefined {
  const man = t.match(/(\d+(?:\.\d+)?)\s*万\s*(?:円|ポイント|ぽいんと)?/);
  if (man) return Math.round(Number(man[1]) * 10000);
  const yen = t.match(/(\d{1,3}(?:,\d{3})+|\d+)\s*(?:円|えん|yen\b)/);
  if (yen) return Number(yen[1]!.replace(/,/g, ''));
  return undefined;
}
