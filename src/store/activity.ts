/** What the bot did since a moment, counted across the inbox, the questions and the notices: for the console. */
import type { EventOutcome } from './inbox';
import { row, rows, type SqlDriver } from './sql';

/** Counts only: never any text. */
export interface ActivityCounts {
  /** Conversations (residents and group chats) with at least one event received. */
  conversations: number;
  /** Events finished, by how they ended. */
  outcomes: Record<EventOutcome, number>;
  /** Answered events by the answer unit they answered, most first. */
  answersByUnit: { unit: string; count: number }[];
  /** Hand-offs to a phone line, by line, most first (`unknown` for rows kept before lines were). */
  handoffsByRoute: { route: string; count: number }[];
  noticesSent: number;
  /** Residents reached by the topic notices sent (a broadcast's reach is LINE's to count). */
  noticeRecipients: number;
}

export interface ActivityStore {
  /** Counts since `since` (the start of the day, Japan time) for the console's front page. */
  countActivity(since: number): Promise<ActivityCounts>;
}

type Count = number | string;

export function activityTables(db: SqlDriver): ActivityStore {
  return {
    countActivity: async (since) => {
      const [conversations, outcomes, answered, routes, notices] = await Promise.all([
        db.one(
          row<{ n: Count }>(
            'SELECT COUNT(DISTINCT conversation_key) AS n FROM inbox_events WHERE received_at >= ?',
            since,
          ),
        ),
        db.one(
          rows<{ outcome: string | null; n: Count }>(
            `SELECT outcome, COUNT(*) AS n FROM inbox_events WHERE status = 'done' AND finished_at >= ? GROUP BY outcome`,
            since,
          ),
        ),
        db.one(
          rows<{ answered_units: string | null }>(
            `SELECT answered_units FROM inbox_events
             WHERE outcome = 'answered' AND answered_units IS NOT NULL AND finished_at >= ?`,
            since,
          ),
        ),
        db.one(
          rows<{ route: string | null; n: Count }>(
            'SELECT route, COUNT(*) AS n FROM unanswered WHERE at >= ? GROUP BY route',
            since,
          ),
        ),
        db.one(
          row<{ n: Count; recipients: Count | null }>(
            `SELECT COUNT(*) AS n, SUM(recipients) AS recipients FROM notices WHERE status = 'sent' AND finished_at >= ?`,
            since,
          ),
        ),
      ]);
      return activityCounts({
        conversations: conversations!.n,
        outcomes,
        answered,
        routes,
        notices: notices!,
      });
    },
  };
}

/** Folds the rows of the day into the counts the console shows. */
function activityCounts(rows: {
  conversations: Count;
  outcomes: { outcome: string | null; n: Count }[];
  answered: { answered_units: string | null }[];
  routes: { route: string | null; n: Count }[];
  notices: { n: Count; recipients: Count | null };
}): ActivityCounts {
  const outcomes: ActivityCounts['outcomes'] = { answered: 0, missed: 0, failed: 0, ignored: 0 };
  for (const o of rows.outcomes)
    if (o.outcome && o.outcome in outcomes) outcomes[o.outcome as EventOutcome] = Number(o.n);
  const units = new Map<string, number>();
  for (const r of rows.answered)
    for (const unit of r.answered_units ? (JSON.parse(r.answered_units) as string[]) : [])
      units.set(unit, (units.get(unit) ?? 0) + 1);
  const byCount = (a: { count: number }, b: { count: number }) => b.count - a.count;
  return {
    conversations: Number(rows.conversations),
    outcomes,
    answersByUnit: [...units].map(([unit, count]) => ({ unit, count })).sort(byCount),
    handoffsByRoute: rows.routes
      .map((r) => ({ route: r.route ?? 'unknown', count: Number(r.n) }))
      .sort(byCount),
    noticesSent: Number(rows.notices.n),
    noticeRecipients: Number(rows.notices.recipients ?? 0),
  };
}
