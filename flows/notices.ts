import { emit, setup } from 'xstate';
import type { Content } from './content';
import { textFor } from './lib/texts';
import { replyEvent, say, text, unitOptions, type PreferenceEvent, type ReplyEvent } from './reply';
import type { Purpose } from './purposes';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const PURPOSES = ['noticeMenu', 'noticeSubscribe', 'noticeUnsubscribe'] as const satisfies readonly Purpose[];

/** The staff notices a resident can opt into; the audience name used by `POST /admin/notices`. */
export const NOTICE_TOPIC = 'mynapoint';

/** Opting in to or out of the city's notices: the flow decides, the effect runner stores the choice. */
export const noticesFlow: FlowDefinition = {
  id: 'notices',
  version: 1,
  purposes: PURPOSES,
  create: (content: Content) =>
    setup({
      types: {
        input: {} as FlowInput,
        context: {} as FlowInput,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent | PreferenceEvent,
      },
      guards: {
        subscribes: ({ context }) => context.purpose === 'noticeSubscribe',
        unsubscribes: ({ context }) => context.purpose === 'noticeUnsubscribe',
        yes: ({ event }) => event.type === 'ANSWER' && event.answer === 'yes',
        no: ({ event }) => event.type === 'ANSWER' && event.answer === 'no',
      },
    }).createMachine({
      id: 'notices',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'subscribes', target: 'subscribed' },
            { guard: 'unsubscribes', target: 'unsubscribed' },
            { target: 'asking' },
          ],
        },
        // 「お知らせを受け取りますか？」 is answered by typing as well as with the buttons: はい subscribes.
        asking: {
          entry: say(({ context }) =>
            replyEvent(
              [text(textFor(content, 'ja', 'notices.menu'))],
              unitOptions(content, ['notice.subscribe', 'notice.unsubscribe'], context.lang),
            ),
          ),
          on: {
            ANSWER: [
              { guard: 'yes', target: 'subscribed' },
              { guard: 'no', target: 'declined' },
            ],
          },
        },
        declined: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent(
              [text(textFor(content, context.lang, 'notices.declined'))],
              unitOptions(content, ['notice.subscribe', 'menu'], context.lang),
            ),
          ),
        },
        subscribed: {
          type: 'final',
          entry: [
            emit({ type: 'preference', topic: NOTICE_TOPIC, optedIn: true }),
            say(({ context }) =>
              replyEvent(
                [text(textFor(content, context.lang, 'notices.subscribed'))],
                unitOptions(content, ['notice.unsubscribe', 'menu'], context.lang),
              ),
            ),
          ],
        },
        unsubscribed: {
          type: 'final',
          entry: [
            emit({ type: 'preference', topic: NOTICE_TOPIC, optedIn: false }),
            say(({ context }) =>
              replyEvent(
                [text(textFor(content, context.lang, 'notices.unsubscribed'))],
                unitOptions(content, ['notice.subscribe', 'menu'], context.lang),
              ),
            ),
          ],
        },
      },
    }),
};
