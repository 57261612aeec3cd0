/** The inbox of webhook events and the conversations they advance: what answering one resident reads and writes. */
import { markKnownFriend, saveOptIn } from './residents';
import { count, postgresClause, row, rows, step, type Program, type Query, type SqlDriver } from './sql';
import { insertUnanswered, type UnansweredQuestion } from './unanswered';

export type EventOutcome = 'answered' | 'missed' | 'failed' | 'ignored';

export interface InboxEvent {
  /** LINE's webhookEventId: the inbox key that makes redelivery harmless. */
  id: string;
  conversationKey: string;
  /** LINE's event timestamp (ms, real time): processing order and reply-token age. */
  timestamp: number;
  receivedAt: number;
  /** The webhook event with sensitive text already redacted; dropped once the event is finished. */
  payload: unknown;
  /**
   * What redaction removed from the payload's text when the event was accepted (a text message only; null for
   * other events, and for those accepted before the inbox kept it).
   */
  redaction: InboxRedaction | null;
  /** Set when the turn was decided and committed but the reply may not have gone out yet. */
  pendingReply: unknown[] | null;
  attempts: number;
  /**
   * New on every claim (a fencing token): a worker that stalled past its lease, while another took the event
   * over, holds a token that is no longer current, and the store refuses what it then tries to commit or finish.
   */
  claimToken: string;
}

export interface InboxRedaction {
  hadMyNumber: boolean;
  hadPin: boolean;
}

/** An event as the webhook stores it, before any processing. */
export type NewInboxEvent = Omit<InboxEvent, 'pendingReply' | 'attempts' | 'claimToken' | 'redaction'> & {
  redaction?: InboxRedaction | null;
};

/** What a worker shows to prove that it still holds the event it claimed. */
export type EventClaim = Pick<InboxEvent, 'id' | 'claimToken'>;

/**
 * `conflict`: the conversation's revision moved on (decide again on the new state). `lost`: the claim is no
 * longer current (the lease ran out and another worker took the event over): drop the result, send nothing.
 */
export type CommitResult = 'committed' | 'conflict' | 'lost';

export interface ConversationEnvelope {
  flowId: string;
  flowVersion: number;
  snapshot: unknown;
  revision: number;
  updatedAt: number;
}

export type ConversationChange =
  | { kind: 'keep' }
  | { kind: 'save'; flowId: string; flowVersion: number; snapshot: unknown; expectedRevision: number | null }
  | { kind: 'delete'; expectedRevision: number };

/** What a turn changes besides the conversation: stored in the same transaction, so that none is lost. */
export interface TurnEffects {
  /** Notice subscriptions the resident chose in this turn. */
  optIns: { userId: string; topic: string; optedIn: boolean }[];
  /** The question, when the resident was handed to a phone line, for the staff report. */
  unanswered: UnansweredQuestion | null;
  /**
   * A resident LINE confirmed is a friend, whom the store did not know as following or not (they added the
   * account before the bot went live, so no follow event came): recorded as following unless a follow or
   * unfollow event has said otherwise.
   */
  knownFriend: string | null;
  /** A group chat the bot told, in this turn, that it answers in a one-to-one chat: it says so once. */
  toldGroupChat: string | null;
  /** The answer units the turn answers (ids, never text): counted for staff once the reply has gone out. */
  answeredUnits?: string[];
}

export const NO_TURN_EFFECTS: TurnEffects = {
  optIns: [],
  unanswered: null,
  knownFriend: null,
  toldGroupChat: null,
};

