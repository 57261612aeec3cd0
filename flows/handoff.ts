import { emit, setup } from 'xstate';
import type { Content } from './content';
import { lineFor } from './lib/lines';
import { textFor } from './lib/texts';
import {
  replyEvent,
  say,
  text,
  unitOptions,
  type HandoffEvent,
  type ReplyEvent,
  type ReplyPart,
} from './reply';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

/**
 * Hands a question the content cannot answer to a person: the national hotline for the programme, the city for
 * its own counters, the multilingual line for other languages. Never a neighbouring fact instead.
 */
export const handoffFlow: FlowDefinition = {
  id: 'handoff',
  version: 2,
  purposes: ['outOfScope'],
  create: (content: Content) =>
    setup({
      types: {
        input: {} as FlowInput,
        context: {} as FlowInput,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent | HandoffEvent,
      },
      guards: {
        foreignLanguage: ({ context }) => lineFor(context.lang, context.handoff) === 'multilingual',
        cityService: ({ context }) => lineFor(context.lang, context.handoff) === 'city',
      },
    }).createMachine({
      id: 'handoff',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'foreignLanguage', target: 'multilingual' },
            { guard: 'cityService', target: 'city' },
            { target: 'hotline' },
          ],
        },
        multilingual: {
          type: 'final',
          entry: [
            emit({ type: 'handoff', route: 'multilingual' }),
            say(() =>
              replyEvent(
                [text(textFor(content, 'en', 'outOfScope'))],
                unitOptions(
                  content,
                  ['points.overview', 'counter.hours', 'items.overview', 'fraud.overview'],
                  'en',
                ),
              ),
            ),
          ],
        },
        city: {
          type: 'final',
          entry: [
            emit({ type: 'handoff', route: 'city' }),
            say(({ context }) => handoffReply(content, 'outOfScope.city', context.suggestions)),
          ],
        },
        hotline: {
          type: 'final',
          entry: [
            emit({ type: 'handoff', route: 'hotline' }),
            say(({ context }) => handoffReply(content, 'outOfScope', context.suggestions)),
          ],
        },
      },
    }),
};

function handoffReply(content: Content, key: string, suggestions: string[] = []): ReplyEvent {
  const offered = suggestions.slice(0, 3);
  const parts: ReplyPart[] = [text(textFor(content, 'ja', key))];
  if (offered.length) parts.push(text(textFor(content, 'ja', 'outOfScopeSuggest')));
  return replyEvent(parts, unitOptions(content, [...offered, 'menu'], 'ja'));
}
