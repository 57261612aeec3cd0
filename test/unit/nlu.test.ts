import utterances from '../../fixtures/utterances.json';
import { createUnderstanding } from '../../src/nlu';
import { parseAnswer, parseControl } from '../../src/nlu/answers';
import { canonical } from '../../src/nlu/normalize';

const nlu = createUnderstanding();
const table = utterances as [string, string][];

/** What the engine does with an understanding: no topic means the hand-off. */
const routed = (text: string) => nlu.understand(text).topic ?? 'outOfScope';

describe('understanding resident utterances', () => {
  it('has a table of at least 150 utterances', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
  });

  it('routes at least 95% of them to the expected topic', () => {
    const misses = table
      .filter(([text, topic]) => routed(text) !== topic)
      .map(([t, e]) => `${t} → ${routed(t)} (expected ${e})`);
    const rate = 1 - misses.length / table.length;
    if (rate < 0.95) console.log(misses.join('\n'));
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('never answers an out-of-scope question as if it were in scope', () => {
    const wrong = table.filter(([text, topic]) => topic === 'outOfScope' && routed(text) !== 'outOfScope');
    expect(wrong.map(([t]) => `${t} → ${routed(t)}`)).toEqual([]);
  });

  it('answers in English for messages in other languages', () => {
    expect(nlu.understand('Hola, necesito ayuda').lang).toBe('en');
    expect(nlu.understand('안녕하세요').lang).toBe('en');
    expect(nlu.understand('持ち物は？').lang).toBe('ja');
  });

  it('offers the closest topics when a question is unclear', () => {
    const u = nlu.understand('カードのことで窓口に相談');
    expect(u.suggestions.length).toBeGreaterThan(0);
    expect(u.suggestions.length).toBeLessThanOrEqual(3);
  });
});

describe('normalisation', () => {
  it('folds half-width kana, katakana and synonyms onto one form', () => {
    expect(canonical('ﾏｲﾅﾎﾟｲﾝﾄ')).toBe(canonical('まいなぽいんと'));
    expect(canonical('パスワード')).toBe(canonical('暗証番号'));
    expect(canonical('持ち物 ！')).toBe(canonical('もちもの'));
  });
});

describe('short answers', () => {
  it.each([
    ['はい', 'yes'],
    ['うん', 'yes'],
    ['2月末までに申請した', 'yes'],
    ['いいえ', 'no'],
    ['ううん', 'no'],
    ['まだです', 'no'],
    ['3月', 'march'],
    ['３月以降に申請した', 'march'],
    ['まだ持っていない', 'notyet'],
  ])('%s → %s', (text, answer) => {
    expect(parseAnswer(text)).toBe(answer);
  });

  it('does not read a question as an answer', () => {
    expect(parseAnswer('はい、ところで持ち物は何が必要でしょうか教えてください')).toBeNull();
    expect(parseAnswer('持ち物は？')).toBeNull();
  });

  it('recognises leaving the questions', () => {
    expect(parseControl('やめる')).toBe('cancel');
    expect(parseControl('最初から')).toBe('cancel');
    expect(parseControl('やめるべきか迷っている理由を詳しく説明します')).toBeNull();
  });
});
