import type { Answer, Lang, Topic } from '../../flows';

export interface Understanding {
  lang: Lang;
  /** The topic asked about, or null when no topic is close enough to answer with confidence. */
  topic: Topic | null;
  confidence: number;
  /** The best-scoring topics with their scores, best first: kept with questions the bot could not answer. */
  scores: { topic: Topic; score: number }[];
  /** The closest topics, best first, for "did you mean…" buttons. */
  suggestions: Topic[];
  /** A short answer to a question the bot asked (はい, まだ, 3月…). */
  answer: Answer | null;
  /** The resident wants to leave the current questions. */
  control: 'cancel' | null;
}

/** The one interface to language understanding; the engine never looks inside. */
export interface LanguageUnderstanding {
  understand(text: string): Understanding;
}
