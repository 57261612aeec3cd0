import type { Answer, Lang } from '../../flows';
import type { HandoffRoute } from '../../flows/purposes';
import type { Analysis } from './analysis';
import type { DialogueMemory } from './memory';

export type { DialogueMemory } from './memory';

export type { HandoffRoute } from '../../flows/purposes';

export interface Understanding {
  lang: Lang;
  /** The answer units asked about (two for a compound question); empty when none is close enough. */
  units: string[];
  /** The particulars of the question (day, time, place, amount…), merged with the last turn's on a follow-up. */
  slots: Analysis['slots'];
  /**
   * Set when nothing in the content answers: which phone line to give. With `units`, a message of two questions
   * whose other question the content does not answer: the line for that one.
   */
  handoff: HandoffRoute | null;
  /** The message was read against the previous question (「南熱海支所も？」). */
  followUp: boolean;
  confidence: number;
  /** The best-scoring units with their scores, best first: kept with questions the bot could not answer. */
  scores: { unit: string; score: number }[];
  /** The closest units, best first, for "did you mean…" buttons. */
  suggestions: string[];
  /** A short answer to a question the bot asked (はい, まだ, 3月…). */
  answer: Answer | null;
  /** The resident wants to leave the current questions. */
  control: 'cancel' | null;
  /** What to remember of this question for the next turn (null: nothing worth remembering). */
  memory: DialogueMemory | null;
}

/** The one interface to language understanding; the engine never looks inside. */
export interface LanguageUnderstanding {
  /** Reads a message, against the previous question when there is one. */
  understand(text: string, previous?: DialogueMemory | null): Understanding;
}
