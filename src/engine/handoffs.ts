import type { HandoffRoute } from '../../flows';
import type { Content } from '../content/schema';
import type { Understanding } from '../nlu/types';
import { withoutContactDetails } from '../privacy';
import type { UnansweredQuestion } from '../store/types';
import type { ResidentInput } from './input';

/** Stands for a hand-off asked for with a button: there are no words to keep, only which button it was. */
export const BUTTON_MARK = '[ボタン]';
/** Stands for a question asked in a group chat: no one's words from a group are kept, only that it happened. */
export const GROUP_MARK = '[グループでの質問]';

/**
 * What is kept of a hand-off for the staff report: the question as the resident wrote it (its My Numbers and
 * PINs removed when it was accepted; here its contact details too),
 * or the button they tapped, with the line they were sent to and the answer units that came closest.
 */
export function handoffRecord(
  route: HandoffRoute,
  input: ResidentInput,
  understanding: Understanding | null,
  content: Content,
  at: number,
  inGroup: boolean,
): UnansweredQuestion {
  return {
    at,
    text: inGroup
      ? GROUP_MARK
      : input.kind === 'text'
        ? withoutContactDetails(input.text)
        : buttonText(input, content),
    scores: (understanding?.scores ?? []).map((s) => ({ unit: s.unit, score: s.score })),
    route,
  };
}

function buttonText(input: ResidentInput, content: Content): string {
  const unitId = input.kind === 'postback' ? new URLSearchParams(input.data).get('unit') : null;
  const label = content.knowledge.units.find((u) => u.id === unitId)?.label.ja;
  return label ? `${BUTTON_MARK} ${label}` : BUTTON_MARK;
}
