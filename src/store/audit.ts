/** The audit log of the staff console: who did what to which thing, when. */
import { count, rows, type SqlDriver } from './sql';

/** One line of the audit log. Never a password or a session id. */
export interface AuditEntry {
  at: number;
  /** The staff account; `-` when the name typed at sign-in belongs to no account. */
  actor: string;
  action: string;
  /** What was acted on: a notice id, a question group, … */
  target: string | null;
  detail: string | null;
}

export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;
}

interface AuditRow {
  at: number | string;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

export function auditTables(db: SqlDriver): AuditStore {
  return {
    appendAudit: async (e) => {
      await db.one(
        count(
          'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
          e.at,
          e.actor,
          e.action,
          e.target,
          e.detail,
        ),
      );
    },
    listAudit: async (limit) =>
      (
        await db.one(
          rows<AuditRow>(
            'SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?',
            limit,
          ),
        )
      ).map((r) => ({ ...r, at: Number(r.at) })),
  };
}