export interface InboxStore {
  /** Stores events that are new; returns the ids that were new (redeliveries are left out). */
  acceptEvents(events: NewInboxEvent[]): Promise<string[]>;
  /**
   * Takes the earliest unfinished event of one conversation, unless another worker holds a live lease on an
   * event of that conversation: this is what keeps one resident's events one at a time across processes.
   */
  claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null>;
  /**
   * Extends the lease of a claim still current (a heartbeat while a turn runs); false when it is not: another
   * worker has taken the event over, or it is finished.
   */
  renewClaim(claim: EventClaim, leaseMs: number, now: number): Promise<boolean>;
  /**
   * Atomically applies the conversation change (compare-and-swap on the revision), records the reply to send
   * and stores the turn's other effects, once per claim and only while the claim is current. Anything but
   * `committed` changes nothing.
   */
  commitTurn(
    claim: EventClaim,
    conversationKey: string,
    change: ConversationChange,
    reply: unknown[],
    now: number,
    effects?: TurnEffects,
  ): Promise<CommitResult>;
  /** Records how the event ended; false, changing nothing, when the claim is no longer current. */
  finishEvent(claim: EventClaim, outcome: EventOutcome, detail: string | null, now: number): Promise<boolean>;
  /**
   * Forgets events handled before `before`; open ones are kept whatever their age. A finished event is kept
   * only to recognise LINE's redelivery of it, which comes within minutes to hours, never weeks later.
   */
  purgeFinishedEvents(before: number): Promise<number>;
  /** Conversations with events still to process (after a crash, or a lease that ran out). */
  conversationsWithPendingEvents(now: number): Promise<string[]>;
  eventStatus(
    eventId: string,
  ): Promise<{ status: string; outcome: EventOutcome | null; detail: string | null } | null>;

  loadConversation(conversationKey: string): Promise<ConversationEnvelope | null>;

  /** Whether the bot has told this group or multi-person chat that it answers one to one. */
  hasToldGroupChat(chatKey: string): Promise<boolean>;
  /** The bot left the chat: forgets that it told it anything, and the chat's conversation. */
  forgetGroupChat(chatKey: string): Promise<void>;
}

/** An inbox row as both databases return it (PostgreSQL's BIGINT as text). */
export interface EventRow {
  id: string;
  conversation_key: string;
  event_timestamp: number | string;
  received_at: number | string;
  payload: string | null;
  redaction: string | null;
  pending_reply: string | null;
  attempts: number;
  status: string;
  claim_token: string | null;
}

export const toEvent = (r: EventRow): InboxEvent => ({
  id: r.id,
  conversationKey: r.conversation_key,
  timestamp: Number(r.event_timestamp),
  receivedAt: Number(r.received_at),
  payload: r.payload === null ? null : JSON.parse(r.payload),
  redaction: r.redaction === null ? null : JSON.parse(r.redaction),
  pendingReply: r.pending_reply === null ? null : JSON.parse(r.pending_reply),
  attempts: r.attempts,
  claimToken: r.claim_token ?? '',
});

/** Checked in the commit's transaction; PostgreSQL also locks the row, so no claim comes between it and the commit. */
const HELD = postgresClause(
  'FOR UPDATE',
  (lock) => `SELECT 1 FROM inbox_events WHERE id = ? AND claim_token = ? AND status = 'processing' ${lock}`,
);

