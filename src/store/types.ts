/** The one persistence interface: SQLite and PostgreSQL implement it and pass the same contract tests. */
import type { HandoffRoute } from '../../flows/topics';

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

/** A hand-off to a phone line, kept for the staff report. */
export interface UnansweredQuestion {
  at: number;
  /** Already redacted: no My Number, PIN, phone number, e-mail address or name. */
  text: string;
  scores: { topic: string; score: number }[];
  /** The line the resident was sent to; null in records kept before the route was. */
  route: HandoffRoute | null;
}

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

/** What the bot did since a moment: counts only. */
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

/** A member of the city's staff who signs in to the console at /staff. */
export interface StaffAccount {
  name: string;
  /** scrypt, with its parameters and salt (see src/staff/password.ts); never the password. */
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  /** Wrong passwords in a row since the last sign-in or lockout. */
  failedSignIns: number;
  /** Real time (epoch ms) until which the account refuses every sign-in; 0 when not locked. */
  lockedUntil: number;
}

/** A signed-in console session. Only a digest of the cookie's id is stored, so the table gives no sessions away. */
export interface StaffSession {
  idDigest: string;
  staffName: string;
  /** The synchronizer token every form of this session carries. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** One line of the audit log: who did what to which thing, when. Never a password or a session id. */
export interface AuditEntry {
  at: number;
  /** The staff account; `-` when the name typed at sign-in belongs to no account. */
  actor: string;
  action: string;
  /** What was acted on: a notice id, a question group, … */
  target: string | null;
  detail: string | null;
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

  /** Whether the bot has told this group or multi-person chat that it answers one to one. */
  hasToldGroupChat(chatKey: string): Promise<boolean>;
  /** The bot left the chat: forgets that it told it anything, and the chat's conversation. */
  forgetGroupChat(chatKey: string): Promise<void>;

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
  /**
   * Forgets what is kept no longer at `now` (src/store/retention.ts): handled events after 30 days, unanswered
   * questions after 90.
   */
  purgeExpired(now: number): Promise<void>;

  /** False, changing nothing, when an account of that name exists. */
  createStaffAccount(account: Omit<StaffAccount, 'failedSignIns' | 'lockedUntil'>): Promise<boolean>;
  getStaffAccount(name: string): Promise<StaffAccount | null>;
  listStaffAccounts(): Promise<StaffAccount[]>;
  /** False for an unknown name. Disabling also ends the account's sessions. */
  setStaffDisabled(name: string, disabled: boolean): Promise<boolean>;
  /**
   * Counts one wrong password, atomically; the `maxFailures`-th in a row locks the account until
   * `now + lockMs` and starts the count again. Returns the account as it now is (null for an unknown name).
   */
  recordFailedSignIn(
    name: string,
    now: number,
    maxFailures: number,
    lockMs: number,
  ): Promise<StaffAccount | null>;
  /** A successful sign-in: the count of wrong passwords starts again. */
  clearFailedSignIns(name: string): Promise<void>;

  createStaffSession(session: StaffSession): Promise<void>;
  /** The session, if it exists, has not expired and its account is not disabled. */
  getStaffSession(idDigest: string, now: number): Promise<StaffSession | null>;
  deleteStaffSession(idDigest: string): Promise<void>;
  /** Forgets expired sessions; returns how many. */
  purgeStaffSessions(now: number): Promise<number>;

  /** Marks a group (again: the latest mark replaces the one before). */
  markUnansweredGroup(mark: UnansweredMark): Promise<void>;
  /** Newest first. */
  listUnansweredMarks(): Promise<UnansweredMark[]>;

  /** Counts since `since` (the start of the day, Japan time) for the console's front page: never any text. */
  countActivity(since: number): Promise<ActivityCounts>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;
}
