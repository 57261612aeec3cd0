/** The one persistence interface: SQLite and PostgreSQL implement it and pass the same contract tests. */

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
  /** Set when the turn was decided and committed but the reply may not have gone out yet. */
  pendingReply: unknown[] | null;
  attempts: number;
  /**
   * New on every claim (a fencing token): a worker that stalled past its lease, while another took the event
   * over, holds a token that is no longer current, and the store refuses what it then tries to commit or finish.
   */
  claimToken: string;
}

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

/**
 * `needsDecision`: a batch could not be sent safely (its retry key is older than LINE keeps one), staff decide.
 * `cancelled`: staff cancelled it before it went out.
 */
export type NoticeStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'needsDecision' | 'cancelled';

/** How a notice's sending ended, as the dispatcher records it. */
export type NoticeOutcome = 'sent' | 'failed' | 'needsDecision';

export type Audience = { kind: 'all' } | { kind: 'topic'; topic: string };

export interface NoticeRecord {
  id: string;
  createdAt: number;
  sender: string;
  audience: Audience;
  messages: unknown[];
  /** Real time (epoch ms) from which the notice may go out. */
  sendAt: number;
  status: NoticeStatus;
  recipients: number | null;
  detail: string | null;
  finishedAt: number | null;
}

export interface NoticeBatch {
  index: number;
  /** Sent as X-Line-Retry-Key on every attempt of this batch, so a retry never delivers twice. */
  retryKey: string;
  /** When the retry key was made (real time): LINE keeps a key for 24 hours only. */
  plannedAt: number;
  /** Multicast recipients; null for a broadcast. */
  recipients: string[] | null;
  status: 'pending' | NoticeOutcome;
  requestId: string | null;
  detail: string | null;
}

export interface UnansweredQuestion {
  at: number;
  /** Already redacted: no My Number, PIN, phone number or name. */
  text: string;
  scores: { topic: string; score: number }[];
}

/** What a turn changes besides the conversation: stored in the same transaction, so that none is lost. */
export interface TurnEffects {
  /** Notice subscriptions the resident chose in this turn. */
  optIns: { userId: string; topic: string; optedIn: boolean }[];
  /** The question, when it was out of scope, for the staff report. */
  unanswered: UnansweredQuestion | null;
}

export const NO_TURN_EFFECTS: TurnEffects = { optIns: [], unanswered: null };

/** An event as the webhook stores it, before any processing. */
export type NewInboxEvent = Omit<InboxEvent, 'pendingReply' | 'attempts' | 'claimToken'>;

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

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

  setFollowing(userId: string, following: boolean, now: number): Promise<void>;
  isFollowing(userId: string): Promise<boolean | null>;
  /** Residents who follow the account and opted into the topic. */
  setTopicOptIn(userId: string, topic: string, optedIn: boolean, now: number): Promise<void>;
  topicAudience(topic: string): Promise<string[]>;
  countFollowers(): Promise<number>;

  createNotice(notice: Omit<NoticeRecord, 'status' | 'recipients' | 'detail' | 'finishedAt'>): Promise<void>;
  listNotices(limit: number): Promise<NoticeRecord[]>;
  getNotice(id: string): Promise<NoticeRecord | null>;
  /** Takes one due notice (queued, or sending with a lapsed lease after a crash) for this worker. */
  claimDueNotice(now: number, leaseMs: number): Promise<NoticeRecord | null>;
  /** Stores the batches once; a resumed notice keeps the batches (and retry keys) it was given first. */
  planNoticeBatches(
    noticeId: string,
    batches: Omit<NoticeBatch, 'status' | 'requestId' | 'detail'>[],
  ): Promise<NoticeBatch[]>;
  noticeBatches(noticeId: string): Promise<NoticeBatch[]>;
  finishNoticeBatch(
    noticeId: string,
    index: number,
    status: NoticeOutcome,
    requestId: string | null,
    detail: string | null,
  ): Promise<void>;
  finishNotice(
    id: string,
    status: NoticeOutcome,
    recipients: number | null,
    detail: string | null,
    now: number,
  ): Promise<void>;

  /**
   * Cancels a notice that has not gone out (queued, or waiting for staff's decision); one already being sent or
   * finished is left alone and its status returned. Null for an unknown id.
   */
  cancelNotice(
    id: string,
    detail: string,
    now: number,
  ): Promise<{ cancelled: boolean; status: NoticeStatus } | null>;

  recordUnanswered(question: UnansweredQuestion): Promise<void>;
  listUnanswered(since: number): Promise<UnansweredQuestion[]>;
  /** Forgets questions older than `before` (kept at most 90 days). */
  purgeUnanswered(before: number): Promise<number>;
}
