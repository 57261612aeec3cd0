import { enqueueActions, setup } from 'xstate';
import type { Content } from './content';
import { composeAnswer, unitOf } from './lib/compose';
import { lineFor } from './lib/lines';
import type { DialogueMemory, QuestionSlots } from './lib/slots';
import { textFor } from './lib/texts';
import {
  menuOptions,
  replyEvent,
  say,
  text,
  unitOptions,
  type HandoffEvent,
  type ReplyEvent,
  type ReplyPart,
} from './reply';
import type { HandoffRoute, Lang } from './purposes';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

interface AnswersContext {
  lang: Lang;
  now: string;
  units: string[];
  slots: QuestionSlots;
  /** Kept while the conversation lasts, so the next message can be read as a follow-up to this one. */
  memory: DialogueMemory | null;
  /** The line for the other question of the message, which the content does not answer. */
  rest?: HandoffRoute | null;
}

const NO_SLOTS: QuestionSlots = { items: [], asked: [] };

/** The English answer always carries the line for questions in English and the other languages. */
function withLanguageLine(content: Content, answer: string): string {
  const line = textFor(content, 'en', 'multilingualLine');
  return answer.includes(content.phones.multilingual.number) ? answer : `${answer}\n${line}`;
}

export function answerReply(content: Content, ctx: AnswersContext): ReplyEvent {
  if (ctx.units.length === 0) {
    return replyEvent([text(textFor(content, ctx.lang, 'menuPrompt'))], menuOptions(content, ctx.lang));
  }
  const now = new Date(ctx.now);
  const parts: ReplyPart[] = ctx.units.map((id) => {
    const answer = composeAnswer(content, id, { lang: ctx.lang, now, slots: ctx.slots });
    return text(ctx.lang === 'en' ? withLanguageLine(content, answer) : answer);
  });
  if (ctx.rest) parts.push(text(restReply(content, ctx.lang, ctx.rest)));
  const last = unitOf(content, ctx.units[ctx.units.length - 1]!);
  const next = [
    ...last.related,
    ...ctx.units.slice(0, -1).flatMap((id) => unitOf(content, id).related),
  ].filter((id, i, all) => !ctx.units.includes(id) && all.indexOf(id) === i);
  return replyEvent(parts, unitOptions(content, next.slice(0, 4), ctx.lang));
}

/** 「…もう一つのご質問には、お答えできません」 and the line that can answer it. */
function restReply(content: Content, lang: Lang, route: HandoffRoute): string {
  const line = lineFor(lang, route);
  if (line === 'multilingual') return textFor(content, 'en', 'outOfScope.rest');
  return textFor(content, lang, line === 'city' ? 'outOfScope.rest.city' : 'outOfScope.rest');
}

/**
 * Answers questions about facts: one answer unit, or two for a compound question, each for the question's
 * particulars. It stays open afterwards, holding what was asked, so that 「南熱海支所も？」 can follow.
 */
export const answersFlow: FlowDefinition = {
  id: 'answers',
  version: 1,
  purposes: ['answer'],
  create: (content: Content) =>
    setup({
      types: {
        input: {} as FlowInput,
        context: {} as AnswersContext,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent | HandoffEvent,
      },
    }).createMachine({
      id: 'answers',
      context: ({ input }) => ({
        lang: input.lang,
        now: input.now,
        units: input.units ?? [],
        slots: input.slots ?? NO_SLOTS,
        memory: input.memory ?? null,
        rest: input.handoff ?? null,
      }),
      initial: 'answered',
      states: {
        answered: {
          entry: [
            say(({ context }) => answerReply(content, context)),
            // An answer that gives a phone line (「電話で聞きたい」), or another question handed to one, hands the
            // resident over, and is recorded with the line the reply names, as the hand-off flow does.
            enqueueActions(({ context, enqueue }) => {
              const route =
                context.rest ?? context.units.map((id) => unitOf(content, id).handsOffTo).find(Boolean);
              if (route) enqueue.emit({ type: 'handoff', route: lineFor(context.lang, route) });
            }),
          ],
        },
      },
    }),
};
