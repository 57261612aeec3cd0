import { setup } from 'xstate';
import type { Content } from '../src/content/schema';
import { textFor } from './lib/texts';
import { replyEvent, say, text, topicOptions, type ReplyEvent } from './reply';
import type { Topic } from './topics';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const TOPICS = ['fraud', 'fraudReport'] as const satisfies readonly Topic[];

const bullets = (lines: string[]) => lines.map((l) => `・${l}`).join('\n');

/** Fraud warnings stay valid after the programme ends: no deadline check here on purpose. */
export const fraudFlow: FlowDefinition = {
  id: 'fraud',
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
        english: ({ context }) => context.lang === 'en',
        reportsContact: ({ context }) => context.topic === 'fraudReport',
      },
    }).createMachine({
      id: 'fraud',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'english', target: 'english' },
            { guard: 'reportsContact', target: 'contacted' },
            { target: 'warning' },
          ],
        },
        english: {
          type: 'final',
          entry: say(() =>
            replyEvent([text(textFor(content, 'en', 'fraud'))], topicOptions(['hotline'], 'en')),
          ),
        },
        contacted: {
          type: 'final',
          entry: say(() =>
            replyEvent(
              [text(`${textFor(content, 'ja', 'fraudReport')}\n\n${bullets(content.fraud.whatToDo)}`)],
              topicOptions(['fraud', 'hotline'], 'ja'),
            ),
          ),
        },
        warning: {
          type: 'final',
          entry: say(() =>
            replyEvent(
              [
                text(`${textFor(content, 'ja', 'fraud')}\n\n${bullets(content.fraud.neverAsk)}`),
                text(`怪しい電話や訪問があったら\n${bullets(content.fraud.whatToDo)}`),
              ],
              topicOptions(['hotline'], 'ja'),
            ),
          ),
        },
      },
    }),
};
