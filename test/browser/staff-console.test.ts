import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningBot } from '../../src/bot';
import { japanDay } from '../../src/staff/time';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine, type FakeLine } from '../helpers/fakeLine';
import { addStaff, STAFF_PASSWORD } from '../helpers/staffClient';
import { chromiumUnavailable, launchChromium } from '../helpers/browser';
import { describeUnless } from '../helpers/skips';

const RESULTS = path.resolve(__dirname, '../../test-results');

describeUnless(chromiumUnavailable())('staff console in a real browser', () => {
  let line: FakeLine;
  let bot: RunningBot;
  let browser: Browser | null = null;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    line = await startFakeLine();
    bot = await startTestBot({
      lineBaseUrl: line.baseUrl,
      databaseUrl: `sqlite:${tempSqliteFile()}`,
      notices: { backoffBaseMs: 5, pollMs: 50 },
    });
    base = `http://127.0.0.1:${bot.port}`;
    for (const user of ['U1', 'U2', 'U3']) {
      await bot.store.setFollowing(user, true, 1);
      await bot.store.setTopicOptIn(user, 'mynapoint', true, 1);
    }
    const yesterday = Date.now() - 24 * 3600_000;
    for (const text of [
      'マイナポイントの第3弾はありますか',
      'マイナポイント第3弾はありますか？',
      'ふるさと納税したい',
    ])
      await bot.store.recordUnanswered({ at: yesterday, text, scores: [], route: 'hotline' });
    await addStaff(bot.store, 'yamada');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await bot.close();
    await line.close();
  });

  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS, `staff-${name}.png`), fullPage: true });

  async function compose(text: string, schedule?: string) {
    await page.getByRole('link', { name: 'お知らせ', exact: true }).click();
    await page.locator('#text').fill(text);
    await page.getByLabel('お知らせを希望した人').check();
    if (schedule) {
      await page.getByLabel('日時を指定して予約する').check();
      await page.locator('input[name="sendAt"]').first().fill(schedule);
    }
    await page.getByRole('button', { name: 'プレビューと送信先の人数を確認' }).click();
  }

  const status = () => page.locator('#notice-status').innerText();

  it('signs in, sends a notice and sees its batch sent, schedules and cancels another, and downloads the unanswered report', async () => {
    await page.goto(`${base}/staff`);
    await page.locator('#name').fill('yamada');
    await page.locator('#password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('heading', { name: '今日の様子' }).waitFor();
    // The page's own font (no system Japanese font is needed).
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toContain(
      'BIZ UDPGothic',
    );
    await shot('home');

    await compose('マイナポイントの申込みは\n5月31日までです。');
    await page.locator('.talk .msg').waitFor();
    expect(await page.locator('.talk .msg').innerText()).toBe('マイナポイントの申込みは\n5月31日までです。');
    expect(await page.locator('#audience-size').innerText()).toBe('3人');
    await shot('notice-preview');
    await page.locator('#confirm-send').click();
    await page.getByText('送信を受け付けました。').waitFor();
    for (let i = 0; (await status()) !== '送信済み'; i++) {
      if (i > 100) throw new Error(`notice still ${await status()}`);
      await page.waitForTimeout(100);
      await page.reload();
    }
    expect(await page.locator('#batches .badge').first().innerText()).toBe('送信済み');
    expect(line.calls.filter((c) => c.url === '/v2/bot/message/multicast')).toHaveLength(1);
    await shot('notice-sent');

    await compose('明日のお知らせ', `${japanDay(Date.now() + 24 * 3600_000)}T09:30`);
    await page.locator('#confirm-send').click();
    expect(await status()).toBe('予約済み');
    await page.locator('#cancel-notice').click();
    await page.getByText('取り消しました。').waitFor();
    expect(await status()).toBe('取り消し済み');

    await page.getByRole('link', { name: '答えられなかった質問' }).click();
    await page.locator('#groups').waitFor();
    expect(await page.locator('#groups tbody tr').count()).toBe(2);
    await shot('unanswered');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSVをダウンロード' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('マイナポイントの第3弾はありますか');

    await page.getByRole('link', { name: '操作記録' }).click();
    await page.getByText('お知らせ予約の取り消し').waitFor();

    // A phone: the same pages, one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'お知らせ', exact: true }).click();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot('notices-phone');
  }, 60_000);
});
