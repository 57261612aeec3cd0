import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningBot } from '../../src/bot';
import { SESSION_COOKIE } from '../../src/staff/auth';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { addStaff, STAFF_PASSWORD, StaffClient } from '../helpers/staffClient';

let line: FakeLine;
let bot: RunningBot;
let logs: string[];
let base: string;

beforeEach(async () => {
  line = await startFakeLine();
  logs = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  bot = await startTestBot({
    lineBaseUrl: line.baseUrl,
    databaseUrl: `sqlite:${tempSqliteFile()}`,
    env: { ADMIN_TOKEN: 'a-long-admin-token-for-tests' },
    logger: pino({ level: 'debug' }, sink),
  });
  base = `http://127.0.0.1:${bot.port}`;
});
afterEach(async () => {
  await bot.close();
  await line.close();
});

const SIGNED_IN_PAGES = ['/staff/notices', '/staff/unanswered', '/staff/unanswered.csv', '/staff/audit'];
const ACTIONS = ['/staff/logout', '/staff/notices', '/staff/unanswered/mark'];

describe('staff console: sign-in and sessions', () => {
  it('without any account, /staff says in Japanese how to make one', async () => {
    const response = await fetch(`${base}/staff`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('npm run staff -- add 名前');
  });

  it('shows no page and takes no action without a session', async () => {
    await addStaff(bot.store, 'yamada');
    const anonymous = new StaffClient(base);
    const home = await anonymous.get('/staff');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/staff/login');
    for (const path of SIGNED_IN_PAGES) {
      const r = await anonymous.get(path);
      expect([path, r.status, r.headers.get('location')]).toEqual([path, 303, '/staff/login']);
    }
    for (const path of ACTIONS) {
      const r = await anonymous.post(path, { _csrf: 'x' });
      expect([path, r.status]).toEqual([path, 403]);
    }
    // A made-up session cookie is no session.
    anonymous.cookies.set(SESSION_COOKIE, 'made-up');
    expect((await anonymous.get('/staff/audit')).status).toBe(303);
  });

  it('signs in with httpOnly SameSite=Strict cookies, a new session id, and signs out', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    const signedIn = await staff.signIn('yamada');
    expect(signedIn.status).toBe(303);
    const cookie = staff.lastSetCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http on loopback
    const home = await staff.get('/staff');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await home.text()).toContain('yamada さん');

    const token = await staff.csrf();
    const sessionId = staff.cookies.get(SESSION_COOKIE)!;
    expect((await staff.post('/staff/logout', { _csrf: token })).status).toBe(303);
    // The old id is dead on the server, not only forgotten by the browser.
    staff.cookies.set(SESSION_COOKIE, sessionId);
    expect((await staff.get('/staff/audit')).status).toBe(303);
  });

  it('refuses a form without its CSRF token, or with another session’s', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    await staff.signIn('yamada');
    const other = new StaffClient(base);
    await other.signIn('yamada');
    const othersToken = await other.csrf();
    expect((await staff.post('/staff/logout', {})).status).toBe(403);
    expect((await staff.post('/staff/logout', { _csrf: othersToken })).status).toBe(403);
    expect((await staff.get('/staff')).status).toBe(200); // still signed in
    // The sign-in form has its token too.
    const fresh = new StaffClient(base);
    await fresh.get('/staff/login');
    const r = await fresh.post('/staff/login', { name: 'yamada', password: STAFF_PASSWORD });
    expect(r.status).toBe(403);
    expect(fresh.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('marks the cookie Secure behind an https proxy when TRUST_PROXY says to believe it', async () => {
    await bot.close();
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { TRUST_PROXY: 'loopback' },
    });
    await addStaff(bot.store, 'yamada');
    const login = await fetch(`http://127.0.0.1:${bot.port}/staff/login`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(login.headers.getSetCookie().join('\n')).toMatch(/Secure/);
  });

  it('does not let a disabled account sign in, and ends its sessions', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    await staff.signIn('yamada');
    await bot.store.setStaffDisabled('yamada', true);
    expect((await staff.get('/staff/audit')).status).toBe(303);
    const again = new StaffClient(base);
    const r = await again.signIn('yamada');
    expect(r.status).toBe(401);
    expect(await r.text()).toContain('停止されています');
    expect(again.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('locks the account after five wrong passwords in a row, even for the right one', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    for (let i = 1; i <= 4; i++)
      expect((await staff.signIn('yamada', `wrong-${i}-password`)).status).toBe(401);
    const fifth = await staff.signIn('yamada', 'wrong-5-password');
    expect(fifth.status).toBe(429);
    const right = await staff.signIn('yamada');
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('までサインインできません');
    expect(staff.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await bot.store.getStaffAccount('yamada'))!.lockedUntil).toBeGreaterThan(
      Date.now() + 14 * 60_000,
    );
  });

  it('records sign-ins, failures and sign-outs in the audit log, without the name typed for no account', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    await staff.signIn('yamada', 'wrong-password-1');
    await staff.signIn('my-password-typed-as-name', 'x');
    await staff.signIn('yamada');
    const audit = await bot.store.listAudit(10);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['yamada', 'signIn'],
      ['-', 'signInFailed'],
      ['yamada', 'signInFailed'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('my-password-typed-as-name');
    const page = await (await staff.get('/staff/audit')).text();
    expect(page).toContain('サインイン失敗');
  });

  it('writes no password and no session id to the logs', async () => {
    await addStaff(bot.store, 'yamada');
    const staff = new StaffClient(base);
    await staff.signIn('yamada', 'wrong-password-in-log?');
    await staff.signIn('yamada');
    const sessionId = staff.cookies.get(SESSION_COOKIE)!;
    await staff.post('/staff/logout', { _csrf: 'bad' });
    await staff.post('/staff/logout', { _csrf: await staff.csrf() });
    const logged = logs.join('');
    expect(logged).toContain('staff signed in');
    expect(logged).toContain('staff sign-in failed');
    for (const secret of [STAFF_PASSWORD, 'wrong-password-in-log?', sessionId, encodeURIComponent(sessionId)])
      expect(logged).not.toContain(secret);
  });
});
