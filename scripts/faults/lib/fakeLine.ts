import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers a reply request: as LINE does, or with one of the faults the suite injects. */
export type LineBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; share: number; headers?: Record<string, string> }
  | { kind: 'hang'; share: number };

export interface ReplyRecord {
  /** Reply requests made with this token, whatever the fake answered. */
  requests: number;
  /** Requests the fake accepted (200): at most one, since LINE takes a reply token once. */
  accepted: number;
  /** The different message lists sent with this token: more than one means the event was decided twice. */
  contents: Set<string>;
}

/** A Messaging API stand-in on loopback: single-use reply tokens, injected faults, a record per reply token. */
export async function startFaultyLine(token: string) {
  const replies = new Map<string, ReplyRecord>();
  let behaviour: LineBehaviour = { kind: 'ok' };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-line-request-id': 'fake',
          ...headers,
        });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(401, { message: 'Authentication failed' });
      if (req.url !== '/v2/bot/message/reply') return send(200, {});
      let body: { replyToken?: unknown; messages?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, { message: 'The request body has 1 error(s)' });
      }
      const replyToken = String(body.replyToken ?? '');
      const record = replies.get(replyToken) ?? { requests: 0, accepted: 0, contents: new Set<string>() };
      replies.set(replyToken, record);
      record.requests++;
      record.contents.add(JSON.stringify(body.messages));
      if (behaviour.kind === 'hang' && Math.random() < behaviour.share) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (behaviour.kind === 'status' && Math.random() < behaviour.share) {
        return send(behaviour.status, { message: `fault ${behaviour.status}` }, behaviour.headers);
      }
      if (record.accepted > 0) return send(400, { message: 'Invalid reply token' });
      record.accepted++;
      send(200, { sentMessages: [] });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies,
    behave(next: LineBehaviour) {
      behaviour = next;
    },
    hangingNow: () => hanging.size,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export type FaultyLine = Awaited<ReturnType<typeof startFaultyLine>>;
