import type { RunningBot } from '../../src/bot';
import { japanDay } from '../../src/staff/time';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { addStaff, StaffClient } from '../helpers/staffClient';

let line: FakeLine;
let bot: RunningBot;
let staff: StaffClient;

const DAY = 24 * 3600_000;

beforeAll(async () => {
  line = await startFakeLine();
  bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
  const ask = (text: string, daysAgo: number, route: 'hotline' | 'city' | null = 'hotline') =>
    bot.store.recordUnanswered({
      at: Date.now() - daysAgo * DAY,
      text,
      scores: [{ unit: 'points', score: 0.2 }],
      route,
    });
  await ask('マイナポイントの第3弾はありますか', 3);
  await ask('マイナポイントの第3弾はありますか？', 2, null);
  await ask('第3弾はありますか', 1);
  await ask('ふるさと納税したい<script>alert(1)</script>', 1, 'city');
  await ask('=HYPERLINK("http://evil")', 1, 'city');
  await ask('四十日前の質問です', 40);
  await addStaff(bot.store, 'yamada');
  staff = new StaffClient(`http://127.0.0.1:${bot.port}`);
  await staff.signIn('yamada');
});
afterAll(async () => {
  await bot.close();
  await line.close();
});

describe('staff console: unanswered questions', () => {
  it('shows the last 30 days grouped with counts, escaped, with the lines they were handed to', async () => {
    const page = await (await staff.get('/staff/unanswered')).text();
    expect(page).toContain('<strong>5件</strong>');
    expect(page).toContain('<strong>3グループ</strong>');
    expect(page).toContain('マイナポイントの第3弾はありますか');
    expect(page).toContain('国のコールセンター 2、記録なし 1');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('四十日前');
  });

  it('takes a date range in Japan days, and says when the range is wrong', async () => {
    const from = japanDay(Date.now() - 45 * DAY);
    const to = japanDay(Date.now() - 35 * DAY);
    const page = await (await staff.get(`/staff/unanswered?from=${from}&to=${to}`)).text();
    expect(page).toContain('<strong>1件</strong>');
    expect(page).toContain('四十日前の質問です');
    const wrong = await (await staff.get('/staff/unanswered?from=2023-13-40&to=x')).text();
    expect(wrong).toContain('期間の指定が正しくないため');
  });

  it('downloads the groups as CSV that Excel opens: UTF-8 with a BOM, CRLF, no formula', async () => {
    const response = await staff.get('/staff/unanswered.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="unanswered-.*\.csv"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const rows = text.split('\r\n');
    expect(rows[0]).toBe('件数,質問の例,ほかの例,案内先,近い話題,最後の質問（日本時間）,分類');
    expect(rows[1]).toMatch(/^3,マイナポイントの第3弾はありますか,/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('marks a group, lists it as marked, and records who did it', async () => {
    const token = await staff.csrf('/staff/unanswered');
    const marked = await staff.post('/staff/unanswered/mark', {
      _csrf: token,
      example: 'マイナポイントの第3弾はありますか',
      count: '3',
      mark: 'shouldAnswer',
    });
    expect(marked.status).toBe(303);
    const page = await (await staff.get('/staff/unanswered')).text();
    const markedSection = page.slice(page.indexOf('id="marked"'));
    expect(markedSection).toContain('回答すべき');
    expect(markedSection).toContain('マイナポイントの第3弾はありますか');
    expect((await bot.store.listAudit(1))[0]).toMatchObject({
      actor: 'yamada',
      action: 'groupMarked',
      target: 'マイナポイントの第3弾はありますか',
      detail: '回答すべき',
    });
    const csv = await (await staff.get('/staff/unanswered/marks.csv')).text();
    expect(csv).toContain('回答すべき,マイナポイントの第3弾はありますか,3,yamada,');
  });

  it('refuses a mark for text that is no stored question, or without its CSRF token', async () => {
    const token = await staff.csrf('/staff/unanswered');
    const forged = await staff.post('/staff/unanswered/mark', {
      _csrf: token,
      example: 'マイナンバーは123456789012です',
      count: '1',
      mark: 'handOff',
    });
    expect(forged.status).toBe(400);
    const noToken = await staff.post('/staff/unanswered/mark', {
      example: '第3弾はありますか',
      count: '1',
      mark: 'handOff',
    });
    expect(noToken.status).toBe(403);
    expect((await bot.store.listUnansweredMarks()).map((m) => m.mark)).toEqual(['shouldAnswer']);
  });
});
