import { verifyPassword } from '../../src/staff/password';
import { SqliteStore } from '../../src/store/sqlite';
import { tempSqliteFile } from '../helpers/database';
import { runScript } from '../helpers/scripts';

const staff = (args: string[], env: Record<string, string>) =>
  runScript('scripts/staff.ts', args, { LOG_LEVEL: 'silent', ...env });

describe('npm run staff', () => {
  it('adds, lists, disables and enables accounts; the password is hashed and never printed', async () => {
    const file = tempSqliteFile();
    const env = { DATABASE_URL: `sqlite:${file}`, STAFF_PASSWORD: 'a-long-enough-secret' };
    const added = await staff(['add', 'yamada'], env);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('アカウント「yamada」を作りました');
    expect(await staff(['add', 'yamada'], env)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('すでにあります'),
    });
    expect(await staff(['add', 'sato'], { ...env, STAFF_PASSWORD: 'short' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('10文字以上'),
    });
    expect(await staff(['add', 'bad name'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('使えません'),
    });
    expect(await staff(['remove', 'yamada'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('使い方'),
    });
    expect((await staff(['disable', 'yamada'], env)).stdout).toContain('停止しました');
    const listed = await staff(['list'], env);
    expect(listed.stdout).toMatch(/^yamada\t停止中\t作成 \d{4}\/\d{2}\/\d{2}\(.\) \d{2}:\d{2}$/m);
    expect((await staff(['enable', 'yamada'], env)).stdout).toContain('有効に戻しました');
    expect(await staff(['disable', 'nobody'], env)).toMatchObject({ code: 1 });
    for (const r of [added, listed]) expect(r.stdout + r.stderr).not.toContain('a-long-enough-secret');

    const store = new SqliteStore(file);
    const account = await store.getStaffAccount('yamada');
    await store.close();
    expect(account).toMatchObject({ disabled: false });
    expect(account!.passwordHash).toMatch(/^scrypt\$/);
    expect(account!.passwordHash).not.toContain('a-long-enough-secret');
    expect(await verifyPassword('a-long-enough-secret', account!.passwordHash)).toBe(true);
    expect(await verifyPassword('a-long-enough-secreT', account!.passwordHash)).toBe(false);
  });

  it('without STAFF_PASSWORD and without a terminal, says how to give the password', async () => {
    const r = await staff(['add', 'yamada'], { DATABASE_URL: `sqlite:${tempSqliteFile()}` });
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('STAFF_PASSWORD') });
  });
});
