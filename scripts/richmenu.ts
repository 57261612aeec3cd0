/**
 * `npm run richmenu -- preview [--out DIR] | deploy | list | delete`: the rich menu defined in
 * src/richmenu/definition.ts, its image drawn from that definition. deploy, list and delete use
 * LINE_CHANNEL_ACCESS_TOKEN (and LINE_API_BASE_URL / LINE_DATA_API_BASE_URL when set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineApiError } from '../src/line/transport';
import { RICH_MENU } from '../src/richmenu/definition';
import { richMenuApi } from '../src/richmenu/deploy';
import { renderRichMenuImage } from '../src/richmenu/image';
import { readCommandLine, usageError } from './lib/cli';

const COMMAND_LINE = {
  usage: [
    'usage: npm run richmenu -- preview [--out DIR]   write the menu and its image to DIR (richmenu-preview); calls nothing',
    '       npm run richmenu -- deploy                create it, upload the image, make it the default, point the alias',
    '       npm run richmenu -- list                  menus, aliases and the default on the channel',
    '       npm run richmenu -- delete                remove this menu and its alias',
    'deploy, list and delete use LINE_CHANNEL_ACCESS_TOKEN.',
  ].join('\n'),
  language: 'en',
  positionals: true,
  options: { out: { type: 'string' } },
} as const;

function api() {
  const channelAccessToken = process.env.LINE_CHANNEL_ACCESS_TOKEN;
  if (!channelAccessToken) throw new Error('LINE_CHANNEL_ACCESS_TOKEN is not set (preview needs none)');
  return richMenuApi({
    channelAccessToken,
    apiBaseUrl: process.env.LINE_API_BASE_URL || 'https://api.line.me',
    dataApiBaseUrl: process.env.LINE_DATA_API_BASE_URL || 'https://api-data.line.me',
  });
}

async function main() {
  const { values, positionals } = readCommandLine(COMMAND_LINE);
  const [command, ...extra] = positionals;
  if (extra.length) usageError(COMMAND_LINE, `unexpected argument "${extra[0]}"`);
  if (values.out !== undefined && command !== 'preview') usageError(COMMAND_LINE, '--out goes with preview');
  switch (command) {
    case 'preview': {
      const out = values.out || 'richmenu-preview';
      fs.mkdirSync(out, { recursive: true });
      const png = renderRichMenuImage(RICH_MENU);
      fs.writeFileSync(path.join(out, 'richmenu.json'), `${JSON.stringify(RICH_MENU, null, 2)}\n`);
      fs.writeFileSync(path.join(out, 'richmenu.png'), png);
      console.log(
        `wrote ${path.join(out, 'richmenu.json')} and ${path.join(out, 'richmenu.png')} (${png.length} bytes)`,
      );
      return;
    }
    case 'deploy': {
      const result = await api().deploy(RICH_MENU, renderRichMenuImage(RICH_MENU));
      console.log(
        `deployed ${result.richMenuId} as the default menu${result.replaced.length ? `; removed ${result.replaced.join(', ')}` : ''}`,
      );
      return;
    }
    case 'list':
      console.log(JSON.stringify(await api().list(), null, 2));
      return;
    case 'delete': {
      const removed = await api().remove(RICH_MENU.name);
      console.log(removed.length ? `deleted ${removed.join(', ')}` : `no menu named ${RICH_MENU.name}`);
      return;
    }
    default:
      usageError(COMMAND_LINE, command ? `unknown command "${command}"` : 'which command?');
  }
}

main().catch((error) => {
  console.error(
    error instanceof LineApiError
      ? `LINE refused: ${error.message}`
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exit(1);
});
