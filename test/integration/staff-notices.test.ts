import type { RunningBot } from '../../src/bot';
import { japanDay } from '../../src/staff/time';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { addStaff, StaffClient } from '../helpers/staffClient';

let line: FakeLine;
let bot: RunningBot;
let staff: StaffClient;

beforeAll(async () => {
  line = await startFakeLine();
  bot = await startTestBot({
    lineBaseUrl: line.baseUrl,
    databaseUrl: `sqlite:${tempSqliteFile()}`,
    notices: { backoffBaseMs: 5, pollMs: 50, maxAttempts: 2 },
  });
  for (const user of ['U1', 'U2', 'U3']) await bot.store.setFollowing(user, true, 1);
  await bot.store.setTopicOptIn('U1', 'mynapoint', true, 1);
  await bot.store.setTopicOptIn('U2', 'mynapoint', true, 1);
  await addStaff(bot.store, 'yamada');
  staff = new StaffClient(`http://127.0.0.1:${bot.port}`);
  await staff.signIn('yamada');
});
afterAll(async () => {
  await bot.close();
  await line.close();
});

const draftOf = (page: string) => /name="draft" value="([^"]+)"/.exec(page)![1]!;

async function preview(fields: Record<string, string>) {
  const form = await (await staff.get('/staff/notices')).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  const response = await staff.post('/staff/notices/preview', {
    _csrf: token,
    draft: draftOf(form),
    ...fields,
  });
  return { response, page: await response.text(), token };
}

async function settled(id: string): Promise<string> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const page = await (await staff.get(`/staff/notices/${id}`)).text();
    if (!/id="notice-status">(送信待ち|送信中)</.test(page)) return page;
    if (Date.now() > deadline) throw new Error(`notice ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('staff console: notices', () => {
  it('previews a notice as the talk screen draws it, escaped, with the audience size', async () => {
    const { response, page } = await preview({
      text: '申込みは<b>5月31日</b>まで',
      audience: 'topic',
      when: 'now',
    });
    expect(response.status).toBe(200);
    expect(page).toContain('<div class="msg">申込みは&lt;b&gt;5月31日&lt;/b&gt;まで</div>');
    expect(page).toContain('id="audience-size">2人<');
    const all = await preview({ text: 'お知らせ', audience: 'all', when: 'now' });
    expect(all.page).toContain('id="audience-size">3人<');
    expect(all.page).toContain('name="confirmAll"');
  });

  it('says in Japanese what is wrong with a draft', async () => {
    const empty = await preview({ text: ' ', audience: 'topic', when: 'now' });
    expect(empty.response.status).toBe(400);
    expect(empty.page).toContain('本文を入力してください。');
    const past = await preview({ text: 'x', audience: 'topic', when: 'later', sendAt: '2020-01-01T09:00' });
    expect(past.page).toContain('予約日時が過ぎています');
    const long = await preview({ text: 'あ'.repeat(5001), audience: 'topic', when: 'now' });
    expect(long.page).toContain('5,000文字以内');
  });

  it('sends to the topic through the dispatcher, once however often the button is pressed, and shows the batch sent', async () => {
    const { page, token } = await preview({ text: '申込みは5月31日まで', audience: 'topic', when: 'now' });
    const fields = {
      _csrf: token,
      draft: draftOf(page),
      text: '申込みは5月31日まで',
      audience: 'topic',
      when: 'now',
    };
    const sent = await staff.post('/staff/notices', fields);
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    const id = /\/staff\/notices\/([^?]+)/.exec(location)![1]!;
    expect((await staff.post('/staff/notices', fields)).headers.get('location')).toBe(`/staff/notices/${id}`);
    const detail = await settled(id);
    expect(detail).toContain('id="notice-status">送信済み<');
    expect(detail).toMatch(/<span class="badge sent">送信済み<\/span>/);
    const multicasts = line.calls.filter((c) => c.url === '/v2/bot/message/multicast');
    expect(multicasts).toHaveLength(1);
    expect((multicasts[0]!.body as { to: string[] }).to.sort()).toEqual(['U1', 'U2']);
    expect((await bot.store.listNotices(10)).filter((n) => n.id === id)).toHaveLength(1);
    expect((await bot.store.listAudit(5)).find((a) => a.target === id)).toMatchObject({
      actor: 'yamada',
      action: 'noticeSent',
    });
  });

  it('asks a second time before sending to every friend, and shows LINE’s reason when a batch fails', async () => {
    const { page, token } = await preview({ text: '全員へ', audience: 'all', when: 'now' });
    const fields = { _csrf: token, draft: draftOf(page), text: '全員へ', audience: 'all', when: 'now' };
    const unconfirmed = await staff.post('/staff/notices', fields);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('確認のチェックを入れてください');
    expect(line.calls.filter((c) => c.url === '/v2/bot/message/broadcast')).toHaveLength(0);
    line.failNext(400, { message: 'The request body has 1 error(s)' });
    const sent = await staff.post('/staff/notices', { ...fields, confirmAll: 'yes' });
    const id = /\/staff\/notices\/([^?]+)/.exec(sent.headers.get('location')!)![1]!;
    const detail = await settled(id);
    expect(detail).toContain('id="notice-status">失敗<');
    expect(detail).toContain('The request body has 1 error(s)');
  });

  it('schedules a notice, and cancels it before it goes out', async () => {
    const tomorrow = `${japanDay(Date.now() + 24 * 3600_000)}T09:30`;
    const { page, token } = await preview({
      text: '明日のお知らせ',
      audience: 'topic',
      when: 'later',
      sendAt: tomorrow,
    });
    expect(page).toContain('09:30に予約');
    const fields = {
      _csrf: token,
      draft: draftOf(page),
      text: '明日のお知らせ',
      audience: 'topic',
      when: 'later',
      sendAt: tomorrow,
    };
    const scheduled = await staff.post('/staff/notices', fields);
    const id = /\/staff\/notices\/([^?]+)/.exec(scheduled.headers.get('location')!)![1]!;
    const detail = await (await staff.get(`/staff/notices/${id}`)).text();
    expect(detail).toContain('id="notice-status">予約済み<');
    expect(detail).toContain('id="cancel-notice"');
    expect((await staff.post(`/staff/notices/${id}/cancel`, {})).status).toBe(403);
    const cancelled = await staff.post(`/staff/notices/${id}/cancel`, { _csrf: token });
    expect(cancelled.status).toBe(303);
    const after = await (await staff.get(`/staff/notices/${id}`)).text();
    expect(after).toContain('id="notice-status">取り消し済み<');
    expect(after).not.toContain('id="cancel-notice"');
    expect(await bot.store.getNotice(id)).toMatchObject({ status: 'cancelled' });
    const actions = (await bot.store.listAudit(10)).filter((a) => a.target === id).map((a) => a.action);
    expect(actions).toEqual(['noticeCancelled', 'noticeScheduled']);
    const again = await staff.post(`/staff/notices/${id}/cancel`, { _csrf: token });
    expect(again.status).toBe(409);
  });
});
