/**
 * The particulars of a question that an answer depends on, as the language understanding reads them. Plain
 * JSON: they travel in flow input and are stored with a conversation.
 */
export interface WhenSlot {
  /** Days after today (今日 0, 明日 1, 明後日 2). */
  relDay?: number;
  /** 0 = Sunday … 6 = Saturday, with the week it falls in when said (来週の月曜). */
  weekday?: number;
  week?: 'this' | 'next' | 'afterNext';
  /** A calendar date without a year (5月5日). */
  month?: number;
  day?: number;
  /** Minutes after midnight. */
  minutes?: number;
  /** 午前 / 午後 without a time. */
  session?: 'am' | 'pm';
  /** いま, 今から: the present moment. */
  now?: boolean;
}

export interface QuestionSlots {
  when?: WhenSlot;
  /** An amount of money in yen (2万円 → 20000). */
  amount?: number;
  /** A month named alone, as in 「3月に申請した」. */
  monthOnly?: number;
  /** Which counter (a `place.*` concept). */
  place?: string;
  /** Things named (`item.*` concepts). */
  items: string[];
  /** What a caller asked the resident for (`asked.*` concepts). */
  asked: string[];
}

/** What the last answered question was about, so that 「南熱海支所も？」 can be read against it. */
export interface DialogueMemory {
  units: string[];
  concepts: string[];
  slots: QuestionSlots;
  /** Pairs of characters of the question as written: what the classifier read. */
  pairs?: string[];
}
