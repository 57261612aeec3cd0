import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine } from '../helpers/fakeLine';
import { startFakeRichMenuApi } from '../helpers/fakeRichMenuApi';
import { runScript } from '../helpers/scripts';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run report -- unanswered', () => {
  it('prints the questions the bot handed to a phone line, grouped by similarity with counts and lines', async () => {
    const file = tempSqliteFile();
    const store = new SqliteStore(file);
    await store.migrate();
    const day = Date.parse('2023-04-10T12:00:00+09:00');
    const ask = (text: string, route: 'hotline' | 'city' | null = 'hotline', at = day) =>
      store.recordUnanswered({ at, text, scores: [{ unit: 'points', score: 0.2 }], route });
    await ask('マイナポイントの第3弾はありますか');
    await ask('マイナポイント第3弾はあるの？', null);
    await ask('第3弾はありますか');
    await ask('ふるさと納税したい', 'city');
    await ask('ずっと前の質問', 'hotline', Date.parse('2023-03-01T12:00:00+09:00'));
    await store.close();

    const r = await runScript('scripts/report.ts', ['unanswered', '--since', '2023-04-01'], {
      DATABASE_URL: `sqlite:${file}`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/since 2023-04-01 \(Asia\/Tokyo\): 4, in 2 groups/);
    expect(r.stdout).toMatch(/by line: hotline 2, unknown 1, city 1/);
    expect(r.stdout).toMatch(
      / {3}3 × マイナポイントの第3弾はありますか\n(.*\n){2} +handed to: hotline 2, unknown 1\n/,
    );
    expect(r.stdout).toMatch(/ {3}1 × ふるさと納税したい\n +handed to: city 1\n/);
    expect(r.stdout).not.toMatch(/ずっと前/);

    const bad = await runScript('scripts/report.ts', ['unanswered', '--since', 'April'], {
      DATABASE_URL: `sqlite:${file}`,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since wants a date/);
  }, 30_000);
});

describe('npm run notice', () => {
  it('sends a notice file through the admin API, with a dry run first', async () => {
    const line = await startFakeLine();
    const bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      env: { ADMIN_TOKEN: 'a-long-admin-token-for-tests' },
    });
    try {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notice-')), 'notice.json');
      const notice = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/notice.example.json'), 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...notice, audience: { kind: 'all' }, sendAt: undefined }));
      const env = { BOT_URL: `http://127.0.0.1:${bot.port}`, ADMIN_TOKEN: 'a-long-admin-token-for-tests' };

      const dry = await runScript('scripts/notice.ts', ['--file', file, '--dry-run'], env);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, endpoint: 'broadcast' });

      const sent = await runScript('scripts/notice.ts', ['--file', file], env);
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.stdout)).toMatchObject({ status: 'queued' });

      const wrong = await runScript('scripts/notice.ts', ['--file', file], {
        ...env,
        ADMIN_TOKEN: 'not-the-token-at-all',
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/refused \(401\)/);

      fs.writeFileSync(file, JSON.stringify({ ...notice, sender: '' }));
      const invalid = await runScript('scripts/notice.ts', ['--file', file], env);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toMatch(/sender/);
    } finally {
      await bot.close();
      await line.close();
    }
  }, 30_000);
});

describe('npm run richmenu', () => {
  it('previews without LINE, deploys twice to one menu, and shows LINE errors', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'richmenu-'));
    const preview = await runScript('scripts/richmenu.ts', ['preview', '--out', out], {});
    expect(preview.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'richmenu.png')).readUInt32BE(16)).toBe(2500);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'richmenu.json'), 'utf8')).areas).toHaveLength(6);

    const fake = await startFakeRichMenuApi();
    try {
      const env = {
        LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
        LINE_API_BASE_URL: fake.baseUrl,
        LINE_DATA_API_BASE_URL: fake.baseUrl,
      };
      expect((await runScript('scripts/richmenu.ts', ['deploy'], env)).stdout).toMatch(
        /deployed richmenu-\d+ as the default menu/,
      );
      expect((await runScript('scripts/richmenu.ts', ['deploy'], env)).stdout).toMatch(/removed richmenu-/);
      expect(fake.menus.size).toBe(1);
      const listed = await runScript('scripts/richmenu.ts', ['list'], env);
      expect(JSON.parse(listed.stdout).menus).toHaveLength(1);
      const refused = await runScript('scripts/richmenu.ts', ['deploy'], {
        ...env,
        LINE_CHANNEL_ACCESS_TOKEN: 'wrong',
      });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/LINE refused: LINE API 401.*Authentication failed/);
      expect((await runScript('scripts/richmenu.ts', ['delete'], env)).stdout).toMatch(/deleted richmenu-/);
      expect(fake.menus.size).toBe(0);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
