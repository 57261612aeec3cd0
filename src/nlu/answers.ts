import type { Answer } from '../../flows';
import { fold } from './normalize';

// Short replies only: a long message is a question, not an answer, even if it starts with はい.
const MAX_ANSWER_LENGTH = 16;

const PATTERNS: [Answer, RegExp][] = [
  ['march', /^(3月|三月|さんがつ|3がつ|march)|3月以降|3月から|3月に|2月末より後|2月より後|ごがつ|以降/],
  [
    'notyet',
    /^(まだ持って|持っていない|もっていない|持ってない|もってない|まだもって|ない|ありません|未申請|申請していない|申請してない|まだ申請)/,
  ],
  [
    'no',
    /^(いいえ|いえ|いや|ううん|no|のー|まだ|してない|していない|しておらず|しなかった|申し込んでいない|申し込んでない|もうしこんでない|未登録|未|ちがう|違う|違います|なし|無し|ないです|ない)/,
  ],
  [
    'yes',
    /^(はい|うん|ええ|yes|いえす|そう|そうです|した|しました|済|すみ|済み|申請済|登録済|申し込んだ|申込済|もうしこんだ|ok|おけ|おk|あります|ある|もってる|持ってる|持っています|2月末までに|2月まで|2月に|1月|12月|去年|昨年)/,
  ],
];

export function parseAnswer(text: string): Answer | null {
  const t = fold(text);
  if (t.length === 0 || t.length > MAX_ANSWER_LENGTH) return null;
  for (const [answer, pattern] of PATTERNS) if (pattern.test(t)) return answer;
  return null;
}

const CANCEL =
  /^(やめる|やめます|やめて|やめたい|止める|辞める|中止|キャンセル|cancel|stop|quit|最初から|さいしょから|はじめから|初めから|リセット|reset|終了|おわり|終わり|もういい|もういいです)/;

export function parseControl(text: string): 'cancel' | null {
  const t = fold(text);
  return t.length <= 12 && CANCEL.test(t) ? 'cancel' : null;
}
