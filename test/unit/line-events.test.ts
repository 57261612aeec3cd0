import type { webhook } from '@line/bot-sdk';
import { inboxRowOf, residentEventOf } from '../../src/line/webhook';
import { MY_NUMBER_MARK, PIN_MARK, redactSensitive } from '../../src/privacy';
import type { NewInboxEvent } from '../../src/store/types';
import { newUserId, postbackEvent, textEvent } from '../helpers/webhook';

const asLine = (event: object) => event as unknown as webhook.Event;
/** The row as the store gives it back: JSON in, JSON out. */
const stored = (row: NewInboxEvent) => ({
  payload: JSON.parse(JSON.stringify(row.payload)) as unknown,
  redaction: row.redaction ?? null,
});

describe('a LINE event in the inbox', () => {
  it('keeps the redacted text and, beside it, what redaction removed', () => {
    const row = inboxRowOf(
      asLine(textEvent(newUserId(), '暗証番号は1234、マイナンバーは1234 5678 9018です')),
      7,
    )!;
    const text = (row.payload as { message: { text: string } }).message.text;
    expect(text).toBe(`暗証番号は${PIN_MARK}、マイナンバーは${MY_NUMBER_MARK}です`);
    expect(row.redaction).toEqual({ hadMyNumber: true, hadPin: true });
    expect(row.receivedAt).toBe(7);
  });

  it('remembers redaction done before (as the inbox stores it)', () => {
    const row = inboxRowOf(asLine(textEvent(newUserId(), '123456789018')), 0)!;
    const read = residentEventOf(stored(row)).input;
    expect(read.kind === 'text' && read.hadMyNumber).toBe(true);
  });

  it('is read back as it was stored: the text is not redacted a second time', () => {
    // Text that redaction would change, stored as having had nothing removed: only a second pass could touch it.
    const event = textEvent(newUserId(), 'PIN 4321 で合ってますか');
    const read = residentEventOf({ payload: event, redaction: { hadMyNumber: false, hadPin: false } });
    expect(read.input).toEqual({
      kind: 'text',
      text: 'PIN 4321 で合ってますか',
      hadMyNumber: false,
      hadPin: false,
    });
    expect(redactSensitive('PIN 4321 で合ってますか').text).not.toBe('PIN 4321 で合ってますか');
  });

  it('reads rows accepted before the redaction was kept by the marks in their text', () => {
    const event = textEvent(newUserId(), `番号は${MY_NUMBER_MARK}です`);
    expect(residentEventOf({ payload: event, redaction: null }).input).toEqual({
      kind: 'text',
      text: `番号は${MY_NUMBER_MARK}です`,
      hadMyNumber: true,
      hadPin: false,
    });
  });

  it('gives the turn what it needs to answer, and nothing of the text for other events', () => {
    const user = newUserId();
    const event = postbackEvent(user, 'unit=items.overview');
    const row = inboxRowOf(asLine(event), 1)!;
    expect(row.redaction).toBeNull();
    expect(residentEventOf(stored(row))).toEqual({
      input: { kind: 'postback', data: 'unit=items.overview' },
      replyToken: event.replyToken,
      userId: user,
      inGroup: false,
      eventType: 'postback',
    });
  });
});
