/** How long the store keeps what it keeps: the one place that says it, for the purges and for the readers. */
import type { InboxStore } from './inbox';
import type { UnansweredStore } from './unanswered';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Unanswered questions are kept for staff this long, then forgotten. */
export const UNANSWERED_RETENTION_MS = 90 * DAY_MS;

/** Handled events are kept this long to recognise a redelivery (LINE's come within hours), then forgotten. */
export const FINISHED_EVENT_RETENTION_MS = 30 * DAY_MS;

export interface RetentionStore {
  /** Forgets what is kept no longer at `now`: handled events after 30 days, unanswered questions after 90. */
  purgeExpired(now: number): Promise<void>;
}

export function retention(
  store: Pick<InboxStore, 'purgeFinishedEvents'> & Pick<UnansweredStore, 'purgeUnanswered'>,
): RetentionStore {
  return {
    purgeExpired: async (now) => {
      await store.purgeUnanswered(now - UNANSWERED_RETENTION_MS);
      await store.purgeFinishedEvents(now - FINISHED_EVENT_RETENTION_MS);
    },
  };
}
