/**
 * Japanese typed in Latin letters (「madoguchi wa nanji kara」), read back into hiragana so that the tokenizer
 * and the lexicon see the words they know. Hepburn and kunrei spellings both; a word that is not romaji (an
 * English word, a service name) is kept as written.
 */

const VOWELS: Record<string, string> = { a: 'あ', i: 'い', u: 'う', e: 'え', o: 'お' };

const ROWS: Record<string, string> = {
  k: 'かきくけこ',
  g: 'がぎぐげご',
  s: 'さしすせそ',
  z: 'ざじずぜぞ',
  t: 'たちつてと',
  d: 'だぢづでど',
  n: 'なにぬねの',
  h: 'はひふへほ',
  b: 'ばびぶべぼ',
  p: 'ぱぴぷぺぽ',
  m: 'まみむめも',
  r: 'らりるれろ',
  l: 'らりるれろ',
  y: 'や\u0000ゆ\u0000よ',
  w: 'わ\u0000う\u0000を',
};

/** Spellings that do not follow the table's rows. */
const SPECIAL: Record<string, string> = {
  shi: 'し',
  chi: 'ち',
  tsu: 'つ',
  fu: 'ふ',
  ji: 'じ',
  sha: 'しゃ',
  shu: 'しゅ',
  she: 'しぇ',
  sho: 'しょ',
  cha: 'ちゃ',
  chu: 'ちゅ',
  che: 'ちぇ',
  cho: 'ちょ',
  ja: 'じゃ',
  ju: 'じゅ',
  je: 'じぇ',
  jo: 'じょ',
  fa: 'ふぁ',
  fi: 'ふぃ',
  fe: 'ふぇ',
  fo: 'ふぉ',
  di: 'でぃ',
  ti: 'てぃ',
  wi: 'うぃ',
  we: 'うぇ',
  va: 'ば',
  vi: 'び',
  vu: 'ぶ',
  ve: 'べ',
  vo: 'ぼ',
};

const SMALL_Y: Record<string, string> = { a: 'ゃ', u: 'ゅ', o: 'ょ' };

/** The kana of one romaji word, or null when some part of it is not romaji. */
function wordToKana(word: string): string | null {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const rest = word.slice(i);
    const c = rest[0]!;
    if (c === '-') {
      out += 'ー';
      i += 1;
      continue;
    }
    if (VOWELS[c]) {
      // A doubled vowel in a loanword (kaado, mainanbaa) is a long vowel, as ー.
      out += out && rest[0] === word[i - 1] ? 'ー' : VOWELS[c];
      i += 1;
      continue;
    }
    // A doubled consonant is a small っ (kitte, matcha).
    if (rest.length > 1 && (rest[1] === c || (c === 't' && rest[1] === 'c')) && c !== 'n' && !VOWELS[c]) {
      out += 'っ';
      i += 1;
      continue;
    }
    const special = [3, 2].find((n) => SPECIAL[rest.slice(0, n)]);
    if (special) {
      out += SPECIAL[rest.slice(0, special)]!;
      i += special;
      continue;
    }
    const row = ROWS[c];
    // kya, nyu, ryo: the i-column kana with a small ゃゅょ.
    if (row && rest[1] === 'y' && rest[2] && SMALL_Y[rest[2]]) {
      out += row[1]! + SMALL_Y[rest[2]]!;
      i += 3;
      continue;
    }
    if (row && rest[1] && VOWELS[rest[1]]) {
      const kana = row['aiueo'.indexOf(rest[1])];
      if (!kana || kana === '\u0000') return null;
      out += kana;
      i += 2;
      continue;
    }
    // n before a consonant, an apostrophe or the end of the word is ん.
    if (c === 'n') {
      out += 'ん';
      i += rest[1] === "'" ? 2 : 1;
      continue;
    }
    return null;
  }
  return out;
}

// Particles written as pronounced.
const PARTICLES: Record<string, string> = { wa: 'は', wo: 'を', he: 'へ' };

/** Each romaji word of `text` in hiragana, run together as Japanese is written; other words kept. */
export function romajiToKana(text: string): string {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const parts = words.map((word) => {
    const [, body = word, tail = ''] = /^(.*?)([?!.,。、？！]*)$/u.exec(word) ?? [];
    const kana = PARTICLES[body] ?? wordToKana(body);
    return { text: (kana ?? body) + tail, kana: kana !== null };
  });
  return parts.reduce(
    (all, part, i) => all + (i > 0 && !(part.kana && parts[i - 1]!.kana) ? ' ' : '') + part.text,
    '',
  );
}
