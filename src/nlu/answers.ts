import type { Answer } from '../../flows';
import { fold } from './normalize';
import { kanjiNumeralsToDigits } from './slots';

// Short replies only: a long message is a question, not an answer, even if it starts with はい.
const MAX_ANSWER_LENGTH = 16;

const PATTERNS: [Answer, RegExp][] = [
  ['march', /^(march|april|may)|より後|以降|過ぎて|すぎて|遅れ|間に合わなかった/],
  [
    'notyet',
    /^(まだ持って|持っていない|もっていない|持ってない|もってない|まだもって|ない|ありません|未申請|申請していない|申請してない|まだ申請)/,
  ],
  [
    'no',
    /^(いいえ|いえ(?!す)|いや|ううん|no|のー|まだ|してない|していない|しておらず|しなかった|申し込んでいない|申し込んでない|もうしこんでない|未登録|未|ちがう|違う|違います|なし|無し|ないです|ない)/,
  ],
  [
    'yes',
    /^(はい|うん|ええ|yes|いえす|そう|そうです|した|しました|済|すみ|済み|申請済|登録済|申し込んだ|申込済|もうしこんだ|ok|おけ|おk|あります|ある|もってる|持ってる|持っています|去年|昨年|一昨年|おととし)/,
  ],
];

const MONTH_NAMES = [
  '',
  'いちがつ',
  'にがつ',
  'さんがつ',
  'しがつ',
  'ごがつ',
  'ろくがつ',
  'しちがつ',
  'はちがつ',
  'くがつ',
  'じゅうがつ',
  'じゅういちがつ',
  'じゅうにがつ',
];

/** 「5月」「4月に申請した」「にがつ」: the month a resident names at the start of a short answer. */
function leadingMonth(t: string): number | null {
  const digits = kanjiNumeralsToDigits(t).match(/^(\d{1,2})(?:月|がつ)/);
  if (digits) return Number(digits[1]);
  const spoken = MONTH_NAMES.findIndex((name, i) => i > 0 && t.startsWith(name));
  return spoken > 0 ? spoken : null;
}

/**
 * A short answer to the bot's question. `deadline` (YYYY-MM-DD) is the card application deadline: a month named
 * in reply to "did you apply by then?" is late when it falls in the months after it, in time otherwise.
 */
export function parseAnswer(text: string, deadline?: string): Answer | null {
  const t = fold(text);
  if (t.length === 0 || t.length > MAX_ANSWER_LENGTH) return null;
  // 「5月5日は？」 is a question about a day, not an answer.
  const month = /[?？]|日は|日って/.test(text) ? null : leadingMonth(t);
  if (month !== null && month >= 1 && month <= 12 && deadline) {
    const deadlineMonth = Number(deadline.slice(5, 7));
    // The programme's last months follow the deadline; the months before it (last year's too) are in time.
    const monthsAfter = (month - deadlineMonth + 12) % 12;
    if (/より後|以降|過ぎ|すぎ/.test(t)) return 'march';
    return monthsAfter >= 1 && monthsAfter <= 4 ? 'march' : 'yes';
  }
  for (const [answer, pattern] of PATTERNS) if (pattern.test(t)) return answer;
  return null;
}

const CANCEL =
  /^(やめる|やめます|やめて|やめたい|止める|辞める|中止|キャンセル|cancel|stop|quit|最初から|さいしょから|はじめから|初めから|リセット|reset|終了|おわり|終わり|もういい|もういいです)/;

export function parseControl(text: string): 'cancel' | null {
  const t = fold(text);
  return t.length <= 12 && CANCEL.test(t) ? 'cancel' : null;
}
