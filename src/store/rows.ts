import type { NoticeBatch, NoticeRecord, UnansweredQuestion } from './types';

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

export const toUnanswered = (r: {
  at: number | string;
  text: string;
  scores: string;
}): UnansweredQuestion => ({
  at: Number(r.at),
  text: r.text,
  scores: JSON.parse(r.scores),
});
