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

/**
 * Reads the slots of a normalised (NFKC, lower-case) message. `afternoonFrom` decides whether a bare hour such
 * as 「3時」 means 15:00: an hour before it and before 8 is read as the afternoon.
 */
export function readSlots(text: string): Slots {
  const t = kanjiNumeralsToDigits(text);
  const slots: Slots = {};
  const when: WhenSlot = {};

  if (/明後日|あさって|みょうごにち/.test(t)) when.relDay = 2;
  else if (/明日|あした|あす(?!ま)|翌日/.test(t)) when.relDay = 1;
  else if (/今日|本日|きょう/.test(t)) when.relDay = 0;
  if (
    /今から|いまから|今すぐ|いますぐ|現在|今って|今は|今、|今行|今開|今やっ|今いっ|いま(?:は|って|、|行|開|やっ|いっ|あい)|^今|^いま/.test(
      t,
    )
  ) {
    when.now = true;
  }

  const week = /再来週/.test(t) ? 'afterNext' : /来週/.test(t) ? 'next' : /今週/.test(t) ? 'this' : undefined;
  const weekday = t.match(new RegExp(`([${WEEKDAY_CHARS}])(?:曜|よう)`));
  if (weekday) {
    when.weekday = WEEKDAY_CHARS.indexOf(weekday[1]!);
    if (week) when.week = week;
  } else if (/週末|土日/.test(t)) {
    when.weekday = 6;
    if (week) when.week = week;
  }

  const date =
    t.match(/(\d{1,2})\s*月\s*(\d{1,2})\s*日/) ?? t.match(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/);
  if (date) {
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
  const clock = t.match(/(?<!\d)(\d{1,2}):(\d{2})(?!\d)/);
  const spoken = t.match(/(午前|午後)?\s*(\d{1,2})\s*時\s*(半|(\d{1,2})\s*分)?/);
  let hour: number | undefined;
  let minute = 0;
  let pm = false;
  let am = false;
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
    pm = spoken[1] === '午後';
    am = spoken[1] === '午前';
  } else if (/何時|なんじ/.test(t)) {
    // 「夕方何時まで」 asks for a time; it does not name one.
    return undefined;
  } else if (/お昼(?!休)|正午|ひる(?:に|の|ごろ)/.test(t)) {
    return 12 * 60;
  } else if (/夕方|ゆうがた/.test(t)) {
    return 17 * 60;
  } else if (/朝一|朝いち|あさいち/.test(t)) {
    return undefined;
  }
  if (hour === undefined || hour > 24 || minute > 59) return undefined;
  if (pm && hour < 12) hour += 12;
  // Office hours are in the day: a bare 1 to 7 o'clock is the afternoon (3時 → 15:00).
  if (!pm && !am && hour >= 1 && hour <= 7) hour += 12;
  return hour * 60 + minute;
}

function readAmount(t: string): number | undefined {
  const man = t.match(/(\d+(?:\.\d+)?)\s*万\s*(?:円|ポイント|ぽいんと)?/);
  if (man) return Math.round(Number(man[1]) * 10000);
  const yen = t.match(/(\d{1,3}(?:,\d{3})+|\d+)\s*(?:円|えん)/);
  if (yen) return Number(yen[1]!.replace(/,/g, ''));
  return undefined;
}
