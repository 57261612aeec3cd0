import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { NoticeDispatcher } from '../notices/dispatcher';
import { STAFF_CSS } from './assets';
import { auditPage } from './audit-page';
import {
  audit,
  checkSignIn,
  currentSession,
  endSession,
  newToken,
  requireCsrf,
  requireSession,
  sameToken,
  SIGN_IN_COOKIE,
  startSession,
} from './auth';
import { readCookie, setCookie } from './cookies';
import { homePage } from './home';
import { staffNoticesRouter } from './notices-routes';
import { groupKey } from '../report/unanswered';
import { UNANSWERED_RETENTION_MS } from '../store/retention';
import type {
  ActivityStore,
  AuditStore,
  GroupMark,
  NoticeStore,
  ResidentStore,
  StaffStore,
  UnansweredStore,
} from '../store/types';
import { groupsCsv, MARK_LABELS, markedGroups, marksCsv, readRange, unansweredPage } from './unanswered-page';
import { badRequestPage, refusedPage, setupPage, signInPage } from './signin';

/** What the console reads and writes: everything but the inbox and the conversations. */
export type ConsoleStore = StaffStore &
  AuditStore &
  NoticeStore &
  ResidentStore &
  UnansweredStore &
  ActivityStore;

export interface StaffDeps {
  store: ConsoleStore;
  clock: Clock;
  logger: Logger;
  dispatcher: NoticeDispatcher;
  botName: string;
  /** Answer unit id → its Japanese label, for the counts by answer unit. */
  unitLabels: Map<string, string>;
}

/** Only this origin: the pages have no inline script or style, and may not be framed. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

type Handler = (req: Request, res: Response) => Promise<void> | void;
const wrap = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  Promise.resolve(handler(req, res)).catch(next);
};

/** The staff console at /staff: sign-in, notices, unanswered questions, today's counts and the audit log. */
export function staffRouter(deps: StaffDeps): Router {
  const router = express.Router();
  const fontDir = path.dirname(require.resolve('@fontsource/biz-udpgothic/package.json'));
  router.use('/staff/font', express.static(fontDir, { maxAge: '7d' }));
  router.get('/staff/assets/staff.css', (_req, res) => {
    res.type('css').set('Cache-Control', 'max-age=3600').send(STAFF_CSS);
  });
  router.use('/staff', (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.use('/staff', express.urlencoded({ extended: false, limit: '64kb' }));

  const refused = (_req: Request, res: Response) => {
    res.status(403).type('html').send(refusedPage());
  };

  const showSignIn = (
    req: Request,
    res: Response,
    status: number,
    problem: Parameters<typeof signInPage>[1],
    lockedUntil?: number,
  ) => {
    const token = newToken();
    setCookie(req, res, SIGN_IN_COOKIE, token, 3600);
    res
      .status(status)
      .type('html')
      .send(signInPage(token, problem, lockedUntil));
  };

  const noAccounts = async () => (await deps.store.listStaffAccounts()).length === 0;

  router.get(
    '/staff',
    wrap(async (req, res) => {
      if (await noAccounts()) {
        res.type('html').send(setupPage());
        return;
      }
      const session = await currentSession(deps, req);
      if (!session) {
        res.redirect(303, '/staff/login');
        return;
      }
      res.type('html').send(await homePage(deps, session));
    }),
  );

  router.get(
    '/staff/login',
    wrap(async (req, res) => {
      if (await noAccounts()) {
        res.redirect(303, '/staff');
        return;
      }
      if (await currentSession(deps, req)) {
        res.redirect(303, '/staff');
        return;
      }
      showSignIn(req, res, 200, null);
    }),
  );

  router.post(
    '/staff/login',
    wrap(async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const cookieToken = readCookie(req, SIGN_IN_COOKIE);
      if (!cookieToken || !sameToken(body._csrf, cookieToken)) {
        deps.logger.warn('staff sign-in refused: missing or wrong CSRF token');
        showSignIn(req, res, 403, 'expired');
        return;
      }
      const name = typeof body.name === 'string' ? body.name.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const result = await checkSignIn(deps, name, password);
      if (!result.ok) {
        showSignIn(req, res, result.reason === 'locked' ? 429 : 401, result.reason, result.lockedUntil);
        return;
      }
      await startSession(deps, req, res, result.staffName);
      res.redirect(303, '/staff');
    }),
  );

  // Everything below needs a session, and every form a session's token.
  router.use('/staff', requireSession(deps, refused));
  router.post('/staff/*', requireCsrf(deps, refused));

  router.post(
    '/staff/logout',
    wrap(async (req, res) => {
      await endSession(deps, req, res, res.locals.staffSession!.staffName);
      res.redirect(303, '/staff/login');
    }),
  );

  router.use(staffNoticesRouter(deps));

  const unansweredReport = async (query: Record<string, unknown>) => {
    const now = deps.clock.realNow();
    const range = readRange(query, now, UNANSWERED_RETENTION_MS);
    const questions = (await deps.store.listUnanswered(range.start)).filter((q) => q.at < range.end);
    const marks = await deps.store.listUnansweredMarks();
    return { range, questions, marks, groups: markedGroups(questions, marks) };
  };

  router.get(
    '/staff/unanswered',
    wrap(async (req, res) => {
      const r = await unansweredReport(req.query);
      res
        .type('html')
        .send(unansweredPage(res.locals.staffSession!, r.range, r.questions, r.groups, r.marks));
    }),
  );

  router.get(
    '/staff/unanswered.csv',
    wrap(async (req, res) => {
      const r = await unansweredReport(req.query);
      res
        .type('text/csv; charset=utf-8')
        .attachment(`unanswered-${r.range.from}_${r.range.to}.csv`)
        .send(groupsCsv(r.groups));
    }),
  );

  router.get(
    '/staff/unanswered/marks.csv',
    wrap(async (_req, res) => {
      res
        .type('text/csv; charset=utf-8')
        .attachment('unanswered-marked-groups.csv')
        .send(marksCsv(await deps.store.listUnansweredMarks()));
    }),
  );

  router.post(
    '/staff/unanswered/mark',
    wrap(async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const mark = body.mark as GroupMark;
      const example = typeof body.example === 'string' ? body.example : '';
      const count = Number(body.count);
      // Only a question the store holds (redacted) can name a group: the form cannot bring in other text.
      const known =
        example !== '' &&
        (await deps.store.listUnanswered(deps.clock.realNow() - UNANSWERED_RETENTION_MS)).some(
          (q) => q.text === example,
        );
      if (!(mark in MARK_LABELS) || !known || !Number.isInteger(count) || count < 1) {
        res
          .status(400)
          .type('html')
          .send(
            badRequestPage(
              res.locals.staffSession!,
              'この質問グループは見つかりませんでした。ページを読み込み直してください。',
            ),
          );
        return;
      }
      const staffName = res.locals.staffSession!.staffName;
      await deps.store.markUnansweredGroup({
        key: groupKey(example),
        example,
        mark,
        count,
        markedBy: staffName,
        markedAt: deps.clock.realNow(),
      });
      await audit(deps, staffName, 'groupMarked', example, MARK_LABELS[mark]);
      const back = new URLSearchParams({
        from: typeof body.from === 'string' ? body.from : '',
        to: typeof body.to === 'string' ? body.to : '',
      });
      res.redirect(303, `/staff/unanswered?${back.toString()}#marked`);
    }),
  );

  router.get(
    '/staff/audit',
    wrap(async (_req, res) => {
      res.type('html').send(auditPage(res.locals.staffSession!, await deps.store.listAudit(500)));
    }),
  );

  return router;
}
