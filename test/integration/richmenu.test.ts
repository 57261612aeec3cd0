import { RICH_MENU, RICH_MENU_LIMITS, richMenuSchema } from '../../src/richmenu/definition';
import { RICH_MENU_ALIAS, richMenuApi } from '../../src/richmenu/deploy';
import { renderRichMenuImage } from '../../src/richmenu/image';
import { LineApiError } from '../../src/line/transport';
import { loadContent } from '../../src/content/load';
import { startFakeRichMenuApi } from '../helpers/fakeRichMenuApi';

describe('rich menu definition', () => {
  it('keeps within LINE’s limits, with every area inside the image', () => {
    expect(RICH_MENU.areas.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.maxAreas);
    expect(RICH_MENU.chatBarText.length).toBeLessThanOrEqual(14);
    for (const a of RICH_MENU.areas) {
      expect(a.bounds.x + a.bounds.width).toBeLessThanOrEqual(RICH_MENU.size.width);
      expect(a.bounds.y + a.bounds.height).toBeLessThanOrEqual(RICH_MENU.size.height);
      expect(a.action.data.length).toBeLessThanOrEqual(300);
    }
  });

  it('covers the whole image without overlaps and asks for a real answer unit from each area', () => {
    const area = RICH_MENU.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0);
    expect(area).toBe(RICH_MENU.size.width * RICH_MENU.size.height);
    const units = new Set(loadContent().knowledge.units.map((u) => u.id));
    for (const a of RICH_MENU.areas)
      expect(units.has(new URLSearchParams(a.action.data).get('unit') ?? '')).toBe(true);
    expect(RICH_MENU.areas.map((a) => a.action.label)).toEqual([
      '対象・ポイント',
      '受付時間・場所',
      '持ち物',
      '詐欺に注意',
      '電話で問い合わせ',
      'English',
    ]);
  });

  it('refuses a menu outside the limits', () => {
    const bad = {
      ...RICH_MENU,
      chatBarText: 'とても長いメニューの名前です！',
      areas: [{ ...RICH_MENU.areas[0]!, bounds: { x: 2000, y: 0, width: 600, height: 10 } }],
    };
    const result = richMenuSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(/chatBarText/);
    expect(messages).toMatch(/areas\.0\.bounds: area reaches outside the image/);
  });
});

describe('rich menu image', () => {
  it('is a 2500×1686 PNG under 1 MB', () => {
    const png = renderRichMenuImage(RICH_MENU);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(2500);
    expect(png.readUInt32BE(20)).toBe(1686);
    expect(png.length).toBeLessThan(1024 * 1024);
  });
});

describe('rich menu deploy', () => {
  it('creates, uploads, sets default and alias; deploying twice still leaves one menu; delete removes it', async () => {
    const fake = await startFakeRichMenuApi();
    try {
      const api = richMenuApi({
        channelAccessToken: 'test-token',
        apiBaseUrl: fake.baseUrl,
        dataApiBaseUrl: fake.baseUrl,
      });
      const png = renderRichMenuImage(RICH_MENU);
      const first = await api.deploy(RICH_MENU, png);
      expect(fake.defaultId()).toBe(first.richMenuId);
      expect(fake.images.get(first.richMenuId)).toEqual({ contentType: 'image/png', bytes: png.length });
      expect(fake.aliases.get(RICH_MENU_ALIAS)).toBe(first.richMenuId);

      const second = await api.deploy(RICH_MENU, png);
      expect(second.replaced).toEqual([first.richMenuId]);
      expect([...fake.menus.keys()]).toEqual([second.richMenuId]);
      expect(fake.defaultId()).toBe(second.richMenuId);
      expect(fake.aliases.get(RICH_MENU_ALIAS)).toBe(second.richMenuId);

      const listed = await api.list();
      expect(listed).toMatchObject({
        default: second.richMenuId,
        menus: [{ richMenuId: second.richMenuId, name: RICH_MENU.name, areas: 6 }],
      });

      expect(await api.remove(RICH_MENU.name)).toEqual([second.richMenuId]);
      expect(fake.menus.size).toBe(0);
      expect(fake.aliases.size).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('shows LINE’s message when LINE refuses', async () => {
    const fake = await startFakeRichMenuApi();
    try {
      const api = richMenuApi({
        channelAccessToken: 'wrong',
        apiBaseUrl: fake.baseUrl,
        dataApiBaseUrl: fake.baseUrl,
      });
      const error = await api.deploy(RICH_MENU, Buffer.from('')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LineApiError);
      expect((error as LineApiError).message).toMatch(/401.*Authentication failed/);
    } finally {
      await fake.close();
    }
  });
});
