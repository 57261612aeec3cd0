import { counterStatus, programmePhase } from '../../flows/lib/schedule';
import { tokyoDay } from '../../flows/lib/calendar';
import { loadContent } from '../../src/content/load';

const { counters, programme } = loadContent();
const at = (iso: string) => counterStatus(new Date(iso), counters);

describe('is the counter open? (Asia/Tokyo, whatever the server TZ)', () => {
  it('is open on a weekday morning, until 11:30', () => {
    expect(at('2023-04-12T10:00:00+09:00')).toEqual({ kind: 'open', until: '11:30' });
  });
  it('is at lunch at 12:00 and reopens at 13:00', () => {
    expect(at('2023-04-12T12:00:00+09:00')).toEqual({ kind: 'lunch', reopens: '13:00' });
  });
  it('is open in the afternoon until 16:30, and closed from 16:30', () => {
    expect(at('2023-04-12T16:29:00+09:00')).toEqual({ kind: 'open', until: '16:30' });
    expect(at('2023-04-12T16:30:00+09:00')).toMatchObject({
      kind: 'afterClose',
      next: { at: '08:30', day: { ymd: '2023-04-13' } },
    });
  });
  it('has not opened yet at 8:00', () => {
    expect(at('2023-04-12T08:00:00+09:00')).toEqual({ kind: 'beforeOpen', opens: '08:30' });
  });
  it('is closed on Saturday and opens on Monday', () => {
    expect(at('2023-04-22T10:00:00+09:00')).toMatchObject({
      kind: 'closedDay',
      reason: { kind: 'weekend' },
      next: { day: { ymd: '2023-04-24' } },
    });
  });
  it('is closed on a national holiday, named, and skips the whole Golden Week', () => {
    expect(at('2023-05-04T10:00:00+09:00')).toMatchObject({
      kind: 'closedDay',
      reason: { kind: 'holiday', name: 'みどりの日' },
      next: { day: { ymd: '2023-05-08' } },
    });
  });
  it('is closed over the year end, 12/29 to 1/3, and opens on the first working day', () => {
    expect(at('2022-12-29T10:00:00+09:00')).toMatchObject({
      kind: 'closedDay',
      reason: { kind: 'yearEnd' },
      next: { day: { ymd: '2023-01-04' } },
    });
    expect(at('2023-01-03T10:00:00+09:00')).toMatchObject({ reason: { kind: 'yearEnd' } });
  });
  it('uses the Tokyo date even when UTC is still on the previous day', () => {
    // 2023-05-03 20:00 UTC is 5/4 05:00 in Tokyo: a holiday there.
    expect(tokyoDay(new Date('2023-05-03T20:00:00Z')).ymd).toBe('2023-05-04');
    expect(at('2023-05-03T20:00:00Z')).toMatchObject({ reason: { kind: 'holiday' } });
  });
});

describe('programme phase', () => {
  it('is open until the end of 2023-05-31 in Tokyo and ended after', () => {
    expect(programmePhase(new Date('2023-05-31T23:59:00+09:00'), programme)).toBe('open');
    expect(programmePhase(new Date('2023-06-01T00:00:00+09:00'), programme)).toBe('ended');
    expect(programmePhase(new Date('2022-06-29T12:00:00+09:00'), programme)).toBe('notStarted');
  });
});
