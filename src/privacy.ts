import { createHash } from 'node:crypto';

export const MY_NUMBER_MARK = '[マイナンバー削除]';
export const PIN_MARK = '[暗証番号削除]';
export const PHONE_MARK = '[電話番号削除]';
export const EMAIL_MARK = '[メール削除]';

export interface Redaction {
  text: string;
  hadMyNumber: boolean;
  hadPin: boolean;
}

// Full-width digits are ASCII after NFKC; kanji numerals are not, and a number read aloud is often typed so.
const DIGIT = '[0-9〇零一二三四五六七八九]';
// What residents put between digits: spaces (several), dots, hyphens of every width, the long-vowel mark,
// brackets (0557(86)6093). Not commas: 20,000 is an amount, and reading across them joined amounts into numbers
// that looked like My Numbers.
const SEPARATOR = '[\\s.・_\\-‐‑–—－ー()（）]';
/**
 * A number as typed: digits, each separated from the next by at most a few separator characters, so
 * 「1234 5678 9018」, 「1 2 3 4」, 「1.2.3.4」 and 「一二三四」 are each one run, read as a whole.
 */
const DIGIT_RUN = new RegExp(`(?<!${DIGIT})${DIGIT}(?:${SEPARATOR}{0,4}${DIGIT})*`, 'g');

/**
 * A My Number has 12 digits. Any run of 12 or more is removed, however it is written: a longer run is a My
 * Number with something typed next to it, or another long number (a card's) that is no better to keep.
 */
const MY_NUMBER_DIGITS = 12;
/** The card's PIN has 4 digits; its signing password 6 to 16 letters and digits. */
const PIN_MIN_DIGITS = 4;

/**
 * Words that make the message about a PIN or password. Then every number in it that is not a date, a time or a
 * quantity is taken for one, wherever it stands: 「暗証番号を忘れました。前は1234にしていたと思います」.
 * Latin words stand alone (no letter next to them), so "shopping" and "passport" do not count; 「PIN1234」 does.
 */
const PIN_WORDS =
  /暗証|暗唱番号|あんしょう|パスワード|ぱすわーど|パスコード|ピン番号|ピンコード|認証番号|(?<![a-z])(?:pin ?codes?|pins?|passwords?|passcodes?|pw)(?![a-z])/i;

/** What may follow a number that counts or dates something (5月5日, 13時, 2万円, 20000円, 7,500ポイント). */
const QUANTITY_AFTER =
  /^\s*(?:年|月|日|時|分|秒|円|万|千|百|億|回|歳|才|桁|個|枚|人|名|件|通|番目|号|階|週|か月|ヶ月|ケ月|カ月|ポイント|pt|%|倍|割|度|冊|本|台|点|km|kg|cm|mm|yen\b|points?\b)/i;
const QUANTITY_BEFORE = /(?:第|¥|\$|令和|平成|昭和)\s*$/;
/** A date or time written with slashes, colons or dashes: 2023/5/31, 10:00, 2023-05-31. */
const DATE_OR_TIME_AROUND = { before: /[0-9]\s*[/:]\s*$/, after: /^\s*[/:]\s*[0-9]/ };
/** 20,000: the group after a thousands comma belongs to an amount. */
const THOUSANDS_AFTER = /^,[0-9]{3}/;
const DASHED_DATE = /^[0-9]{4}[-.][0-9]{1,2}[-.][0-9]{1,2}$/;

