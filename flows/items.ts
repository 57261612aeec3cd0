import { setup } from 'xstate';
import type { Content } from '../src/content/schema';
import { programmePhase } from './lib/schedule';
import { programmeEndedReply } from './lib/ended';
import { textFor } from './lib/texts';
import { replyEvent, say, text, topicOptions, type ReplyEvent, type ReplyPart } from './reply';
import type { Topic } from './topics';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const TOPICS = [
  'items',
  'paymentServiceId',
  'changeService',
  'paymentProvider',
] as const satisfies readonly Topic[];

const NEXT: Record<(typeof TOPICS)[number], Topic[]> = {
  items: ['beforeComing', 'hours', 'openNow'],
  paymentServiceId: ['items', 'beforeComing'],
  changeService: ['beforeComing', 'items'],
  paymentProvider: ['hotline', 'items'],
};

export function itemsCard(content: Content): ReplyPart {
  const lines = content.itemsToBring.map(
    (item, i) => `${i + 1}. ${item.name}${item.note ? `\n   ${item.note}` : ''}`,
  );
  return {
    kind: 'card',
    altText: `${textFor(content, 'ja', 'items')}\n${content.itemsToBring.map((i) => `・${i.name}`).join('\n')}`,
    title: '持ち物',
    sections: [{ lines }],
  };
}

/** What to bring to the counter and what to prepare about the payment service. */
export const itemsFlow: FlowDefinition = {
  id: 'items',
  version: 1,
  topics: TOPICS,
  create: (content: Content) =>
    setup({
      types: {
        input: {} as FlowInput,
        context: {} as FlowInput,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent,
      },
      guards: {
        ended: ({ context }) =>
          context.topic === 'items' && programmePhase(new Date(context.now), content.programme) === 'ended',
        itemsInJapanese: ({ context }) => context.topic === 'items' && context.lang === 'ja',
      },
    }).createMachine({
      id: 'items',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'ended', target: 'ended' },
            { guard: 'itemsInJapanese', target: 'itemsCard' },
            { target: 'answered' },
          ],
        },
        ended: {
          type: 'final',
          entry: say(({ context }) => programmeEndedReply(content, context.lang)),
        },
        itemsCard: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent([itemsCard(content)], topicOptions(NEXT.items, context.lang)),
          ),
        },
        answered: {
          type: 'final',
          entry: say(({ context }) => {
            const topic = context.topic as (typeof TOPICS)[number];
            return replyEvent(
              [text(textFor(content, context.lang, topic))],
              topicOptions(NEXT[topic] ?? [], context.lang),
            );
          }),
        },
      },
    }),
};
