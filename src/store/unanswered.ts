/** The questions the bot handed to a phone line, and what staff decided about groups of them. */
import type { HandoffRoute } from '../../flows/purposes';
import { count, rows, type Query, type SqlDriver } from './sql';

/** A hand-off to a phone line, kept for the staff report. */
export interface UnansweredQuestion {
  at: number;
  /** Already redacted: no My Number, PIN, phone number, e-mail address or name. */
  text: string;
  /** The answer units the understanding found closest, best first. */
  scores: { unit: string; score: number }[];
  /** The line the resident was sent to; null in records kept before the route was. */
  route: HandoffRoute | null;
}

/** What staff decided about a group of questions the bot could not answer. */
export type GroupMark = 'handOff' | 'shouldAnswer';

/** A marked group: the starting point of the next content update. */
export interface UnansweredMark {
  /** The normalised text of the group's first question: what recognises the group in later reports. */
  key: string;
  /** The group's first question, redacted as stored. */
  example: string;
  mark: GroupMark;
  /** How many questions the group had when it was marked. */
  count: number;
  markedBy: string;
  markedAt: number;
}

export interface UnansweredStore {
  recordUnanswered(question: UnansweredQuestion): Promise<void>;
  listUnanswered(since: number): Promise<UnansweredQuestion[]>;
  /** Forgets questions older than `before` (kept at most 90 days). */
  purgeUnanswered(before: number): Promise<number>;
  /** Marks a group (again: the latest mark replaces the one before). */
  markUnansweredGroup(mark: UnansweredMark): Promise<void>;
  /** Newest first. */
  listUnansweredMarks(): Promise<UnansweredMark[]>;
}

interface UnansweredRow {
  at: number | string;
  text: string;
  scores: string;
  route: string | null;
}

const toUnanswered = (r: UnansweredRow): UnansweredQuestion => ({
  at: Number(r.at),
  text: r.text,
  // `topic` in rows a replica of an earlier release writes while another has migrated (see migration 12).
  scores: (JSON.parse(r.scores) as { unit?: string; topic?: string; score: number }[]).map((s) => ({
    unit: s.unit ?? s.topic ?? '',
    score: s.score,
  })),
  route: r.route as UnansweredQuestion['route'],
});

interface MarkRow {
  group_key: string;
  example: string;
  mark: GroupMark;
  question_count: number;
  marked_by: string;
  marked_at: number | string;
}

const toMark = (r: MarkRow): UnansweredMark => ({
  key: r.group_key,
  example: r.example,
  mark: r.mark,
  count: r.question_count,
  markedBy: r.marked_by,
  markedAt: Number(r.marked_at),
});

/** Also a step of a committed turn (src/store/inbox.ts). */
export const insertUnanswered = (q: UnansweredQuestion): Query<number> =>
  count(
    'INSERT INTO unanswered (at, text, scores, route) VALUES (?, ?, ?, ?)',
    q.at,
    q.text,
    JSON.stringify(q.scores),
    q.route,
  );

export function unansweredTables(db: SqlDriver): UnansweredStore {
  return {
    recordUnanswered: async (question) => {
      await db.one(insertUnanswered(question));
    },
    listUnanswered: async (since) =>
      (
        await db.one(
          rows<UnansweredRow>(
            'SELECT at, text, scores, route FROM unanswered WHERE at >= ? ORDER BY at, id',
            since,
          ),
        )
      ).map(toUnanswered),
    purgeUnanswered: (before) => db.one(count('DELETE FROM unanswered WHERE at < ?', before)),
    markUnansweredGroup: async (m) => {
      await db.one(
        count(
          `INSERT INTO unanswered_marks (group_key, example, mark, question_count, marked_by, marked_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (group_key) DO UPDATE SET example = excluded.example, mark = excluded.mark,
             question_count = excluded.question_count, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
          m.key,
          m.example,
          m.mark,
          m.count,
          m.markedBy,
          m.markedAt,
        ),
      );
    },
    listUnansweredMarks: async () =>
      (await db.one(rows<MarkRow>('SELECT * FROM unanswered_marks ORDER BY marked_at DESC, group_key'))).map(
        toMark,
      ),
  };
}
