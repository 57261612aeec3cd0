import fc from 'fast-check';

/**
 * fast-check generators for the ways residents write personal data in a chat, shared by the redaction
 * properties and the tests that read the stored rows and the logs.
 */

const KANJI_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const toFullWidth = (d: number) => String.fromCharCode(0xff10 + d);

/** One digit as typed: ASCII, full width, or a kanji numeral (零 too, for 0). */
const digitAs = (d: number) =>
  fc.constantFrom(String(d), toFullWidth(d), KANJI_DIGITS[d]!, ...(d === 0 ? ['零'] : []));

const writeDigits = (digits: number[]) => fc.tuple(...digits.map(digitAs)).map((chars) => chars as string[]);

/** What residents put between digits or groups of digits. */
const separator = fc.constantFrom(' ', '  ', '   ', '　', '.', '. ', '-', ' - ', '－', 'ー', '・', '\n', '');

/** Digits laid out as a whole, in groups of four (4-4-4), or one digit at a time. */
function laidOut(chars: string[], groupSize: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(chars.join('')),
    separator.map((sep) => {
      const groups: string[] = [];
      for (let i = 0; i < chars.length; i += groupSize) groups.push(chars.slice(i, i + groupSize).join(''));
      return groups.join(sep);
    }),
    separator.map((sep) => chars.join(sep)),
  );
}

const digitsOf = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });

/** A My Number (12 digits) in any of the ways above; `digits` is what must not survive. */
export const myNumber = digitsOf(12).chain((digits) =>
  writeDigits(digits).chain((chars) =>
    laidOut(chars, 4).map((written) => ({ written, digits: digits.join('') })),
  ),
);

/** A PIN: 4 to 8 digits (the card's is 4; apps' are longer), typed like a My Number. */
export const pin = fc
  .integer({ min: 4, max: 8 })
  .chain(digitsOf)
  .chain((digits) =>
    writeDigits(digits).chain((chars) =>
      fc
        .constantFrom(chars.join(''), chars.join(' '), chars.join('  '), chars.join('-'), chars.join('.'))
        .map((written) => ({ written, digits: digits.join('') })),
    ),
  );

const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
/** A password of letters and digits (6 to 16, with at least one of each), as the card's signing password is. */
export const password = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LETTERS.split('')), minLength: 1, maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(...`${LETTERS}0123456789`.split('')), minLength: 0, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([letters, digits, rest, digitsFirst]) =>
    (digitsFirst ? `${digits}${letters}${rest}` : `${letters}${digits}${rest}`).slice(0, 16),
  )
  // The one exception, 10am or 500pt, reads as a time or an amount.
  .filter((p) => p.length >= 6 && !/^[0-9]+(?:pt|am|pm|st|nd|rd|th|km|kg|cm|mm)$/i.test(p));

export const PIN_WORDS = [
  '暗証番号は',
  '暗証番号：',
  '暗証番号を',
  '暗唱番号',
  'あんしょうばんごうは',
  'パスワードは',
  'パスワード',
  'パスコード',
  'PIN ',
  'PINは',
  'pin:',
  'password ',
];

/**
 * Words between a PIN word and the PIN: kana, a few kanji and punctuation, never a digit or a word that makes a
 * number a date or an amount (日, 円…), so whatever digits the message holds are the PIN's.
 */
export const filler = fc.string({
  unit: fc.constantFrom(
    ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん、。！？ 忘変更前設定窓口市役所'.split(
      '',
    ),
  ),
  minLength: 0,
  maxLength: 40,
});

/** A Japanese phone number: landline, mobile, free dial or +81, with hyphens, spaces, dots or brackets. */
export const phoneNumber = fc
  .tuple(
    fc.constantFrom(
      ['0557', '86', '6093'],
      ['0120', '95', '0178'],
      ['0570', '783', '578'],
      ['03', '1234', '5678'],
      ['090', '1234', '5678'],
      ['080', '9876', '5432'],
    ),
    fc.constantFrom('-', ' ', '', '.', '－', 'brackets', '+81'),
    fc.boolean(),
  )
  .map(([[area, exchange, line], style, fullWidth]) => {
    let written: string;
    if (style === 'brackets') written = `(${area})${exchange}-${line}`;
    else if (style === '+81') written = `+81-${area.slice(1)}-${exchange}-${line}`;
    else written = [area, exchange, line].join(style);
    const digits = `${area}${exchange}${line}`;
    return {
      written: fullWidth ? written.replace(/[0-9]/g, (d) => toFullWidth(Number(d))) : written,
      digits,
    };
  });

/** An e-mail address, sometimes full width (＠, ．) as a Japanese keyboard types it. */
export const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._-]{1,12}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/),
    fc.constantFrom('com', 'jp', 'co.jp', 'ne.jp', 'or.jp'),
    fc.boolean(),
  )
  .map(([local, domain, tld, fullWidth]) => {
    const address = `${local}@${domain}.${tld}`;
    return {
      address,
      written: fullWidth ? address.replace('@', '＠').replace(/\./g, '．') : address,
    };
  });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * What residents write when they ask about dates, times and amounts: these must reach the understanding as
 * written (after NFKC), with or without a PIN word in the same message.
 */
export const ordinaryNumber = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([m, d]) => `${m}月${d}日`),
  fc.integer({ min: 0, max: 23 }).map((h) => `${h}時`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}時${m}分`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${h}:${pad(m)}`),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n}万円`),
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => `${n}円`),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => `${n.toLocaleString('en-US')}円`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `${n}ポイント`),
  fc
    .tuple(
      fc.integer({ min: 2020, max: 2026 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .chain(([y, m, d]) =>
      fc.constantFrom(`${y}年${m}月${d}日`, `${y}/${m}/${d}`, `${y}-${pad(m)}-${pad(d)}`, `${y}.${m}.${d}`),
    ),
  fc.integer({ min: 1, max: 5 }).map((n) => `第${n}弾`),
  fc.integer({ min: 1, max: 10 }).map((n) => `${n}回`),
  fc.integer({ min: 15, max: 100 }).map((n) => `${n}歳`),
  fc.integer({ min: 4, max: 16 }).map((n) => `${n}桁`),
);

/** A question made of ordinary numbers and the words between them, sometimes about a PIN. */
export const ordinaryQuestion = fc
  .tuple(
    fc.constantFrom('', '暗証番号の再設定は', 'パスワードを忘れたので', 'PINロックの解除に', '窓口は'),
    fc.array(
      fc.tuple(ordinaryNumber, fc.constantFrom('に', 'の', 'と', 'から', 'まで', '、', ' ', 'で', '、 ')),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    fc.constantFrom('行けますか？', 'ですか', '開いてる？', 'かかりますか', ''),
  )
  .map(([lead, parts, end]) => `${lead}${parts.map(([n, join]) => `${n}${join}`).join('')}${end}`);

/** Every digit in a text, kanji numerals and full-width digits read as ASCII: what a leak check compares. */
export function digitsIn(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[〇零一二三四五六七八九]/g, (k) => String(k === '零' ? 0 : KANJI_DIGITS.indexOf(k)))
    .replace(/[^0-9]/g, '');
}
