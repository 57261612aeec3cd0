/**
 * Folds the ways residents write the same thing onto one form: NFKC (half-width kana, full-width digits),
 * lower case, katakana → hiragana, no spaces or punctuation, then the synonym list.
 */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

const NOISE = /[\s\p{P}\p{S}ー〜~]/gu;

/**
 * NFKC and lower case, with % written as a word: folded away as a symbol, 「何%」 would lose what it asks, and a
 * form such as 25% would become a bare 25 that matches 12月25日.
 */
export function normalText(text: string): string {
  return writeLongVowels(text.normalize('NFKC').toLowerCase().replace(/%/g, 'パーセント'));
}

// The vowel that a long-vowel mark stands for after a hiragana, by the row of that kana; after an お-row kana it
// is written う (おはよう, ありがとう).
const VOWEL_AFTER: [RegExp, string][] = [
  [/[あかがさざただなはばぱまやゃらわぁ]/u, 'あ'],
  [/[いきぎしじちぢにひびぴみりぃ]/u, 'い'],
  [/[うくぐすずつづぬふぶぷむゆゅるぅ]/u, 'う'],
  [/[えけげせぜてでねへべぺめれぇ]/u, 'え'],
  [/[おこごそぞとどのほぼぽもよょろをぉ]/u, 'う'],
];

/**
 * 「おはよー」「ありがとー」: casual writing stretches a hiragana word with ー, where the word is spelt with a vowel
 * (おはよう). A katakana word keeps its ー (メニュー).
 */
function writeLongVowels(text: string): string {
  return text.replace(/([\u3041-\u3096])ー+/gu, (whole, kana: string) => {
    const vowel = VOWEL_AFTER.find(([row]) => row.test(kana))?.[1];
    return vowel ? kana + vowel : whole;
  });
}

export function fold(text: string): string {
  return toHiragana(text.normalize('NFKC').toLowerCase()).replace(NOISE, '');
}

/** variant → canonical; variants are folded before use, longest first, so longer phrases win. */
export const SYNONYMS: Record<string, string[]> = {
  まいなぽいんと: [
    'マイナポイント',
    'まいなぽいんと',
    'マイナポ',
    'mynapoint',
    'my na point',
    'マイナンバーポイント',
    'マイナのポイント',
    'まいなぽいと',
    'マイナポインント',
  ],
  まいなかど: [
    'マイナンバーカード',
    'マイナカード',
    'マイナンバカード',
    '個人番号カード',
    'マイナンバーのカード',
    'まいなんばーかーど',
  ],
  まどぐち: [
    '支援窓口',
    '窓口',
    'まどぐち',
    'カウンター',
    '受付窓口',
    '手続きコーナー',
    '手続きスポット',
    'コーナー',
  ],
  うけつけじかん: [
    '受付時間',
    '受け付け時間',
    'うけつけじかん',
    '営業時間',
    '受付の時間',
    '開いている時間',
    '何時から',
    '何時まで',
    'なんじから',
    'なんじまで',
    '何時',
  ],
  もちもの: [
    '持ち物',
    'もちもの',
    '持ちもの',
    '持参するもの',
    '持参物',
    '持参',
    '持っていくもの',
    '持って行くもの',
    '持っていく物',
    '必要なもの',
    '必要な物',
    'ひつようなもの',
    '要るもの',
    'いるもの',
    '必要書類',
    '持っていけば',
    '持って行けば',
  ],
  さぎ: ['詐欺', 'さぎ', 'サギ', 'なりすまし', '成りすまし', '怪しい', 'あやしい', '不審'],
  あんしょうばんごう: [
    '暗証番号',
    '暗唱番号',
    'あんしょうばんごう',
    'パスワード',
    'ぱすわーど',
    'pin',
    'ピン番号',
    '4桁の番号',
  ],
  でんししょうめいしょ: ['電子証明書', 'でんししょうめいしょ', '電子証明', '証明書'],
  ほけんしょう: ['健康保険証', 'けんこうほけんしょう', '保険証', 'ほけんしょう', 'マイナ保険証'],
  こうきんこうざ: ['公金受取口座', '公金受け取り口座', '公金口座', 'こうきんうけとりこうざ', '公金'],
  けっさい: [
    'キャッシュレス決済サービス',
    'キャッシュレス決済',
    'キャッシュレス',
    '決済サービス',
    '決済事業者',
    '決済',
    'ペイペイ',
    'paypay',
    'ペイ',
    'けっさい',
  ],
  もうしこみ: [
    '申し込み',
    '申込み',
    '申込',
    'もうしこみ',
    '申し込む',
    '申込む',
    '申し込んだ',
    '申込んだ',
    '予約・申込み',
    '手続き',
    '手続',
    'てつづき',
  ],
  きげん: ['期限', '締め切り', '締切', 'しめきり', 'いつまで', '期間', 'デッドライン'],
  ふりーだいやる: [
    'フリーダイヤル',
    'フリーダイアル',
    'ふりーだいやる',
    '問い合わせ先',
    '問合せ先',
    'お問い合わせ先',
    '電話番号',
    'でんわばんごう',
    'コールセンター',
  ],
  ししょ: ['支所', 'ししょ'],
  ひらいて: [
    '開いて',
    '空いて',
    'あいて',
    'やって',
    '営業して',
    '開いてる',
    '空いてる',
    'やってる',
    'あいてる',
    '開庁',
    '開いています',
    'やっています',
  ],
  いま: ['今から', '今すぐ', '今', 'いまから', 'いま', '現在'],
  きょう: ['今日', 'きょう', '本日'],
  しやくしょ: ['市役所', '市役場', 'しやくしょ', '本庁舎', '市庁舎'],
  ぽいんと: ['ポイント', 'ぽいんと', 'pt'],
  たいしょう: ['対象者', '対象', 'たいしょうしゃ', 'たいしょう'],
  しらべ: ['調べ', 'しらべ', '確認し', '診断し'],
  ちゅうい: ['注意', 'ちゅうい', '気をつけ', 'きをつけ', '気を付け'],
  めーる: ['メール', 'めーる', 'sms', 'ショートメール', 'ショートメッセージ', 'ライン', 'line'],
  えん: ['円分', '円相当', 'えんぶん'],
};

const SYNONYM_PAIRS: [string, string][] = Object.entries(SYNONYMS)
  .flatMap(([canonical, variants]) => variants.map((v) => [fold(v), canonical] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);

const SYNONYM_PATTERN = new RegExp(
  SYNONYM_PAIRS.map(([v]) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'g',
);
const SYNONYM_MAP = new Map(SYNONYM_PAIRS);

export function canonical(text: string): string {
  return fold(text).replace(SYNONYM_PATTERN, (m) => SYNONYM_MAP.get(m) ?? m);
}
