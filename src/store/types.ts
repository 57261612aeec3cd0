/**
 * The store, split by what it stores: each part a narrow interface (in the module of the same name), which
 * callers take only what they use of. SQLite and PostgreSQL implement all of it and pass the same contract tests.
 */
import type { ActivityStore } from './activity';
import type { AuditStore } from './audit';
import type { InboxStore } from './inbox';
import type { NoticeStore } from './notices';
import type { ResidentStore } from './residents';
import type { RetentionStore } from './retention';
import type { StaffStore } from './staff';
import type { UnansweredStore } from './unanswered';

export type { ActivityCounts, ActivityStore } from './activity';
export type { AuditEntry, AuditStore } from './audit';
export type {
  CommitResult,
  ConversationChange,
  ConversationEnvelope,
  EventClaim,
  EventOutcome,
  InboxEvent,
  InboxRedaction,
  InboxStore,
  NewInboxEvent,
  TurnEffects,
} from './inbox';
export { NO_TURN_EFFECTS } from './inbox';
export type {
  Audience,
  NoticeBatch,
  NoticeOutcome,
  NoticeRecord,
  NoticeStatus,
  NoticeStore,
} from './notices';
export type { ResidentStore } from './residents';
export type { RetentionStore } from './retention';
export type { StaffAccount, StaffSession, StaffStore } from './staff';
export type { GroupMark, UnansweredMark, UnansweredQuestion, UnansweredStore } from './unanswered';

/** The database itself: which one, its schema, whether it answers. */
export interface StoreConnection {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Store
  extends
    StoreConnection,
    InboxStore,
    ResidentStore,
    NoticeStore,
    UnansweredStore,
    StaffStore,
    AuditStore,
    ActivityStore,
    RetentionStore {}
