import { setup } from 'xstate';
import type { Content } from '../src/content/schema';
import { textFor } from './lib/texts';
import { hasTopicLabel, replyEvent, say, text, topicOptions, type ReplyEvent } from './reply';
import type { Topic } from './topics';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const TOPICS = ['hotline', 'multilingual', 'cityContact', 'outOfScope'] as const satisfies readonly Topic[];

/** Hands the resident to a person: the national hotline, the multilingual line, or the city. */
export const handoffFlow: FlowDefinition = {
  id: 'handoff',
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
        foreignLanguage: ({ context }) => context.lang === 'en' || context.topic === 'multilingual',
        notUnderstood: ({ context }) => context.topic === 'outOfScope',
      },
    }).createMachine({
      id: 'handoff',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'foreignLanguage', target: 'multilingual' },
            { guard: 'notUnderstood', target: 'outOfScope' },
            { target: 'phoneLine' },
          ],
        },
        multilingual: {
          type: 'final',
          entry: say(({ context }) => {
            const key =
              context.topic === 'outOfScope'
                ? 'outOfScope'
                : context.topic === 'hotline'
                  ? 'hotline'
                  : 'multilingual';
            return replyEvent(
              [text(textFor(content, 'en', key))],
              topicOptions(['points', 'hours', 'items', 'fraud'], 'en'),
            );
          }),
        },
        outOfScope: {
          type: 'final',
          entry: say(({ context }) => {
            const suggestions = (context.suggestions ?? []).filter(hasTopicLabel).slice(0, 3);
            const parts = [text(textFor(content, 'ja', 'outOfScope'))];
            if (suggestions.length) parts.push(text(textFor(content, 'ja', 'outOfScopeSuggest')));
            return replyEvent(
              parts,
              topicOptions(suggestions.length ? [...suggestions, 'menu'] : ['menu'], 'ja'),
            );
          }),
        },
        phoneLine: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent(
              [text(textFor(content, 'ja', context.topic))],
              topicOptions(['multilingual', 'menu'], 'ja'),
            ),
          ),
        },
      },
    }),
};
