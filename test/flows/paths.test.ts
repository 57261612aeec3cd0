import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { createActor, initialTransition, transition, type AnyStateMachine } from 'xstate';
import {
  FLOWS,
  type FlowDefinition,
  type FlowEvent,
  type FlowInput,
  type ReplyEvent,
  type Purpose,
} from '../../flows';
import { loadContent } from '../../src/content/load';
import { emitted } from '../../src/engine/conversation';
import { renderReply, LINE_LIMITS } from '../../src/line/render';
import { answerEvents } from '../helpers/flows';

const content = loadContent();
const DURING = '2023-04-12T01:00:00.000Z';
const AFTER = '2026-11-26T01:00:00.000Z';
const BEFORE = '2022-05-01T01:00:00.000Z';

const ANSWER_EVENTS = answerEvents(DURING);

function emittedBy(
  machine: AnyStateMachine,
  input: FlowInput,
  events: FlowEvent[],
): { replies: ReplyEvent[]; status: string; value: unknown } {
  let [snapshot, actions] = initialTransition(machine, input);
  const replies: ReplyEvent[] = emitted(actions);
  for (const event of events) {
    [snapshot, actions] = transition(machine, snapshot, event);
    replies.push(...emitted(actions));
  }
  return { replies, status: snapshot.status, value: snapshot.value };
}

function expectWithinLineLimits(replies: ReplyEvent[]) {
  const messages = renderReply(replies);
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
  for (const r of replies) {
    expect(r.quickReplies.length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyItems);
    for (const q of r.quickReplies) {
      expect(q.label.length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyLabelChars);
      expect(q.label).not.toBe(q.data.split('=')[1]); // every offered button has a real label
    }
  }
}

describe.each(FLOWS.map((f) => [f.id, f] as [string, FlowDefinition]))('flow %s', (_id, flow) => {
  const machine = flow.create(content);

  it.each(
    flow.purposes.flatMap((purpose) =>
      (['ja', 'en'] as const).flatMap((lang) =>
        [DURING, AFTER, BEFORE].map((now) => [purpose, lang, now] as [Purpose, 'ja' | 'en', string]),
      ),
    ),
  )('answers %s (%s) at %s within LINE limits', (purpose, lang, now) => {
    const { replies } = emittedBy(machine, { purpose, lang, now }, []);
    expect(replies.length).toBeGreaterThan(0);
    expectWithinLineLimits(replies);
  });

  it('every path from the start reaches its states, each answered within LINE limits', () => {
    for (const purpose of flow.purposes) {
      for (const now of [DURING, AFTER]) {
        const input: FlowInput = { purpose, lang: 'ja', now };
        const paths = getSimplePaths(machine, {
          input,
          events: ANSWER_EVENTS,
          serializeState: (s: { value: unknown }) => JSON.stringify(s.value),
        } as never);
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) {
          const events = path.steps.slice(1).map((s) => s.event as FlowEvent);
          const { replies } = emittedBy(machine, input, events);
          expectWithinLineLimits(replies.slice(-1));
        }
      }
    }
  });

  it('survives persisting and restoring at every reachable state', () => {
    const purpose = flow.purposes[0]!;
    const input: FlowInput = { purpose, lang: 'ja', now: DURING };
    const paths = getShortestPaths(machine, {
      input,
      events: ANSWER_EVENTS,
      serializeState: (s: { value: unknown }) => JSON.stringify(s.value),
    } as never);
    for (const path of paths) {
      const restored = createActor(machine, {
        snapshot: JSON.parse(JSON.stringify(machine.getPersistedSnapshot(path.state))),
      }).getSnapshot();
      expect(restored.value).toEqual(path.state.value);
    }
  });
});

describe('eligibility interview', () => {
  const machine = FLOWS.find((f) => f.id === 'eligibility')!.create(content);
  const input: FlowInput = { purpose: 'eligibility', lang: 'ja', now: DURING };
  const answer = (a: 'yes' | 'no' | 'march' | 'notyet'): FlowEvent => ({
    type: 'ANSWER',
    answer: a,
    now: DURING,
  });
  const textOf = (replies: ReplyEvent[]) =>
    renderReply(replies.slice(-1))
      .map((m) => ('text' in m ? m.text : 'altText' in m ? m.altText : ''))
      .join('\n');

  it('reaches every state: the graph has the result, late card and no card ends', () => {
    const paths = getShortestPaths(machine, {
      input,
      events: ANSWER_EVENTS,
      serializeState: (s: { value: unknown }) => JSON.stringify(s.value),
    } as never);
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const state of [
      'cardApplied',
      'phase1',
      'healthInsurance',
      'publicFund',
      'result',
      'lateCard',
      'noCard',
    ]) {
      expect(reached).toContain(JSON.stringify(state));
    }
  });

  it('itemises 5,000 + 7,500 + 7,500 = 20,000 when everything applies', () => {
    const { replies, status } = emittedBy(machine, input, [
      answer('yes'),
      answer('no'),
      answer('yes'),
      answer('yes'),
    ]);
    expect(status).toBe('done');
    const text = textOf(replies);
    expect(text).toMatch(/最大20,000円相当/);
    expect(text).toMatch(/5,000円相当/);
  });

  it('leaves out the 25% item after a phase-1 application', () => {
    const { replies } = emittedBy(machine, input, [
      answer('yes'),
      answer('yes'),
      answer('yes'),
      answer('no'),
    ]);
    expect(textOf(replies)).toMatch(/最大7,500円相当/);
  });

  it('says a card applied for in March or later does not qualify', () => {
    const { replies, status } = emittedBy(machine, input, [answer('march')]);
    expect(status).toBe('done');
    expect(textOf(replies)).toMatch(/対象となりません/);
  });

  it('asks again, without moving on, when the answer is unclear', () => {
    const { replies, value } = emittedBy(machine, input, [answer('yes'), { type: 'UNCLEAR', now: DURING }]);
    expect(value).toBe('phase1');
    expect(textOf(replies)).toMatch(/第1弾/);
  });

  it('says the programme has ended instead of interviewing after the deadline', () => {
    const { replies, status } = emittedBy(machine, { ...input, now: AFTER }, []);
    expect(status).toBe('done');
    expect(textOf(replies)).toMatch(/終了しました/);
  });
});
