import fs from 'node:fs';
import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import fc from 'fast-check';
import { inboxRowOf, residentEventOf } from '../../src/line/webhook';
import { redactForReport, redactSensitive } from '../../src/privacy';
import {
  digitsIn,
  emailAddress,
  filler,
  myNumber,
  ordinaryQuestion,
  password,
  phoneNumber,
  pin,
  PIN_WORDS,
} from '../helpers/personalData';
import { newUserId, textEvent } from '../helpers/webhook';

const runs = { numRuns: Number(process.env.FC_RUNS ?? 400) };

describe('redaction, over the ways residents write personal data', () => {
  const around = fc.tuple(
    fc.constantFrom('', '私のマイナンバーは', 'マイナンバー：', '番号は', 'mynumber '),
    fc.constantFrom(
      '',
      'です',
      'です。ポイントはもらえますか？',
      ' で合ってますか',
      '。窓口は5月5日に開いてますか',
    ),
  );

  it('removes a My Number however it is written, and says so', () => {
    fc.assert(
      fc.property(myNumber, around, ({ written }, [before, after]) => {
        const r = redactSensitive(`${before}${written}${after}`);
        expect(r.hadMyNumber).toBe(true);
        // Only the digits of the words around it are left.
        expect(digitsIn(r.text)).toBe(digitsIn(after));
      }),
      runs,
    );
  });

  it('removes a PIN stated anywhere in a message about a PIN, before or after the word', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PIN_WORDS), filler, pin, fc.boolean(), (word, between, p, pinFirst) => {
        const text = pinFirst ? `${p.written}${between}が${word}` : `${word}${between}${p.written}です`;
        const r = redactSensitive(text);
        expect(r.hadPin).toBe(true);
        expect(digitsIn(r.text)).toBe('');
      }),
      runs,
    );
  });

  it('removes a password of letters and digits from a message about a password', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PIN_WORDS), filler, password, (word, between, secret) => {
        const r = redactSensitive(`${word}${between} ${secret} だったと思います`);
        expect(r.hadPin).toBe(true);
        expect(r.text).not.toContain(secret);
        expect(digitsIn(r.text)).toBe('');
      }),
      runs,
    );
  });

  it('keeps dates, times and amounts as written, for the understanding to read', () => {
    fc.assert(
      fc.property(ordinaryQuestion, (question) => {
        expect(redactSensitive(question)).toEqual({
          text: question.normalize('NFKC'),
          hadMyNumber: false,
          hadPin: false,
        });
      }),
      runs,
    );
  });

  it('is stable: text redacted once (as the inbox keeps it) comes out the same and still says what it had', () => {
    const anything = fc.oneof(
      myNumber.map((m) => `番号は${m.written}です`),
      pin.map((p) => `暗証番号は${p.written}`),
      ordinaryQuestion,
    );
    fc.assert(
      fc.property(anything, (text) => {
        const once = redactSensitive(text);
        // Redacted once, when accepted; the row keeps the text and what was removed, and is read back as stored.
        const row = inboxRowOf(textEvent(newUserId(), text) as unknown as webhook.Event, 0)!;
        const stored = JSON.parse(JSON.stringify({ payload: row.payload, redaction: row.redaction }));
        const input = residentEventOf(stored).input;
        expect(input).toEqual({ kind: 'text', ...once });
      }),
      runs,
    );
  });
});

describe('redaction for the staff report', () => {
  it('removes phone numbers and e-mail addresses, besides My Numbers and PINs', () => {
    fc.assert(
      fc.property(
        phoneNumber,
        emailAddress,
        fc.constantFrom('電話は', '連絡先：', 'こちらに '),
        ({ written: phone, digits }, email, lead) => {
          const report = redactForReport(`${lead}${phone}です。つながらないときはメール${email.written}へ`);
          expect(report).not.toContain(digits.slice(-4));
          expect(digitsIn(report)).toBe('');
          expect(report.normalize('NFKC')).not.toContain(email.address);
          expect(report).not.toMatch(/@/);
        },
      ),
      runs,
    );
  });

  it("removes the city's own numbers too, as a resident quotes them", () => {
    for (const quoted of [
      '0557-86-6093',
      '０５５７－８６－６０９３',
      '86-6093',
      '0557 86 6093',
      '(0557)86-6093',
    ])
      expect(digitsIn(redactForReport(`${quoted}は何時まで？`))).toBe('');
  });

  it('keeps the ordinary numbers of the question', () => {
    fc.assert(
      fc.property(ordinaryQuestion, (question) => {
        expect(redactForReport(question)).toBe(question.normalize('NFKC'));
      }),
      runs,
    );
  });
});

describe('redaction, over the phrasings residents really use', () => {
  it('changes none of the evaluation rows and examples (their dates, times and amounts reach the understanding)', () => {
    const root = path.join(__dirname, '../..');
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(strings)
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(strings)
            : [];
    const rows = [
      ...fs
        .readdirSync(path.join(root, 'fixtures/nlu/evaluation'))
        .map((f) => `fixtures/nlu/evaluation/${f}`),
      'fixtures/nlu/dev.json',
    ].flatMap((file) =>
      (JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { say: unknown }[]).flatMap((r) =>
        strings(r.say),
      ),
    );
    const content = JSON.parse(fs.readFileSync(path.join(root, 'src/content/cities/atami.json'), 'utf8')) as {
      knowledge: { units: { examples: string[] }[] };
    };
    const examples = content.knowledge.units.flatMap((u) => u.examples);
    expect(rows.length).toBeGreaterThan(1000);
    const changed = [...rows, ...examples].filter((t) => redactSensitive(t).text !== t.normalize('NFKC'));
    expect(changed).toEqual([]);
  });
});
