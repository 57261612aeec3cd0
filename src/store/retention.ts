/** How long the store keeps what it keeps: the one place that says it, for the purges and for the readers. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Unanswered questions are kept for staff this long, then forgotten. */
export const UNANSWERED_RETENTION_MS = 90 * DAY_MS;

/** Handled events are kept this long to recognise a redelivery (LINE's come within hours), then forgotten. */
export const FINISHED_EVENT_RETENTION_MS = 30 * DAY_MS;
