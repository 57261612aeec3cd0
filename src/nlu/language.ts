import type { Lang } from '../../flows';

const KANA = /[\u3040-\u30ff\uff66-\uff9f]/;
const HAN = /[\u4e00-\u9fff]/;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/;
const LATIN = /[a-zA-Z]/;
// Characters common in Chinese and (almost) never in Japanese text.
const CHINESE_ONLY = /[我你他们吗呢么这那请问怎样没积分办时点领个么儿为]/;

export type Script = 'japanese' | 'english' | 'otherLanguage';

export function detectScript(text: string): Script {
  const t = text.normalize('NFKC');
  if (HANGUL.test(t)) return 'otherLanguage';
  if (KANA.test(t)) return 'japanese';
  if (HAN.test(t)) return CHINESE_ONLY.test(t) ? 'otherLanguage' : 'japanese';
  if (LATIN.test(t))
    return /\b(english|hello|hi|what|when|where|how|can|i|my|is|the|please|points?|help|open|bring|fraud)\b/i.test(
      t,
    )
      ? 'english'
      : 'otherLanguage';
  return 'japanese';
}

export const answerLanguage = (script: Script): Lang => (script === 'japanese' ? 'ja' : 'en');
