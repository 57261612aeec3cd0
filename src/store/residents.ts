/** Residents: who follows the account, and which notice topics each chose. */
import { count, row, rows, type Query, type SqlDriver } from './sql';

export interface ResidentStore {
  setFollowing(userId: string, following: boolean, now: number): Promise<void>;
  isFollowing(userId: string): Promise<boolean | null>;
  setTopicOptIn(userId: string, topic: string, optedIn: boolean, now: number): Promise<void>;
  /** Residents who follow the account and opted into the topic. */
  topicAudience(topic: string): Promise<string[]>;
  countFollowers(): Promise<number>;
}

/** Also a step of a committed turn (src/store/inbox.ts). */
export const saveOptIn = (userId: string, topic: string, optedIn: boolean, now: number): Query<number> =>
  count(
    `INSERT INTO topic_optins (user_id, topic, opted_in, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, topic) DO UPDATE SET opted_in = excluded.opted_in, updated_at = excluded.updated_at`,
    userId,
    topic,
    optedIn ? 1 : 0,
    now,
  );

/** A friend LINE vouched for, recorded as following unless a follow or unfollow event already said otherwise. */
export const markKnownFriend = (userId: string, now: number): Query<number> =>
  count(
    `INSERT INTO residents (user_id, following, updated_at) VALUES (?, TRUE, ?)
     ON CONFLICT (user_id) DO NOTHING`,
    userId,
    now,
  );

export function residentTables(db: SqlDriver): ResidentStore {
  return {
    setFollowing: async (userId, following, now) => {
      await db.one(
        count(
          `INSERT INTO residents (user_id, following, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET following = excluded.following, updated_at = excluded.updated_at`,
          userId,
          following ? 1 : 0,
          now,
        ),
      );
    },
    isFollowing: async (userId) => {
      const r = await db.one(
        row<{ following: number | boolean }>('SELECT following FROM residents WHERE user_id = ?', userId),
      );
      return r ? Boolean(r.following) : null;
    },
    setTopicOptIn: async (userId, topic, optedIn, now) => {
      await db.one(saveOptIn(userId, topic, optedIn, now));
    },
    topicAudience: async (topic) =>
      (
        await db.one(
          rows<{ user_id: string }>(
            `SELECT o.user_id FROM topic_optins o JOIN residents r ON r.user_id = o.user_id
             WHERE o.topic = ? AND o.opted_in AND r.following ORDER BY o.user_id`,
            topic,
          ),
        )
      ).map((r) => r.user_id),
    countFollowers: async () =>
      Number(
        (await db.one(row<{ n: number | string }>('SELECT COUNT(*) AS n FROM residents WHERE following')))
          ?.n ?? 0,
      ),
  };
}
