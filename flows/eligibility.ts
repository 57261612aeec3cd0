import { assign, setup } from 'xstate';
import type { Content } from './content';
import { programmePhase } from './lib/schedule';
import { programmeEndedReply } from './lib/ended';
import { textFor } from './lib/texts';
import {
  replyEvent,
  say,
  text,
  unitOptions,
  type QuickOption,
  type ReplyEvent,
  type ReplyPart,
} from './reply';
import type { Lang } from './purposes';
import type { Answer, FlowDefinition, FlowEvent, FlowInput } from './types';

interface EligibilityContext {
  lang: Lang;
  /** Decided once at the start from the clock in the input, so every later step agrees with the first. */
  programmeEnded: boolean;
  appliedPhase1: boolean | null;
  healthInsurance: boolean | null;
  publicFund: boolean | null;
}

const answerOption = (label: string, answer: Answer): QuickOption => ({
  label,
  data: `answer=${answer}`,
  displayText: label,
});

const CANCEL_OPTION: QuickOption = { label: 'やめる', data: 'control=cancel', displayText: 'やめる' };

const YES_NO = [answerOption('はい', 'yes'), answerOption('いいえ・まだ', 'no'), CANCEL_OPTION];

export const CARD_APPLIED_OPTIONS = [
  answerOption('2月末までに申請した', 'yes'),
  answerOption('3月以降に申請した', 'march'),
  answerOption('まだ持っていない', 'notyet'),
  CANCEL_OPTION,
];

const PHASE1_OPTIONS = [answerOption('はい・申し込んだ', 'yes'), answerOption('いいえ', 'no'), CANCEL_OPTION];

const isAnswer =
  (...answers: Answer[]) =>
  ({ event }: { event: FlowEvent }) =>
    event.type === 'ANSWER' && answers.includes(event.answer);

export function eligibilityResult(content: Content, ctx: EligibilityContext): ReplyPart[] {
  const applies = {
    cashless: ctx.appliedPhase1 === false,
    healthInsurance: ctx.healthInsurance === true,
    publicFundAccount: ctx.publicFund === true,
  };
  const lines = content.programme.items.map((item) => {
    const amount = `${item.points.toLocaleString('en-US')}円相当`;
    if (applies[item.id]) return `○ ${item.label}：${amount}`;
    if (item.id === 'cashless') return `― ${item.label}：第1弾に申し込んだ方は対象外です`;
    return `― ${item.label}：まだのため対象外（登録すると${amount}）`;
  });
  const total = content.programme.items.reduce((sum, item) => sum + (applies[item.id] ? item.points : 0), 0);
  if (total === 0) return [text(textFor(content, 'ja', 'eligibility.noneApply'))];
  const notes = [textFor(content, 'ja', 'eligibility.nextStep')];
  if (applies.healthInsurance || applies.publicFundAccount) {
    notes.unshift(textFor(content, 'ja', 'eligibility.registeredNeedsApplication'));
  }
  const card: ReplyPart = {
    kind: 'card',
    title: textFor(content, 'ja', 'eligibility.resultIntro'),
    altText: `${textFor(content, 'ja', 'eligibility.resultIntro')} 合計 最大${total.toLocaleString('en-US')}円相当\n${lines.join('\n')}`,
    sections: [{ lines }, { heading: '合計', lines: [`最大 ${total.toLocaleString('en-US')}円相当`] }],
  };
  return [card, text(notes.join('\n'))];
}

/** The eligibility interview: four questions, then which points apply, how many, and what to do next. */
export const eligibilityFlow: FlowDefinition = {
  id: 'eligibility',
  version: 1,
  purposes: ['eligibility'],
  create: (content: Content) => {
    return setup({
      types: {
        input: {} as FlowInput,
        context: {} as EligibilityContext,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent,
      },
      guards: {
        ended: ({ context }) => context.programmeEnded,
        yes: isAnswer('yes'),
        no: isAnswer('no'),
        march: isAnswer('march'),
        notYet: isAnswer('notyet', 'no'),
      },
      actions: {
        ask: say((_, params: { key: string; options: QuickOption[] }) =>
          replyEvent([text(textFor(content, 'ja', params.key))], params.options),
        ),
        reask: say(() => replyEvent([text(textFor(content, 'ja', 'eligibility.reask'))])),
      },
    }).createMachine({
      id: 'eligibility',
      context: ({ input }) => ({
        lang: input.lang,
        programmeEnded: programmePhase(new Date(input.now), content.programme) === 'ended',
        appliedPhase1: null,
        healthInsurance: null,
        publicFund: null,
      }),
      initial: 'deciding',
      states: {
        deciding: {
          always: [{ guard: 'ended', target: 'ended' }, { target: 'cardApplied' }],
        },
        ended: {
          type: 'final',
          entry: say(({ context }) => programmeEndedReply(content, context.lang)),
        },
        cardApplied: {
          entry: {
            type: 'ask',
            params: { key: 'eligibility.askCardApplied', options: CARD_APPLIED_OPTIONS },
          },
          on: {
            ANSWER: [
              { guard: 'yes', target: 'phase1' },
              { guard: 'march', target: 'lateCard' },
              { guard: 'notYet', target: 'noCard' },
            ],
            UNCLEAR: { target: 'cardApplied', actions: 'reask', reenter: true },
          },
        },
        phase1: {
          entry: { type: 'ask', params: { key: 'eligibility.askPhase1', options: PHASE1_OPTIONS } },
          on: {
            ANSWER: [
              { guard: 'yes', target: 'healthInsurance', actions: assign({ appliedPhase1: true }) },
              { guard: 'no', target: 'healthInsurance', actions: assign({ appliedPhase1: false }) },
            ],
            UNCLEAR: { target: 'phase1', actions: 'reask', reenter: true },
          },
        },
        healthInsurance: {
          entry: { type: 'ask', params: { key: 'eligibility.askHealthInsurance', options: YES_NO } },
          on: {
            ANSWER: [
              { guard: 'yes', target: 'publicFund', actions: assign({ healthInsurance: true }) },
              { guard: 'notYet', target: 'publicFund', actions: assign({ healthInsurance: false }) },
            ],
            UNCLEAR: { target: 'healthInsurance', actions: 'reask', reenter: true },
          },
        },
        publicFund: {
          entry: { type: 'ask', params: { key: 'eligibility.askPublicFund', options: YES_NO } },
          on: {
            ANSWER: [
              { guard: 'yes', target: 'result', actions: assign({ publicFund: true }) },
              { guard: 'notYet', target: 'result', actions: assign({ publicFund: false }) },
            ],
            UNCLEAR: { target: 'publicFund', actions: 'reask', reenter: true },
          },
        },
        lateCard: {
          type: 'final',
          entry: say(() =>
            replyEvent(
              [text(textFor(content, 'ja', 'eligibility.notEligibleLateCard'))],
              unitOptions(content, ['contact.hotline', 'fraud.overview'], 'ja'),
            ),
          ),
        },
        noCard: {
          type: 'final',
          entry: say(() =>
            replyEvent(
              [text(textFor(content, 'ja', 'eligibility.notEligibleNoCard'))],
              unitOptions(content, ['card.new', 'contact.hotline'], 'ja'),
            ),
          ),
        },
        result: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent(
              eligibilityResult(content, context),
              unitOptions(content, ['items.overview', 'counter.hours', 'deadline.points'], 'ja'),
            ),
          ),
        },
      },
    });
  },
};
