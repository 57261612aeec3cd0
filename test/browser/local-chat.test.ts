import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startBot, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { startTestBot } from '../helpers/bot';
import { tempSqliteFile } from '../helpers/database';
import { startFakeLine } from '../helpers/fakeLine';
import { chromiumUnavailable, launchChromium } from '../helpers/browser';
import { describeUnless } from '../helpers/skips';

const RESULTS = path.resolve(__dirname, '../../test-results');

describeUnless(chromiumUnavailable())('local chat in a real browser', () => {
  let bot: RunningBot;
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    // No LINE credentials: local mode, exactly as `npm start` on a fresh clone.
    const config = parseConfig(
      {
        PORT: '0',
        DATABASE_URL: `sqlite:${tempSqliteFile()}`,
        BOT_NOW: '2023-04-12T10:00:00+09:00',
        LOG_LEVEL: 'silent',
      },
      () => 'local-secret-for-the-test',
    );
    expect(config.localMode).toBe(true);
    bot = await startBot(config, { logger: pino({ level: 'silent' }) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(10_000);
    // The page runs under its Content-Security-Policy: anything it refuses shows here, and fails the test.
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  const lastBot = () => page.locator('.row.bot').last();
  const tapChip = async (label: string) => page.locator('#chips .chip', { hasText: label }).first().click();

  it('chats, taps quick replies and the rich menu, sets the clock, and finishes the interview by taps alone', async () => {
    await page.goto(`http://127.0.0.1:${bot.port}/`);
    await page.getByText('マイナポイント案内です').first().waitFor();

    await page.locator('#say').fill('受付時間を教えてください');
    await page.locator('#say').press('Enter');
    await lastBot().getByText('8時30分〜11時30分').waitFor();

    await tapChip('持ち物');
    await lastBot()
      .getByText(/・マイナンバーカード/)
      .waitFor();

    await page.locator('.rm-area', { hasText: '対象・ポイント' }).click();
    await lastBot()
      .getByText(/最大20,000ポイント/)
      .waitFor();
    await tapChip('対象か調べる');
    await lastBot()
      .getByText(/申請しましたか/)
      .waitFor();
    await tapChip('2月末までに申請した');
    await lastBot().getByText(/第1弾/).waitFor();
    await tapChip('いいえ');
    await lastBot()
      .getByText(/健康保険証/)
      .waitFor();
    await tapChip('はい');
    await lastBot()
      .getByText(/公金受取口座/)
      .waitFor();
    await tapChip('はい');
    await page.locator('.bubble', { hasText: '最大 20,000円相当' }).waitFor();
    // The resident's taps show as their own bubbles, on the right.
    await page.locator('.row.me .msg', { hasText: '2月末までに申請した' }).waitFor();

    await page.locator('#clock-label').click();
    await page.locator('#clock-input').fill('2023-04-22T10:00');
    await page.locator('#clock-set').click();
    await page.locator('#clock-label', { hasText: '2023/04/22(土) 10:00' }).waitFor();
    await page.locator('#clock-label').click();
    await page.locator('#say').fill('今から窓口に行けますか');
    await page.locator('#say').press('Enter');
    await lastBot()
      .getByText(/土曜日のため、窓口はお休み/)
      .waitFor();
    await lastBot()
      .getByText(/4月24日（月）/)
      .waitFor();

    // Japanese is drawn with the served web font, not boxes.
    await page.evaluate('document.fonts.ready.then(() => true)');
    expect(await page.evaluate(`document.fonts.check('16px "BIZ UDPGothic"', 'マイナポイント')`)).toBe(true);
    // The clock panel's buttons too, and the panel stays inside the phone frame on a desktop-wide window.
    expect(
      await page.evaluate<string>(`getComputedStyle(document.getElementById('clock-set')).fontFamily`),
    ).toContain('BIZ UDPGothic');
    // The newest reply is not hidden behind the quick-reply row.
    if (await page.locator('#chips .chip').count()) {
      const reply = (await lastBot().boundingBox())!;
      const chipRow = (await page.locator('#chips').boundingBox())!;
      expect(reply.y + reply.height).toBeLessThanOrEqual(chipRow.y + 1);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('#clock-label').click();
    const panel = (await page.locator('.clock-panel').boundingBox())!;
    const phone = (await page.locator('.phone').boundingBox())!;
    expect(panel.x + panel.width).toBeLessThanOrEqual(phone.x + phone.width);
    // One click back inside the programme.
    await page.locator('#clock-demo', { hasText: '受付期間中（2023/04/12(水) 10:00）にする' }).click();
    await page.locator('#clock-label', { hasText: '2023/04/12(水) 10:00' }).waitFor();
    await page.locator('#clock-label').click();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(refused).toEqual([]);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'local-chat.png'), fullPage: false });
  }, 60_000);
});

describe('local mode cannot be switched on by a request', () => {
  it('serves no chat page, send or clock endpoint when LINE credentials are set', async () => {
    const line = await startFakeLine();
    const bot = await startTestBot({ lineBaseUrl: line.baseUrl, databaseUrl: `sqlite:${tempSqliteFile()}` });
    try {
      const base = `http://127.0.0.1:${bot.port}`;
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/local/config`)).status).toBe(404);
      const post = (p: string, body: object) =>
        fetch(`${base}${p}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/local/send', { kind: 'follow', userId: `U${'0'.repeat(32)}` })).status).toBe(404);
      expect((await post('/local/clock', { now: '2023-04-22T10:00:00+09:00' })).status).toBe(404);
      expect(line.replies()).toHaveLength(0);
    } finally {
      await bot.close();
      await line.close();
    }
  });

  it('checks what the page sends', async () => {
    const config = parseConfig(
      { PORT: '0', DATABASE_URL: `sqlite:${tempSqliteFile()}`, LOG_LEVEL: 'silent' },
      () => 's',
    );
    const bot = await startBot(config, { logger: pino({ level: 'silent' }) });
    try {
      const post = (p: string, body: object) =>
        fetch(`http://127.0.0.1:${bot.port}${p}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/local/send', { kind: 'text', userId: 'nobody', text: 'x' })).status).toBe(400);
      expect((await post('/local/clock', { now: '2023-04-22 10:00' })).status).toBe(400);
      const ok = await post('/local/clock', { now: '2023-04-22T10:00:00+09:00' });
      expect(await ok.json()).toEqual({ clock: '2023-04-22T01:00:00.000Z' });
    } finally {
      await bot.close();
    }
  });
});
