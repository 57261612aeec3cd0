import { z } from 'zod';

/** LINE's rich menu limits (Messaging API reference). */
export const RICH_MENU_LIMITS = {
  maxAreas: 20,
  chatBarTextChars: 14,
  postbackDataChars: 300,
  labelChars: 20,
};

const bounds = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const area = z.object({
  bounds,
  action: z.object({
    type: z.literal('postback'),
    label: z.string().min(1).max(RICH_MENU_LIMITS.labelChars),
    data: z.string().min(1).max(RICH_MENU_LIMITS.postbackDataChars),
    displayText: z.string().min(1).max(300),
  }),
});

export const richMenuSchema = z
  .object({
    size: z.object({ width: z.literal(2500), height: z.union([z.literal(1686), z.literal(843)]) }),
    selected: z.boolean(),
    name: z.string().min(1).max(300),
    chatBarText: z.string().min(1).max(RICH_MENU_LIMITS.chatBarTextChars),
    areas: z.array(area).min(1).max(RICH_MENU_LIMITS.maxAreas),
  })
  .superRefine((menu, ctx) => {
    menu.areas.forEach((a, i) => {
      const { x, y, width, height } = a.bounds;
      if (x + width > menu.size.width || y + height > menu.size.height) {
        ctx.addIssue({
          code: 'custom',
          path: ['areas', i, 'bounds'],
          message: 'area reaches outside the image',
        });
      }
    });
  });

export type RichMenu = z.infer<typeof richMenuSchema>;

/** Each area sends the same postback as the quick reply for that answer unit, so it answers the same way. */
const TILES: { label: string; data: string }[] = [
  { label: '対象・ポイント', data: 'unit=points.overview' },
  { label: '受付時間・場所', data: 'unit=counter.hours' },
  { label: '持ち物', data: 'unit=items.overview' },
  { label: '詐欺に注意', data: 'unit=fraud.overview' },
  { label: '電話で問い合わせ', data: 'unit=contact.hotline' },
  { label: 'English', data: 'unit=contact.multilingual&lang=en' },
];

const COLUMNS = 3;
const TILE_WIDTH = Math.floor(2500 / COLUMNS);
const TILE_HEIGHT = 1686 / 2;

export const RICH_MENU: RichMenu = richMenuSchema.parse({
  size: { width: 2500, height: 1686 },
  selected: true,
  name: 'mynapoint-main-v1',
  chatBarText: 'メニュー',
  areas: TILES.map((tile, i) => ({
    bounds: {
      x: (i % COLUMNS) * TILE_WIDTH,
      y: Math.floor(i / COLUMNS) * TILE_HEIGHT,
      // The last column takes the pixel left over by the integer division.
      width: i % COLUMNS === COLUMNS - 1 ? 2500 - (COLUMNS - 1) * TILE_WIDTH : TILE_WIDTH,
      height: TILE_HEIGHT,
    },
    action: { type: 'postback', label: tile.label, data: tile.data, displayText: tile.label },
  })),
});
