/** The city's staff who sign in to the console: their accounts and sessions. */
import { count, row, rows, step, type Program, type SqlDriver } from './sql';

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

export interface StaffStore {
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
}

interface StaffAccountRow {
  name: string;
  password_hash: string;
  disabled: number | boolean;
  created_at: number | string;
  failed_sign_ins: number;
  locked_until: number | string;
}

const toStaffAccount = (r: StaffAccountRow): StaffAccount => ({
  name: r.name,
  passwordHash: r.password_hash,
  disabled: Boolean(r.disabled),
  createdAt: Number(r.created_at),
  failedSignIns: r.failed_sign_ins,
  lockedUntil: Number(r.locked_until),
});

interface StaffSessionRow {
  id_digest: string;
  staff_name: string;
  csrf_token: string;
  created_at: number | string;
  expires_at: number | string;
}

const toStaffSession = (r: StaffSessionRow): StaffSession => ({
  idDigest: r.id_digest,
  staffName: r.staff_name,
  csrfToken: r.csrf_token,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

function* setDisabled(name: string, disabled: boolean): Program<boolean> {
  const changed = yield* step(
    count('UPDATE staff_accounts SET disabled = ? WHERE name = ?', disabled ? 1 : 0, name),
  );
  if (disabled) yield* step(count('DELETE FROM staff_sessions WHERE staff_name = ?', name));
  return changed === 1;
}

export function staffTables(db: SqlDriver): StaffStore {
  return {
    createStaffAccount: async (a) =>
      (await db.one(
        count(
          `INSERT INTO staff_accounts (name, password_hash, disabled, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO NOTHING`,
          a.name,
          a.passwordHash,
          a.disabled ? 1 : 0,
          a.createdAt,
        ),
      )) === 1,
    getStaffAccount: async (name) => {
      const r = await db.one(row<StaffAccountRow>('SELECT * FROM staff_accounts WHERE name = ?', name));
      return r ? toStaffAccount(r) : null;
    },
    listStaffAccounts: async () =>
      (await db.one(rows<StaffAccountRow>('SELECT * FROM staff_accounts ORDER BY name'))).map(toStaffAccount),
    setStaffDisabled: (name, disabled) => db.transaction(setDisabled(name, disabled)),
    recordFailedSignIn: async (name, now, maxFailures, lockMs) => {
      // One statement, so that wrong passwords sent in parallel are each counted.
      const r = await db.one(
        row<StaffAccountRow>(
          `UPDATE staff_accounts SET
             locked_until = CASE WHEN failed_sign_ins + 1 >= ? THEN ? ELSE locked_until END,
             failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ? THEN 0 ELSE failed_sign_ins + 1 END
           WHERE name = ? RETURNING *`,
          maxFailures,
          now + lockMs,
          maxFailures,
          name,
        ),
      );
      return r ? toStaffAccount(r) : null;
    },
    clearFailedSignIns: async (name) => {
      await db.one(count('UPDATE staff_accounts SET failed_sign_ins = 0 WHERE name = ?', name));
    },
    createStaffSession: async (s) => {
      await db.one(
        count(
          `INSERT INTO staff_sessions (id_digest, staff_name, csrf_token, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?)`,
          s.idDigest,
          s.staffName,
          s.csrfToken,
          s.createdAt,
          s.expiresAt,
        ),
      );
    },
    getStaffSession: async (idDigest, now) => {
      const r = await db.one(
        row<StaffSessionRow>(
          `SELECT s.* FROM staff_sessions s JOIN staff_accounts a ON a.name = s.staff_name
           WHERE s.id_digest = ? AND s.expires_at > ? AND NOT a.disabled`,
          idDigest,
          now,
        ),
      );
      return r ? toStaffSession(r) : null;
    },
    deleteStaffSession: async (idDigest) => {
      await db.one(count('DELETE FROM staff_sessions WHERE id_digest = ?', idDigest));
    },
    purgeStaffSessions: (now) => db.one(count('DELETE FROM staff_sessions WHERE expires_at <= ?', now)),
  };
}
