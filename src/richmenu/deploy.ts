import { messagingApi } from '@line/bot-sdk';
import { withDeadline } from '../line/deadline';
import { toLineApiError } from '../line/transport';
import type { RichMenu } from './definition';

export const RICH_MENU_ALIAS = 'mynapoint-main';

export interface RichMenuApiOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  /** Per call to LINE; the image upload is the slowest (up to 1 MB). */
  timeoutMs?: number;
}

/** Long enough for an image upload on a slow line, short enough that a hung deploy ends with a message. */
export const DEFAULT_RICH_MENU_TIMEOUT_MS = 30_000;

export interface DeployedMenu {
  richMenuId: string;
  replaced: string[];
}

export function richMenuApi(o: RichMenuApiOptions) {
  const timeoutMs = o.timeoutMs ?? DEFAULT_RICH_MENU_TIMEOUT_MS;
  /** LINE's errors carry their message and request id; callers print them as they are. */
  const line = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(timeoutMs, call);
    } catch (error) {
      throw toLineApiError(error);
    }
  };
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: o.channelAccessToken,
    baseURL: o.apiBaseUrl,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: o.channelAccessToken,
    baseURL: o.dataApiBaseUrl,
  });

  const menusNamed = async (name: string) =>
    (await line(() => client.getRichMenuList())).richmenus
      .filter((m) => m.name === name)
      .map((m) => m.richMenuId);

  return {
    /**
     * Creates the menu, uploads its image, makes it the default and points the alias at it, then removes the
     * earlier menus of the same name: deploying twice leaves one menu.
     */
    async deploy(menu: RichMenu, png: Buffer): Promise<DeployedMenu> {
      const earlier = await menusNamed(menu.name);
      const { richMenuId } = await line(() => client.createRichMenu(menu));
      await line(() => blob.setRichMenuImage(richMenuId, new Blob([png], { type: 'image/png' })));
      await line(() => client.setDefaultRichMenu(richMenuId));
      const aliases = (await line(() => client.getRichMenuAliasList())).aliases;
      if (aliases.some((a) => a.richMenuAliasId === RICH_MENU_ALIAS)) {
        await line(() => client.updateRichMenuAlias(RICH_MENU_ALIAS, { richMenuId }));
      } else {
        await line(() => client.createRichMenuAlias({ richMenuAliasId: RICH_MENU_ALIAS, richMenuId }));
      }
      for (const id of earlier) await line(() => client.deleteRichMenu(id));
      return { richMenuId, replaced: earlier };
    },

    async list() {
      const [menus, aliases] = await Promise.all([
        line(() => client.getRichMenuList()),
        line(() => client.getRichMenuAliasList()),
      ]);
      const defaultId = await withDeadline(timeoutMs, () => client.getDefaultRichMenuId()).then(
        (r) => r.richMenuId,
        () => null, // 404 when no default is set
      );
      return {
        default: defaultId,
        menus: menus.richmenus.map((m) => ({
          richMenuId: m.richMenuId,
          name: m.name,
          chatBarText: m.chatBarText,
          areas: m.areas.length,
        })),
        aliases: aliases.aliases,
      };
    },

    /** Deletes every menu of this name and the alias. */
    async remove(name: string): Promise<string[]> {
      const ids = await menusNamed(name);
      const aliases = (await line(() => client.getRichMenuAliasList())).aliases;
      if (aliases.some((a) => a.richMenuAliasId === RICH_MENU_ALIAS))
        await line(() => client.deleteRichMenuAlias(RICH_MENU_ALIAS));
      for (const id of ids) await line(() => client.deleteRichMenu(id));
      return ids;
    },
  };
}