function* accept(events: NewInboxEvent[]): Program<string[]> {
  const accepted: string[] = [];
  for (const e of events) {
    const inserted = yield* step(
      count(
        `INSERT INTO inbox_events (id, conversation_key, event_timestamp, received_at, payload, redaction)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        e.id,
        e.conversationKey,
        e.timestamp,
        e.receivedAt,
        JSON.stringify(e.payload),
        e.redaction ? JSON.stringify(e.redaction) : null,
      ),
    );
    if (inserted === 1) accepted.push(e.id);
  }
  return accepted;
}

/** The compare-and-swap of a conversation: 1 row changed when the revision was the one expected. */
function changeConversation(key: string, change: ConversationChange, now: number): Query<number> | null {
  if (change.kind === 'keep') return null;
  if (change.kind === 'delete')
    return count(
      'DELETE FROM conversations WHERE conversation_key = ? AND revision = ?',
      key,
      change.expectedRevision,
    );
  const snapshot = JSON.stringify(change.snapshot);
  if (change.expectedRevision === null)
    return count(
      `INSERT INTO conversations (conversation_key, flow_id, flow_version, snapshot, revision, updated_at)
       VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (conversation_key) DO NOTHING`,
      key,
      change.flowId,
      change.flowVersion,
      snapshot,
      now,
    );
  return count(
    `UPDATE conversations SET flow_id = ?, flow_version = ?, snapshot = ?, revision = revision + 1, updated_at = ?
     WHERE conversation_key = ? AND revision = ?`,
    change.flowId,
    change.flowVersion,
    snapshot,
    now,
    key,
    change.expectedRevision,
  );
}

/** The turn's answered units as stored with its event: null when it answered none. */
const unitsColumn = (effects: TurnEffects): string | null =>
  effects.answeredUnits?.length ? JSON.stringify(effects.answeredUnits) : null;

function* commit(
  held: string,
  claim: EventClaim,
  key: string,
  change: ConversationChange,
  reply: unknown[],
  now: number,
  effects: TurnEffects,
): Program<CommitResult> {
  if (!(yield* step(row(held, claim.id, claim.claimToken)))) return 'lost';
  const swap = changeConversation(key, change, now);
  if (swap && (yield* step(swap)) !== 1) return 'conflict';
  yield* step(
    count(
      `UPDATE inbox_events SET status = 'replying', pending_reply = ?, answered_units = ? WHERE id = ?`,
      JSON.stringify(reply),
      unitsColumn(effects),
      claim.id,
    ),
  );
  for (const o of effects.optIns) yield* step(saveOptIn(o.userId, o.topic, o.optedIn, now));
  if (effects.unanswered) yield* step(insertUnanswered(effects.unanswered));
  if (effects.toldGroupChat)
    yield* step(
      count(
        'INSERT INTO group_chats (chat_key, told_at) VALUES (?, ?) ON CONFLICT (chat_key) DO NOTHING',
        effects.toldGroupChat,
        now,
      ),
    );
  if (effects.knownFriend) yield* step(markKnownFriend(effects.knownFriend, now));
  return 'committed';
}

function* forgetChat(chatKey: string): Program<void> {
  yield* step(count('DELETE FROM group_chats WHERE chat_key = ?', chatKey));
  yield* step(count('DELETE FROM conversations WHERE conversation_key = ?', chatKey));
}

/** The inbox, written once for both databases; claiming is each database's own (see their stores). */
export function inboxTables(db: SqlDriver): Omit<InboxStore, 'claimNextEvent'> {
  return {
    acceptEvents: async (events) => (events.length === 0 ? [] : db.transaction(accept(events))),
    renewClaim: async (claim, leaseMs, now) =>
      (await db.one(
        count(
          `UPDATE inbox_events SET lease_until = ?
            WHERE id = ? AND claim_token = ? AND status IN ('processing', 'replying')`,
          now + leaseMs,
          claim.id,
          claim.claimToken,
        ),
      )) === 1,
    commitTurn: (claim, key, change, reply, now, effects = NO_TURN_EFFECTS) =>
      db.transaction(commit(HELD[db.dialect], claim, key, change, reply, now, effects)),
    finishEvent: async (claim, outcome, detail, now) =>
      (await db.one(
        count(
          `UPDATE inbox_events SET status = 'done', outcome = ?, detail = ?, finished_at = ?, payload = NULL,
           pending_reply = NULL, lease_until = 0
           WHERE id = ? AND claim_token = ? AND status IN ('processing', 'replying')`,
          outcome,
          detail,
          now,
          claim.id,
          claim.claimToken,
        ),
      )) === 1,
    purgeFinishedEvents: (before) =>
      db.one(count(`DELETE FROM inbox_events WHERE status = 'done' AND finished_at < ?`, before)),
    conversationsWithPendingEvents: async (now) =>
      (
        await db.one(
          rows<{ conversation_key: string }>(
            `SELECT DISTINCT conversation_key FROM inbox_events
             WHERE status IN ('pending', 'processing', 'replying') AND lease_until <= ?`,
            now,
          ),
        )
      ).map((r) => r.conversation_key),
    eventStatus: async (eventId) =>
      (await db.one(
        row<{ status: string; outcome: EventOutcome | null; detail: string | null }>(
          'SELECT status, outcome, detail FROM inbox_events WHERE id = ?',
          eventId,
        ),
      )) ?? null,
    loadConversation: async (key) => {
      const r = await db.one(
        row<{
          flow_id: string;
          flow_version: number;
          snapshot: string;
          revision: number;
          updated_at: number | string;
        }>('SELECT * FROM conversations WHERE conversation_key = ?', key),
      );
      if (!r) return null;
      return {
        flowId: r.flow_id,
        flowVersion: r.flow_version,
        snapshot: JSON.parse(r.snapshot),
        revision: r.revision,
        updatedAt: Number(r.updated_at),
      };
    },
    hasToldGroupChat: async (chatKey) =>
      (await db.one(row('SELECT 1 FROM group_chats WHERE chat_key = ?', chatKey))) !== undefined,
    forgetGroupChat: (chatKey) => db.transaction(forgetChat(chatKey)),
  };
}
