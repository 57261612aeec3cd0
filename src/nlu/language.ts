const KANA = /[\u3040-\u30ff\uff66-\uff9f]/;
const HAN = /[\u4e00-\u9fff]/;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/;
// Thai, Devanagari, Arabic, Cyrillic, Hebrew
const OTHER_SCRIPT =
  /\p{Script=Thai}|\p{Script=Devanagari}|\p{Script=Arabic}|\p{Script=Cyrillic}|\p{Script=Hebrew}/u;
const LATIN = /[a-zA-Z]/;
// Latin letters with accents: Spanish, Portuguese, Vietnamese, French… never English or romanised Japanese.
const ACCENTED_LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/;
// Simplified and traditional forms used in Chinese and (almost) never in Japanese text.
const CHINESE_ONLY =
  /[们吗呢么这请问怎样没积办领个该给说难码哪儿还证麼這沒辦說碼哪兒們嗎麽几开门时间钱银预约带东对过为书电话裡]/;
// Words no romanised Japanese is: they make a message English.
const FUNCTION_WORDS =
  'the|a|an|i|my|me|you|your|is|are|am|do|does|can|could|what|when|where|how|which|who|why|please|to|of|for|and|it';
const ENGLISH_WORDS = new RegExp(
  `\\b(${FUNCTION_WORDS}|need|want|open|bring|points?|card|counter|help|hello|hi|thanks?|english)\\b`,
  'gi',
);
const OTHER_WORDS =
  /\b(el|la|los|las|de|que|para|como|puedo|donde|dónde|necesito|tengo|hola|gracias|ayuda|não|eu|meu|minha|obrigado|você|onde|posso|preciso|tôi|không|của|ako|ang|mga|po|saan|paano|je|est|les|des|pour|comment|ich|ist|und|apa|saya|bisa|di|yang|bagaimana|cara|mendaftar|berapa|kapan|dimana|tidak|ada|untuk|dengan|bisakah)\b/gi;

// Particles and question words of Japanese typed in Latin letters; none is an English word.
const JAPANESE_PARTICLE =
  /\b(no|wa|ga|wo|ni|de|mo|ka|made|kara|desu|masu|tte|nani|nan|itsu|itsumade|doko|ikura|nanji|aru|iru|dekiru|oshiete)\b/i;

// A hyphen joins a romanised word (ka-do), so it does not end one here.
const ENGLISH_FUNCTION_WORD = new RegExp(`(?<![a-z-])(${FUNCTION_WORDS}|have|has|this|that)(?![a-z-])`, 'i');

export type Script = 'japanese' | 'english' | 'otherLanguage';

export function detectScript(text: string): Script {
  const t = text.normalize('NFKC');
  if (HANGUL.test(t) || OTHER_SCRIPT.test(t)) return 'otherLanguage';
  if (HAN.test(t) && CHINESE_ONLY.test(t)) {
    // Japanese uses a few of these too (開, 門): call it Chinese only when kana is rare.
    const kana = (t.match(new RegExp(KANA.source, 'g')) ?? []).length;
    const han = (t.match(new RegExp(HAN.source, 'g')) ?? []).length;
    const chineseOnly = (t.match(new RegExp(CHINESE_ONLY.source, 'g')) ?? []).length;
    // Japanese written without any hiragana is a string of nouns (マイナポイント申請期限), not a sentence with 哪.
    const hiragana = /\p{Script=Hiragana}/u.test(t);
    if (kana < han / 2 || chineseOnly >= 2 || !hiragana) return 'otherLanguage';
  }
  if (KANA.test(t) || HAN.test(t)) return 'japanese';
  if (!LATIN.test(t)) return 'japanese';
  if (ACCENTED_LATIN.test(t)) return 'otherLanguage';
  const romanised = looksRomanisedJapanese(t);
  // 「kouza touroku de nan point?」: romanised Japanese with an English word in it is still Japanese.
  if (romanised && JAPANESE_PARTICLE.test(t) && !ENGLISH_FUNCTION_WORD.test(t)) return 'japanese';
  const english = (t.match(ENGLISH_WORDS) ?? []).length;
  const other = (t.match(OTHER_WORDS) ?? []).length;
  if (english === 0 && other === 0) return romanised ? 'japanese' : 'english';
  return english >= other ? 'english' : 'otherLanguage';
}

/** 「mainanba-ka-do motteku」: Japanese typed in Latin letters. */
function looksRomanisedJapanese(t: string): boolean {
  const words = t.toLowerCase().match(/[a-z-]+/g) ?? [];
  const japanese = words.filter(
    // ka, shi, tsu, kyo, and doubled for small っ (motteku)
    (w) => /^(?:(?:ts|([kgsztdnhbpmrwfjc])\1?[hy]?|[yw])?[aiueo]|n|-)+$/.test(w) && /[aiueo]$|n$/.test(w),
  );
  return words.length > 0 && japanese.length / words.length >= 0.6;
}
