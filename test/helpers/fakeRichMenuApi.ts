import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stateful stand-in for LINE's rich menu endpoints (Messaging API and data API on one port). */
export async function startFakeRichMenuApi(token = 'test-token') {
  const menus = new Map<
    string,
    { richMenuId: string; name: string; chatBarText: string; areas: unknown[] }
  >();
  const images = new Map<string, { contentType: string; bytes: number }>();
  const aliases = new Map<string, string>();
  let defaultId: string | null = null;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = () => JSON.parse(raw.toString('utf8'));
      const send = (status: number, body: object = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': `rm-${++seq}` });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(401, { message: 'Authentication failed' });
      const url = req.url ?? '';
      const method = req.method ?? '';
      let m: RegExpMatchArray | null;
      if (method === 'POST' && url === '/v2/bot/richmenu') {
        const body = json();
        if (String(body.chatBarText ?? '').length > 14) return send(400, { message: 'chatBarText too long' });
        const richMenuId = `richmenu-${++seq}`;
        menus.set(richMenuId, { richMenuId, ...body });
        return send(200, { richMenuId });
      }
      if (method === 'GET' && url === '/v2/bot/richmenu/list')
        return send(200, { richmenus: [...menus.values()] });
      if ((m = url.match(/^\/v2\/bot\/richmenu\/(richmenu-\d+)\/content$/)) && method === 'POST') {
        if (!menus.has(m[1]!)) return send(404, { message: 'Not found' });
        images.set(m[1]!, { contentType: req.headers['content-type'] ?? '', bytes: raw.length });
        return send(200);
      }
      if ((m = url.match(/^\/v2\/bot\/user\/all\/richmenu\/(.+)$/)) && method === 'POST') {
        if (!menus.has(m[1]!)) return send(400, { message: 'richmenu not found' });
        if (!images.has(m[1]!))
          return send(400, { message: 'An image has not been uploaded to the rich menu' });
        defaultId = m[1]!;
        return send(200);
      }
      if (url === '/v2/bot/user/all/richmenu' && method === 'GET') {
        return defaultId
          ? send(200, { richMenuId: defaultId })
          : send(404, { message: 'no default rich menu' });
      }
      if (url === '/v2/bot/richmenu/alias/list' && method === 'GET') {
        return send(200, {
          aliases: [...aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })),
        });
      }
      if (url === '/v2/bot/richmenu/alias' && method === 'POST') {
        const body = json();
        if (aliases.has(body.richMenuAliasId)) return send(400, { message: 'conflict richmenu alias id' });
        aliases.set(body.richMenuAliasId, body.richMenuId);
        return send(200);
      }
      if ((m = url.match(/^\/v2\/bot\/richmenu\/alias\/(.+)$/))) {
        if (!aliases.has(m[1]!)) return send(404, { message: 'alias not found' });
        if (method === 'POST') aliases.set(m[1]!, json().richMenuId);
        else if (method === 'DELETE') aliases.delete(m[1]!);
        return send(200);
      }
      if ((m = url.match(/^\/v2\/bot\/richmenu\/(richmenu-\d+)$/)) && method === 'DELETE') {
        if (!menus.delete(m[1]!)) return send(404, { message: 'Not found' });
        if (defaultId === m[1]) defaultId = null;
        return send(200);
      }
      send(404, { message: `fake has no ${method} ${url}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    menus,
    images,
    aliases,
    defaultId: () => defaultId,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
