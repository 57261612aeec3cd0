import fc from 'fast-check';
import { freshPostgresUrl, postgresUnavailable, tempSqliteFile } from '../helpers/database';
import { describeUnless } from '../helpers/skips';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import {
  digitsIn,
  emailAddress,
  filler,
  myNumber,
  password,
  phoneNumber,
  pin,
  PIN_WORDS,
} from '../helpers/personalData';
import { startPipeline, type Pipeline } from '../helpers/pipeline';
import { MY_NUMBER_MARK } from '../../src/privacy';
import { newUserId, postWebhook, textEvent } from '../helpers/webhook';

/** A question the page does not answer: the bot hands it to a phone line and keeps it for the staff report. */
const OUT_OF_SCOPE = 'ふるさと納税について教えてください';

interface Sample {
  text: string;
  /** Strings that must appear nowhere: not in a row, not in a log line. */
  secrets: string[];
  /** Digits that must not survive in text kept from the message (its other words carry none). */
  digits: string;
  /**
   * Phone numbers and addresses are read by the understanding (「0120…につながらない」), so the inbox holds them
   * until the event is answered; they never reach what is kept after that.
   */
  contact?: true;
}

const samples: fc.Arbitrary<Sample> = fc.oneof(
  myNumber.map(({ written, digits }) => ({
    text: `マイナンバーは${written}です。${OUT_OF_SCOPE}`,
    secrets: [written.normalize('NFKC'), digits],
    digits,
  })),
  fc.tuple(fc.constantFrom(...PIN_WORDS), filler, pin).map(([word, between, p]) => ({
    text: `${word}${between}${p.written}です。${OUT_OF_SCOPE}`,
    // Four digits can occur in a timestamp by chance: they are looked for in the text kept from the message.
    secrets: p.digits.length >= 6 ? [p.written.normalize('NFKC'), p.digits] : [],
    digits: p.digits,
  })),
  fc.tuple(fc.constantFrom(...PIN_WORDS), filler, password).map(([word, between, secret]) => ({
    text: `${word}${between} ${secret} です。${OUT_OF_SCOPE}`,
    secrets: [secret],
    digits: digitsIn(secret),
  })),
  fc.tuple(phoneNumber, emailAddress).map(([phone, email]) => ({
    text: `${OUT_OF_SCOPE}。電話は${phone.written}、メールは${email.written}です`,
    secrets: [phone.written.normalize('NFKC'), phone.digits, email.address],
    digits: phone.digits,
    contact: true as const,
  })),
);

/** The resident's words as stored: the inbox payload's text and the questions kept for staff. */
function keptTexts(rows: { table: string; json: string }[]): string[] {
  return rows.flatMap(({ table, json }) => {
    const row = JSON.parse(json) as { payload?: string | null; text?: string };
    if (table === 'unanswered') return [row.text ?? ''];
    if (table === 'inbox_events' && row.payload) {
      const payload = JSON.parse(row.payload) as { message?: { text?: string } };
      return [payload.message?.text ?? ''];
    }
    return [];
  });
}

/** Each store, a fresh database URL for it, and why it cannot be tested here (null: it can). */
const stores: [string, () => Promise<string>, string | null][] = [
  ['SQLite', async () => `sqlite:${tempSqliteFile()}`, null],
  ['PostgreSQL', freshPostgresUrl, postgresUnavailable()],
];

for (const [name, databaseFor, skipReason] of stores)
  describeUnless(skipReason)(`personal data in what the bot keeps and logs (${name})`, () =>
    personalData(databaseFor),
  );

function personalData(databaseFor: () => Promise<string>): void {
  let line: FakeLine;
  let pipeline: Pipeline;

  beforeAll(async () => {
    line = await startFakeLine();
    pipeline = await startPipeline(await databaseFor(), line.baseUrl);
  });
  afterAll(async () => {
    await pipeline?.close();
    await line.close();
  });

  it('keeps no My Number, PIN, password, phone number or e-mail address in a row or a log line', async () => {
    const p = pipeline;
    await fc.assert(
      fc.asyncProperty(samples, async (sample) => {
        const event = textEvent(newUserId(), sample.text);
        expect((await postWebhook(p.port, [event])).status).toBe(200);
        // Stored, not yet answered: the inbox holds the message as it will be read.
        const accepted = await p.rows();
        await p.process();
        const answered = await p.rows();
        for (const rows of sample.contact ? [answered] : [accepted, answered]) {
          for (const kept of keptTexts(rows)) expect(digitsIn(kept)).not.toContain(sample.digits);
          for (const { json } of rows)
            for (const secret of sample.secrets) expect(json.normalize('NFKC')).not.toContain(secret);
        }
        for (const logLine of p.logLines) {
          for (const secret of sample.secrets) expect(logLine).not.toContain(secret);
          // No message text at all reaches the log, so none of its words either.
          expect(logLine).not.toContain('ふるさと納税');
        }
      }),
      { numRuns: 40 },
    );
    // The property ran through the whole path: questions were kept for staff and the bot answered.
    expect(keptTexts(await p.rows()).length).toBeGreaterThan(0);
    expect(line.replies().length).toBeGreaterThanOrEqual(40);
    expect(p.logLines.some((l) => l.includes('"event handled"'))).toBe(true);
  });

  it('redacts once, when it accepts: the inbox row keeps the result, a redelivery changes nothing, one warning', async () => {
    const event = textEvent(newUserId(), 'マイナンバーは1234 5678 9018です。ポイントは何ポイント？');
    expect((await postWebhook(pipeline.port, [event])).status).toBe(200);
    expect((await postWebhook(pipeline.port, [event])).status).toBe(200);
    const inboxRow = async () => {
      const found = (await pipeline.rows()).filter(
        ({ table, json }) => table === 'inbox_events' && json.includes(event.webhookEventId),
      );
      expect(found).toHaveLength(1);
      return JSON.parse(found[0]!.json) as { payload: string; redaction: string };
    };
    const row = await inboxRow();
    expect(JSON.parse(row.payload).message.text).toBe(
      `マイナンバーは${MY_NUMBER_MARK}です。ポイントは何ポイント?`,
    );
    expect(JSON.parse(row.redaction)).toEqual({ hadMyNumber: true, hadPin: false });
    const before = line.replies().length;
    await pipeline.process();
    const replies = line
      .replies()
      .slice(before)
      .filter((r) => r.replyToken === event.replyToken);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.messages).split('マイナンバーや暗証番号は').length - 1).toBe(1);
  });

  it('still prints the phone numbers of its content in its answers', async () => {
    const before = line.replies().length;
    await postWebhook(pipeline.port, [textEvent(newUserId(), '問い合わせの電話番号を教えて')]);
    await pipeline.process();
    const reply = JSON.stringify(line.replies().slice(before));
    expect(reply).toContain('0120-95-0178');
  });
}
