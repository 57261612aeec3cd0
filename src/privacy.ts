import { createHash } from 'node:crypto';

export const MY_NUMBER_MARK = '[マイナンバー削除]';
export const PIN_MARK = '[暗証番号削除]';

export interface Redaction {
  text: string;
  hadMyNumber: boolean;
  hadPin: boolean;
}

// 12 digits, optionally grouped 4-4-4 with spaces or hyphens; not part of a longer digit run.
const MY_NUMBER = /(?<!\d)\d{4}[\s\-‐－ー]?\d{4}[\s\-‐－ー]?\d{4}(?!\d)/g;
// A short digit run stated next to a PIN word, in either order ("暗証番号は1234", "1234が暗証番号").
const PIN_WORDS = '(?:暗証番号|あんしょうばんごう|パスワード|ぱすわーど|pin|ピン|pass(?:word|code)?)';
const PIN_AFTER_WORD = new RegExp(`(${PIN_WORDS}[^\\d\\n]{0,8})\\d{4,16}(?!\\d)`, 'gi');
const PIN_BEFORE_WORD = new RegExp(`(?<!\\d)\\d{4,16}(?=[^\\d\\n]{0,6}${PIN_WORDS})`, 'gi');

/** Removes My Numbers and PINs from a resident's text before it is understood, stored or logged. */
export function redactSensitive(raw: string): Redaction {
  const text = raw.normalize('NFKC');
  let hadMyNumber = false;
  let hadPin = false;
  let out = text.replace(MY_NUMBER, () => {
    hadMyNumber = true;
    return MY_NUMBER_MARK;
  });
  out = out.replace(PIN_AFTER_WORD, (_m, prefix: string) => {
    hadPin = true;
    return `${prefix}${PIN_MARK}`;
  });
  out = out.replace(PIN_BEFORE_WORD, () => {
    hadPin = true;
    return PIN_MARK;
  });
  // Text redacted before (as stored in the inbox) still says what it carried.
  return {
    text: out,
    hadMyNumber: hadMyNumber || out.includes(MY_NUMBER_MARK),
    hadPin: hadPin || out.includes(PIN_MARK),
  };
}

const PHONE = /(?<!\d)0\d{1,4}[\s\-‐－]?\d{1,4}[\s\-‐－]?\d{3,4}(?!\d)/g;

/** For texts kept for staff: also removes phone numbers and anything after a name marker. */
export function redactForReport(raw: string): string {
  return redactSensitive(raw)
    .text.replace(PHONE, '[電話番号削除]')
    .replace(/((?:私|わたし|わたくし)?の?(?:名前|氏名)は)[^、。\s]+/g, '$1[氏名削除]')
    .replace(/[一-龥ぁ-んァ-ヶ]{1,6}(?=と(?:申します|いいます))/g, '[氏名削除]');
}

/** Stable pseudonym for logs: lets operators follow one resident without learning the LINE user id. */
export function hashUserId(userId: string): string {
  return createHash('sha256').update(`line-user:${userId}`).digest('hex').slice(0, 12);
}
