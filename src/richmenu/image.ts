import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { RichMenu } from './definition';

const FONT_FAMILY = 'BIZ UDPGothic';
let fontRegistered = false;

/** No Japanese system fonts are assumed anywhere: the font comes from npm, like the chat page's. */
function registerFont(): void {
  if (fontRegistered) return;
  const dir = path.dirname(require.resolve('@fontsource/biz-udpgothic/package.json'));
  for (const file of ['biz-udpgothic-japanese-700-normal.woff2', 'biz-udpgothic-latin-700-normal.woff2']) {
    if (!GlobalFonts.registerFromPath(path.join(dir, 'files', file), FONT_FAMILY)) {
      throw new Error(`could not load the rich menu font ${file}`);
    }
  }
  fontRegistered = true;
}

const TILE_COLOURS = ['#E8F7EE', '#E6F0FB', '#FFF4E0', '#FDEAEA', '#EEF0F3', '#F1ECFA'];
const TEXT = '#1F2933';
const BORDER = '#FFFFFF';

/** Draws the menu from its definition: one tile per area, its label centred, in PNG at the menu's size. */
export function renderRichMenuImage(menu: RichMenu): Buffer {
  registerFont();
  const { width, height } = menu.size;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = BORDER;
  ctx.fillRect(0, 0, width, height);
  menu.areas.forEach((area, i) => {
    const { x, y, width: w, height: h } = area.bounds;
    ctx.fillStyle = TILE_COLOURS[i % TILE_COLOURS.length]!;
    ctx.fillRect(x + 6, y + 6, w - 12, h - 12);
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    // Shrink a long label until it fits the tile with a margin.
    let size = 120;
    ctx.font = `bold ${size}px "${FONT_FAMILY}"`;
    while (ctx.measureText(area.action.label).width > w - 120 && size > 40) {
      size -= 6;
      ctx.font = `bold ${size}px "${FONT_FAMILY}"`;
    }
    ctx.fillText(area.action.label, x + w / 2, y + h / 2);
  });
  return canvas.toBuffer('image/png');
}
