import { initialTransition } from 'xstate';
import type { FlowInput } from '../../flows';
import { answersFlow } from '../../flows/answers';
import { loadContent } from '../../src/content/load';
import { emitted, handoffs } from '../../src/engine/conversation';
import { renderReply } from '../../src/line/render';

const content = loadContent();
const machine = answersFlow.create(content);
const DURING = '2023-04-12T01:00:00.000Z';

/** The texts of the reply to a question about these units, and the lines the resident was handed to. */
function answer(input: Omit<FlowInput, 'purpose' | 'now'>) {
  const [, actions] = initialTransition(machine, { purpose: 'answer', now: DURING, ...input });
  const texts = emitted(actions).flatMap((r) => r.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])));
  return { texts, lines: handoffs(actions).map((h) => h.route), messages: renderReply(emitted(actions)) };
}

describe('the answers flow, when the other question of a message is not answered', () => {
  it('answers the one, then names the line for the other, and records the hand-off', () => {
    const { texts, lines, messages } = answer({ lang: 'ja', units: ['counter.cityHall'], handoff: 'city' });
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/4階/);
    expect(texts[1]).toMatch(/もう一つのご質問/);
    expect(texts[1]).toContain(content.phones.city.number);
    expect(lines).toEqual(['city']);
    expect(messages.length).toBeLessThanOrEqual(5);
  });

  it('names the national line for a question about the programme', () => {
    const { texts, lines } = answer({ lang: 'ja', units: ['deadline.points'], handoff: 'hotline' });
    expect(texts[1]).toContain(content.phones.hotline.number);
    expect(lines).toEqual(['hotline']);
  });

  it('names the line for other languages in English', () => {
    const { texts, lines } = answer({ lang: 'en', units: ['counter.hours'], handoff: 'multilingual' });
    expect(texts[texts.length - 1]).toMatch(/other question/);
    expect(texts[texts.length - 1]).toContain(content.phones.multilingual.number);
    expect(lines).toEqual(['multilingual']);
  });

  it('records the line for other languages when an English question about the city is handed off', () => {
    const { texts, lines } = answer({ lang: 'en', units: ['counter.hours'], handoff: 'city' });
    expect(texts[texts.length - 1]).toContain(content.phones.multilingual.number);
    expect(texts[texts.length - 1]).not.toContain(content.phones.city.number);
    expect(lines).toEqual(['multilingual']);
  });

  it('hands nothing off when every question is answered', () => {
    const { texts, lines } = answer({ lang: 'ja', units: ['counter.cityHall'] });
    expect(texts).toHaveLength(1);
    expect(lines).toEqual([]);
  });
});
