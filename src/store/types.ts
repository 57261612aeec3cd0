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
}

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

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Stores events that are new; returns the ids that were new (redeliveries are left out). */
  acceptEvents(events: Omit<InboxEvent, 'pendingReply' | 'attempts'>[]): Promise<string[]>;
  /**
   * Takes the earliest unfinished event of one conversation, unless another worker holds a live lease on an
   * event of that conversation: this is what keeps one resident's events one at a time across processes.
   */
  claimNextEvent(conversationKey: string, leaseMs: number, now: number): Promise<InboxEvent | null>;
  /**
   * Atomically applies the conversation change (compare-and-swap on the revision) and records the reply to
   * send. Returns false, changing nothing, when the revision moved on.
   */
  commitTurn(
    eventId: string,
    conversationKey: string,
    change: ConversationChange,
    reply: unknown[],
    now: number,
  ): Promise<boolean>;
  finishEvent(eventId: string, outcome: EventOutcome, detail: string | null, now: number): Promise<void>;
  /** Conversations with events still to process (after a crash, or a lease that ran out). */
  conversationsWithPendingEvents(now: number): Promise<string[]>;
  eventStatus(
    eventId: string,
  ): Promise<{ status: string; outcome: EventOutcome | null; detail: string | null } | null>;

  loadConversation(conversationKey: string): Promise<ConversationEnvelope | null>;

  setFollowing(userId: string, following: boolean, now: number): Promise<void>;
  isFollowing(userId: string): Promise<boolean | null>;
}
