import { setup } from 'xstate';
import type { Content } from '../src/content/schema';
import { programmePhase } from './lib/schedule';
import { programmeEndedReply } from './lib/ended';
import { textFor } from './lib/texts';
import { MAIN_MENU, replyEvent, say, text, topicOptions, type ReplyEvent } from './reply';
import type { Topic } from './topics';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const TOPICS = ['points', 'deadline', 'howToApply', 'online', 'shopping'] as const satisfies readonly Topic[];

const NEXT: Record<(typeof TOPICS)[number], Topic[]> = {
  points: ['eligibility', 'deadline', 'items'],
  deadline: ['eligibility', 'howToApply', 'hours'],
  howToApply: ['hours', 'items', 'beforeComing'],
  online: ['hours', 'items', 'beforeComing'],
  shopping: ['points', 'hotline'],
};

const TEXT_KEY: Record<(typeof TOPICS)[number], string> = {
  points: 'points',
  deadline: 'deadline',
  howToApply: 'howToApply',
  online: 'online',
  shopping: 'shopping',
};

/** The programme itself: how many points, until when, how to apply. */
export const programmeFlow: FlowDefinition = {
  id: 'programme',
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
        ended: ({ context }) => programmePhase(new Date(context.now), content.programme) === 'ended',
        notStarted: ({ context }) =>
          programmePhase(new Date(context.now), content.programme) === 'notStarted',
      },
    }).createMachine({
      id: 'programme',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'ended', target: 'ended' },
            { guard: 'notStarted', target: 'notStarted' },
            { target: 'answered' },
          ],
        },
        ended: {
          type: 'final',
          entry: say(({ context }) => programmeEndedReply(content, context.lang)),
        },
        notStarted: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent(
              [text(textFor(content, context.lang, 'programmeNotStarted'))],
              topicOptions(MAIN_MENU, context.lang),
            ),
          ),
        },
        answered: {
          type: 'final',
          entry: say(({ context }) => {
            const topic = context.topic as (typeof TOPICS)[number];
            return replyEvent(
              [text(textFor(content, context.lang, TEXT_KEY[topic] ?? 'points'))],
              topicOptions(NEXT[topic] ?? MAIN_MENU, context.lang),
            );
          }),
        },
      },
    }),
};