/** Letters and digits together, as passwords are (the card's signing password, an app's): abc123, Tanaka2023!. */
const PASSWORD_TOKEN =
  /(?<![A-Za-z0-9!#$%&*+?@^_~.-])[A-Za-z0-9!#$%&*+?@^_~.-]{4,}(?![A-Za-z0-9!#$%&*+?@^_~-])/g;
const HAS_LETTER_AND_DIGIT = /(?=.*[A-Za-z])(?=.*[0-9])/;
const LEADING_PIN_WORD = /^(?:pin|password|passcode|pw)[:=]?/i;
/** 500pt, 4-digit, 10am, 5th: a quantity, a time or an order, not a password. */
const NUMBER_WITH_UNIT =
  /^(?:[0-9.,]+(?:pt|yen|km|kg|cm|mm|points?)|[0-9]{1,2}-?(?:digits?|characters?|chars?|letters?|times?|years?|months?|weeks?|days?|hours?|minutes?|am|pm|st|nd|rd|th))$/i;

const DIGIT_GROUPS = new RegExp(`${DIGIT}+`, 'g');

interface Stretch {
  from: number;
  to: number;
  digits: number;
}

/**
 * The stretches of a run that may be personal numbers. A run is read across spaces, so its first or last group
 * can belong to what stands next to it (「暗証番号 1234 5月5日」: the 5 is a month, the 1234 still a PIN; in
 * 「10:00」 the 00 is a time); those groups, and dates written with dashes or dots, are left out and split the run.
 */
function numberStretches(whole: string, start: number, run: string): Stretch[] {
  const before = whole.slice(Math.max(0, start - 4), start);
  const after = whole.slice(start + run.length, start + run.length + 6);
  const groups = [...run.matchAll(DIGIT_GROUPS)].map((m) => ({
    from: m.index,
    to: m.index + m[0].length,
    ordinary: false,
  }));
  if (QUANTITY_BEFORE.test(before) || DATE_OR_TIME_AROUND.before.test(before)) groups[0]!.ordinary = true;
  if (QUANTITY_AFTER.test(after) || DATE_OR_TIME_AROUND.after.test(after) || THOUSANDS_AFTER.test(after))
    groups.at(-1)!.ordinary = true;
  groups.forEach((g, i) => {
    const last = groups[i + 2];
    if (last && DASHED_DATE.test(run.slice(g.from, last.to)))
      groups.slice(i, i + 3).forEach((d) => (d.ordinary = true));
  });
  const stretches: Stretch[] = [];
  let open: Stretch | null = null;
  for (const g of groups) {
    if (g.ordinary) {
      open = null;
      continue;
    }
    if (!open) stretches.push((open = { from: g.from, to: g.to, digits: 0 }));
    open.to = g.to;
    open.digits += g.to - g.from;
  }
  return stretches;
}

/** Removes My Numbers and PINs from a resident's text before it is understood, stored or logged. */
export function redactSensitive(raw: string): Redaction {
  const text = raw.normalize('NFKC');
  let hadMyNumber = false;
  let hadPin = false;
  const aboutPin = PIN_WORDS.test(text);
  // Letters and digits first: read as digits alone, Tanaka2023 would leave Tanaka behind.
  let out = text;
  if (aboutPin) {
    out = out.replace(PASSWORD_TOKEN, (token) => {
      if (!HAS_LETTER_AND_DIGIT.test(token) || NUMBER_WITH_UNIT.test(token)) return token;
      hadPin = true;
      // 「PIN1234」: the word stays, so the question is still about a PIN.
      const word = LEADING_PIN_WORD.exec(token)?.[0] ?? '';
      return `${word}${PIN_MARK}`;
    });
  }
  out = out.replace(DIGIT_RUN, (run, start: number, whole: string) => {
    let redacted = run;
    // From the end, so that the earlier stretches' positions still hold.
    for (const { from, to, digits } of numberStretches(whole, start, run).reverse()) {
      let mark: string;
      if (digits >= MY_NUMBER_DIGITS) {
        hadMyNumber = true;
        mark = MY_NUMBER_MARK;
      } else if (aboutPin && digits >= PIN_MIN_DIGITS) {
        hadPin = true;
        mark = PIN_MARK;
      } else continue;
      redacted = `${redacted.slice(0, from)}${mark}${redacted.slice(to)}`;
    }
    return redacted;
  });
  return { text: out, hadMyNumber, hadPin };
}

// Separators of phone numbers also include brackets: 0557(86)6093, (0557) 86-6093.
const PHONE_SEPARATOR = '[\\s.・\\-‐‑–—－ー()（）]';
/** Not the middle of another number: the 04 of 2024-04-13, the 00 of 10:00. */
const NOT_AFTER_A_NUMBER = `(?<!${DIGIT}\\s?[-‐－ー.・/:]?\\s?)`;
/** Japanese numbers: 0 and 9 or 10 more digits (0557-86-6093, 090 1234 5678, 〇五五七…), or +81 and the rest. */
const PHONE = new RegExp(
  `(?:\\+81${PHONE_SEPARATOR}{0,3}\\(?0?\\)?|${NOT_AFTER_A_NUMBER}[0〇零])(?:${PHONE_SEPARATOR}{0,2}${DIGIT}){8,10}(?!${DIGIT})`,
  'g',
);
/** A local number without its area code (86-6093): the city's own lines are often quoted so. */
const LOCAL_PHONE = new RegExp(`${NOT_AFTER_A_NUMBER}[0-9]{2,4}[-‐－ー][0-9]{4}(?![0-9])`, 'g');
/** An address with @ (or ＠, made @ by NFKC), or spelt out: taro(at)example.com, taro アットマーク example.com. */
const EMAIL =
  /[A-Za-z0-9._%+-]+\s*(?:@|\(at\)|\[at\]|アットマーク|あっとまーく)\s*[A-Za-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]|ドット)\s*[A-Za-z0-9-]+)*/gi;

/**
 * For texts kept for staff (the questions the bot handed to a phone line): also removes phone numbers, e-mail
 * addresses and anything after a name marker. Resident input only: the bot's own answers print phone numbers.
 */
export function redactForReport(raw: string): string {
  return withoutContactDetails(redactSensitive(raw).text);
}

/** What `redactForReport` adds, for a text already redacted (as the inbox keeps it): it is not redacted twice. */
export function withoutContactDetails(redacted: string): string {
  return redacted
    .replace(EMAIL, EMAIL_MARK)
    .replace(PHONE, PHONE_MARK)
    .replace(LOCAL_PHONE, PHONE_MARK)
    .replace(/((?:私|わたし|わたくし)?の?(?:名前|氏名)は)[^、。\s]+/g, '$1[氏名削除]')
    .replace(/[一-龥ぁ-んァ-ヶ]{1,6}(?=と(?:申します|いいます))/g, '[氏名削除]');
}

/** Stable pseudonym for logs: lets operators follow one resident without learning the LINE user id. */
export function hashUserId(userId: string): string {
  return createHash('sha256').update(`line-user:${userId}`).digest('hex').slice(0, 12);
}
