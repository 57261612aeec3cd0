import type {
  ActivityCounts,
  NewInboxEvent,
  TurnEffects,
  AuditEntry,
  EventOutcome,
  NoticeBatch,
  NoticeRecord,
  StaffAccount,
  StaffSession,
  UnansweredMark,
  UnansweredQuestion,
} from './types';

/** Row shapes shared by both stores (PostgreSQL returns BIGINT as text, hence Number()). */
export interface NoticeRow {
  id: string;
  created_at: number | string;
  sender: string;
  audience: string;
  messages: string;
  send_at: number | string;
  status: NoticeRecord['status'];
  recipients: number | null;
  detail: string | null;
  finished_at: number | string | null;
}

export const toNotice = (r: NoticeRow): NoticeRecord => ({
  id: r.id,
  createdAt: Number(r.created_at),
  sender: r.sender,
  audience: JSON.parse(r.audience),
  messages: JSON.parse(r.messages),
  sendAt: Number(r.send_at),
  status: r.status,
  recipients: r.recipients,
  detail: r.detail,
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
});

export interface BatchRow {
  batch_index: number;
  retry_key: string;
  planned_at: number | string;
  recipients: string | null;
  status: NoticeBatch['status'];
  request_id: string | null;
  detail: string | null;
}

export const toBatch = (r: BatchRow): NoticeBatch => ({
  index: r.batch_index,
  retryKey: r.retry_key,
  plannedAt: Number(r.planned_at),
  recipients: r.recipients === null ? null : JSON.parse(r.recipients),
  status: r.status,
  requestId: r.request_id,
  detail: r.detail,
});

export interface UnansweredRow {
  at: number | string;
  text: string;
  scores: string;
  route: string | null;
}

export const toUnanswered = (r: UnansweredRow): UnansweredQuestion => ({
  at: Number(r.at),
  text: r.text,
  // `topic` in rows a replica of an earlier release writes while another has migrated (see migration 12).
  scores: (JSON.parse(r.scores) as { unit?: string; topic?: string; score: number }[]).map((s) => ({
    unit: s.unit ?? s.topic ?? '',
    score: s.score,
  })),
  route: r.route as UnansweredQuestion['route'],
});

export interface StaffAccountRow {
  name: string;
  password_hash: string;
  disabled: number | boolean;
  created_at: number | string;
  failed_sign_ins: number;
  locked_until: number | string;
}

export const toStaffAccount = (r: StaffAccountRow): StaffAccount => ({
  name: r.name,
  passwordHash: r.password_hash,
  disabled: Boolean(r.disabled),
  createdAt: Number(r.created_at),
  failedSignIns: r.failed_sign_ins,
  lockedUntil: Number(r.locked_until),
});

export interface StaffSessionRow {
  id_digest: string;
  staff_name: string;
  csrf_token: string;
  created_at: number | string;
  expires_at: number | string;
}

export const toStaffSession = (r: StaffSessionRow): StaffSession => ({
  idDigest: r.id_digest,
  staffName: r.staff_name,
  csrfToken: r.csrf_token,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

export interface AuditRow {
  at: number | string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

export const toAudit = (r: AuditRow): AuditEntry => ({
  at: Number(r.at),
  actor: r.actor,
  action: r.action,
  target: r.target,
  detail: r.detail,
});

export interface MarkRow {
  group_key: string;
  example: string;
  mark: UnansweredMark['mark'];
  question_count: number;
  marked_by: string;
  marked_at: number | string;
}

export const toMark = (r: MarkRow): UnansweredMark => ({
  key: r.group_key,
  example: r.example,
  mark: r.mark,
  count: r.question_count,
  markedBy: r.marked_by,
  markedAt: Number(r.marked_at),
});

/** Shared by both stores: folds the rows of the day into the counts the console shows. */
export function activityCounts(rows: {
  conversations: number | string;
  outcomes: { outcome: string | null; n: number | string }[];
  answered: { answered_units: string | null }[];
  routes: { route: string | null; n: number | string }[];
  notices: { n: number | string; recipients: number | string | null };
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

/** The turn's answered units as stored with its event: null when it answered none. */
export const unitsColumn = (effects: TurnEffects): string | null =>
  effects.answeredUnits?.length ? JSON.stringify(effects.answeredUnits) : null;

/** What redaction removed from an accepted event's text, as the inbox column holds it. */
export const redactionColumn = (event: NewInboxEvent): string | null =>
  event.redaction ? JSON.stringify(event.redaction) : null;
