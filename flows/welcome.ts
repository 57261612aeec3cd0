import { setup } from 'xstate';
import type { Content } from './content';
import { textFor } from './lib/texts';
import { menuOptions, replyEvent, say, text, type ReplyEvent } from './reply';
import type { Purpose } from './purposes';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const PURPOSES = [
  'follow',
  'greeting',
  'thanks',
  'menu',
  'unsupported',
  'cancelled',
  'conversationReset',
  'sensitiveWarning',
  'groupIntro',
] as const satisfies readonly Purpose[];

const TEXT_KEY: Record<(typeof PURPOSES)[number], string> = {
  follow: 'welcome',
  greeting: 'welcomeBack',
  thanks: 'thanks',
  menu: 'menuPrompt',
  unsupported: 'unsupportedMessage',
  cancelled: 'cancelled',
  conversationReset: 'conversationReset',
  sensitiveWarning: 'sensitiveWarning',
  groupIntro: 'groupChat.oneToOne',
};

/** Greetings, the menu, and what the bot says on its own account (a reset, a warning about a My Number). */
export const welcomeFlow: FlowDefinition = {
  id: 'welcome',
  version: 1,
  purposes: PURPOSES,
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
        group: ({ context }) => context.purpose === 'groupIntro',
      },
    }).createMachine({
      id: 'welcome',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'group', target: 'group' },
            { guard: 'english', target: 'english' },
            { target: 'japanese' },
          ],
        },
        // Said once in a group: no buttons, which would invite the whole group to chat with the bot there.
        group: {
          type: 'final',
          entry: say(() => replyEvent([text(textFor(content, 'ja', 'groupChat.oneToOne'))])),
        },
        english: {
          type: 'final',
          entry: say(({ context }) => {
            const key = context.purpose === 'sensitiveWarning' ? 'sensitiveWarning' : 'welcome';
            return replyEvent([text(textFor(content, 'en', key))], menuOptions(content, 'en'));
          }),
        },
        japanese: {
          type: 'final',
          entry: say(({ context }) => {
            const key = TEXT_KEY[context.purpose as (typeof PURPOSES)[number]] ?? 'welcome';
            return replyEvent([text(textFor(content, 'ja', key))], menuOptions(content, 'ja'));
          }),
        },
      },
    }),
};
