import { setup } from 'xstate';
import type { Content } from '../src/content/schema';
import { hhmmJa, WEEKDAYS_EN, WEEKDAYS_JA } from './lib/calendar';
import { counterStatus, programmePhase, type CounterStatus, type NextOpening } from './lib/schedule';
import { textFor } from './lib/texts';
import { replyEvent, say, text, topicOptions, type ReplyPart, type ReplyEvent } from './reply';
import type { Lang, Topic } from './topics';
import type { FlowDefinition, FlowEvent, FlowInput } from './types';

const COUNTER_TOPICS = ['hours', 'openNow', 'closedDays', 'places', 'beforeComing', 'health'] as const;
const CARD_TOPICS = ['cardCertificateExpired', 'cardPinReset', 'cardNew', 'cardLost'] as const;
type CounterTopic = (typeof COUNTER_TOPICS)[number] | (typeof CARD_TOPICS)[number];

const NEXT: Record<CounterTopic, Topic[]> = {
  hours: ['openNow', 'items', 'beforeComing'],
  openNow: ['hours', 'items', 'beforeComing'],
  closedDays: ['openNow', 'hours', 'items'],
  places: ['hours', 'openNow', 'items'],
  beforeComing: ['items', 'hours', 'openNow'],
  health: ['hours', 'items'],
  cardCertificateExpired: ['hours', 'items'],
  cardPinReset: ['items', 'hours'],
  cardNew: ['eligibility', 'hotline'],
  cardLost: ['hotline', 'fraud'],
};

function nextOpenText(next: NextOpening, lang: Lang): string {
  const { month, day, weekday } = next.day;
  return lang === 'en'
    ? `${WEEKDAYS_EN[weekday]}, ${month}/${day} at ${next.at}`
    : `${month}月${day}日（${WEEKDAYS_JA[weekday]}）${hhmmJa(next.at)}`;
}

function openNowText(content: Content, lang: Lang, status: CounterStatus): string {
  if (lang === 'en') {
    return status.kind === 'open'
      ? textFor(content, 'en', 'openNow.open', { sessionEnd: status.until })
      : textFor(content, 'en', 'openNow.closed', {
          nextOpen:
            status.kind === 'lunch' || status.kind === 'beforeOpen'
              ? `${status.kind === 'lunch' ? status.reopens : status.opens} today`
              : nextOpenText(status.next, 'en'),
        });
  }
  switch (status.kind) {
    case 'open':
      return textFor(content, 'ja', 'openNow.open', { sessionEnd: hhmmJa(status.until) });
    case 'lunch':
      return textFor(content, 'ja', 'openNow.lunch', { reopens: hhmmJa(status.reopens) });
    case 'beforeOpen':
      return textFor(content, 'ja', 'openNow.beforeOpen', { opens: hhmmJa(status.opens) });
    case 'afterClose':
      return textFor(content, 'ja', 'openNow.afterClose', { nextOpen: nextOpenText(status.next, 'ja') });
    case 'closedDay': {
      const nextOpen = nextOpenText(status.next, 'ja');
      if (status.reason.kind === 'holiday') {
        return textFor(content, 'ja', 'openNow.holiday', { holidayName: status.reason.name, nextOpen });
      }
      if (status.reason.kind === 'yearEnd') return textFor(content, 'ja', 'openNow.yearEnd', { nextOpen });
      return textFor(content, 'ja', 'openNow.weekend', {
        weekday: `${WEEKDAYS_JA[status.day.weekday]}曜日`,
        nextOpen,
      });
    }
  }
}

export function hoursCard(content: Content): ReplyPart {
  const { counters } = content;
  const sessionLines = counters.sessions.map(
    (s, i) =>
      `${counters.sessions.length === 2 ? (i === 0 ? '午前 ' : '午後 ') : ''}${hhmmJa(s.from)}〜${hhmmJa(s.to)}`,
  );
  const weekdays = counters.closedWeekdays.map((d) => WEEKDAYS_JA[d]).join('・');
  const [fm, fd] = counters.yearEndClosure.from.split('-').map(Number);
  const [tm, td] = counters.yearEndClosure.to.split('-').map(Number);
  const closed = [
    `${weekdays}${counters.closedOnNationalHolidays ? '・祝日' : ''}`,
    `年末年始（${fm}月${fd}日〜${tm}月${td}日）`,
  ];
  return {
    kind: 'card',
    altText: textFor(content, 'ja', 'hours'),
    title: '支援窓口の受付時間',
    sections: [
      { heading: '受付時間', lines: sessionLines },
      { heading: 'お休み', lines: closed },
      {
        heading: '場所',
        lines: counters.places.map((p) => (p.detail ? `${p.name}（${p.detail}）` : p.name)),
      },
    ],
  };
}

/** Support counters: hours, places, "is it open now?", what to do before coming, and card problems. */
export const counterFlow: FlowDefinition = {
  id: 'counter',
  version: 1,
  topics: [...COUNTER_TOPICS, ...CARD_TOPICS],
  create: (content: Content) =>
    setup({
      types: {
        input: {} as FlowInput,
        context: {} as FlowInput,
        events: {} as FlowEvent,
        emitted: {} as ReplyEvent,
      },
      guards: {
        countersClosedForGood: ({ context }) =>
          (COUNTER_TOPICS as readonly string[]).includes(context.topic) &&
          programmePhase(new Date(context.now), content.programme) === 'ended',
        asksOpenNow: ({ context }) => context.topic === 'openNow',
        asksHours: ({ context }) => context.topic === 'hours' && context.lang === 'ja',
      },
    }).createMachine({
      id: 'counter',
      context: ({ input }) => input,
      initial: 'deciding',
      states: {
        deciding: {
          always: [
            { guard: 'countersClosedForGood', target: 'ended' },
            { guard: 'asksOpenNow', target: 'openNow' },
            { guard: 'asksHours', target: 'hoursCard' },
            { target: 'answered' },
          ],
        },
        ended: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent(
              [
                text(
                  textFor(content, context.lang, context.lang === 'en' ? 'programmeEnded' : 'openNow.ended'),
                ),
              ],
              topicOptions(['fraud', 'hotline'], context.lang),
            ),
          ),
        },
        openNow: {
          type: 'final',
          entry: say(({ context }) => {
            const message = openNowText(
              content,
              context.lang,
              counterStatus(new Date(context.now), content.counters),
            );
            return replyEvent([text(message)], topicOptions(NEXT.openNow, context.lang));
          }),
        },
        hoursCard: {
          type: 'final',
          entry: say(({ context }) =>
            replyEvent([hoursCard(content)], topicOptions(NEXT.hours, context.lang)),
          ),
        },
        answered: {
          type: 'final',
          entry: say(({ context }) => {
            const topic = context.topic as CounterTopic;
            return replyEvent(
              [text(textFor(content, context.lang, topic))],
              topicOptions(NEXT[topic] ?? [], context.lang),
            );
          }),
        },
      },
    }),
};
