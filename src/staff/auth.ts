import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditStore, StaffSession, StaffStore } from '../store/types';
import { clearCookie, readCookie, setCookie } from './cookies';
import { decoyHash, verifyPassword } from './password';

export const SESSION_COOKIE = 'staff_session';
/** The sign-in form's token, before any session exists (double submit: cookie and field must match). */
export const SIGN_IN_COOKIE = 'staff_signin';
export const SESSION_MS = 8 * 3600_000;
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60_000;
/** The audit log's actor when the name typed at sign-in belongs to no account (the name itself is not kept). */
export const UNKNOWN_ACTOR = '-';

export const newToken = () => randomBytes(32).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest('hex');

export function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = createHash('sha256').update(sent).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface AuthDeps {
  store: StaffStore & AuditStore;
  clock: Clock;
  logger: Logger;
}

declare module 'express-serve-static-core' {
  interface Locals {
    staffSession?: StaffSession;
  }
}

export async function currentSession(deps: AuthDeps, req: Request): Promise<StaffSession | null> {
  const id = readCookie(req, SESSION_COOKIE);
  if (!id) return null;
  return deps.store.getStaffSession(digest(id), deps.clock.realNow());
}

/** Every console page and action but sign-in: without a live session, a page sends to sign-in, an action is refused. */
export function requireSession(deps: AuthDeps, refused: (req: Request, res: Response) => void) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const session = await currentSession(deps, req);
      if (!session) {
        if (req.method === 'GET' || req.method === 'HEAD') res.redirect(303, '/staff/login');
        else refused(req, res);
        return;
      }
      res.locals.staffSession = session;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The synchronizer token: a form of this session carries the token stored with the session, or is refused. */
export function requireCsrf(deps: AuthDeps, refused: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = res.locals.staffSession;
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!session || !sameToken(sent, session.csrfToken)) {
      deps.logger.warn(
        { staff: session?.staffName, path: req.path },
        'staff form refused: missing or wrong CSRF token',
      );
      refused(req, res);
      return;
    }
    next();
  };
}

export type SignInResult =
  | { ok: true; staffName: string }
  | { ok: false; reason: 'wrong' | 'disabled' | 'locked'; lockedUntil?: number };

/**
 * Checks a name and password. Unknown names cost the same scrypt as known ones; a locked or disabled account
 * is refused even with the right password; the MAX_FAILED_SIGN_INS-th wrong password in a row locks it.
 */
export async function checkSignIn(deps: AuthDeps, name: string, password: string): Promise<SignInResult> {
  const now = deps.clock.realNow();
  const account = name ? await deps.store.getStaffAccount(name) : null;
  if (!account) {
    await verifyPassword(password, await decoyHash());
    await audit(deps, UNKNOWN_ACTOR, 'signInFailed', null, '存在しないアカウント名');
    deps.logger.warn('staff sign-in failed: no such account');
    return { ok: false, reason: 'wrong' };
  }
  if (account.disabled) {
    await verifyPassword(password, await decoyHash());
    await audit(deps, account.name, 'signInRefused', null, '停止中のアカウント');
    deps.logger.warn({ staff: account.name }, 'staff sign-in refused: account disabled');
    return { ok: false, reason: 'disabled' };
  }
  if (account.lockedUntil > now) {
    await audit(deps, account.name, 'signInRefused', null, 'ロック中');
    deps.logger.warn({ staff: account.name }, 'staff sign-in refused: account locked');
    return { ok: false, reason: 'locked', lockedUntil: account.lockedUntil };
  }
  if (!(await verifyPassword(password, account.passwordHash))) {
    const after = await deps.store.recordFailedSignIn(account.name, now, MAX_FAILED_SIGN_INS, LOCK_MS);
    const locked = after !== null && after.lockedUntil > now;
    await audit(
      deps,
      account.name,
      'signInFailed',
      null,
      locked ? `パスワード誤り（${MAX_FAILED_SIGN_INS}回続いたためロック）` : 'パスワード誤り',
    );
    deps.logger.warn({ staff: account.name, locked }, 'staff sign-in failed: wrong password');
    return locked
      ? { ok: false, reason: 'locked', lockedUntil: after.lockedUntil }
      : { ok: false, reason: 'wrong' };
  }
  await deps.store.clearFailedSignIns(account.name);
  return { ok: true, staffName: account.name };
}

/** A new session (a new id on every sign-in, so no id set before sign-in is ever a signed-in one). */
export async function startSession(
  deps: AuthDeps,
  req: Request,
  res: Response,
  staffName: string,
): Promise<void> {
  const id = newToken();
  const now = deps.clock.realNow();
  // Housekeeping on the rare event that makes sessions: the expired ones are of no use to anyone.
  await deps.store.purgeStaffSessions(now);
  await deps.store.createStaffSession({
    idDigest: digest(id),
    staffName,
    csrfToken: newToken(),
    createdAt: now,
    expiresAt: now + SESSION_MS,
  });
  setCookie(req, res, SESSION_COOKIE, id, SESSION_MS / 1000);
  clearCookie(req, res, SIGN_IN_COOKIE);
  await audit(deps, staffName, 'signIn', null, null);
  deps.logger.info({ staff: staffName }, 'staff signed in');
}

export async function endSession(
  deps: AuthDeps,
  req: Request,
  res: Response,
  staffName: string,
): Promise<void> {
  const id = readCookie(req, SESSION_COOKIE);
  if (id) await deps.store.deleteStaffSession(digest(id));
  clearCookie(req, res, SESSION_COOKIE);
  await audit(deps, staffName, 'signOut', null, null);
  deps.logger.info({ staff: staffName }, 'staff signed out');
}

export function audit(
  deps: Pick<AuthDeps, 'store' | 'clock'>,
  actor: string,
  action: string,
  target: string | null,
  detail: string | null,
): Promise<void> {
  return deps.store.appendAudit({ at: deps.clock.realNow(), actor, action, target, detail });
}
