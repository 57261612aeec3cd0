import type { AnyStateMachine } from 'xstate';
import type { Content } from './content';
import type { DialogueMemory, QuestionSlots } from './lib/slots';
import type { HandoffRoute, Lang, Purpose } from './purposes';

/** What every flow is started with. `now` is an ISO time: flows never read the clock themselves. */
export interface FlowInput {
  purpose: Purpose;
  lang: Lang;
  now: string;
  /** For `answer`: the answer units asked about (two for a compound question). */
  units?: string[];
  /** The particulars of the question: which day, time, place, amount… */
  slots?: QuestionSlots;
  /** What to remember of the question for a follow-up (kept in the conversation's state). */
  memory?: DialogueMemory | null;
  /**
   * For `outOfScope`: the phone line that can answer. For `answer`: the line for the other question of the
   * message, which the content does not answer.
   */
  handoff?: HandoffRoute;
  /** Closest answer units when the question was not understood well enough. */
  suggestions?: string[];
}

export type Answer = 'yes' | 'no' | 'march' | 'notyet';

export type FlowEvent = { type: 'ANSWER'; answer: Answer; now: string } | { type: 'UNCLEAR'; now: string };

export interface FlowDefinition {
  id: string;
  /** Bump when a change makes persisted snapshots of this flow unsafe to restore. */
  version: number;
  purposes: readonly Purpose[];
  create(content: Content): AnyStateMachine;
}
