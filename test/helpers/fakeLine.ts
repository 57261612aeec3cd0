import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
  /** The status the fake answered with; 0 while it has not answered (see `neverAnswerNext`). */
  status: number;
  /** For a request left unanswered: the caller gave up and closed the connection. */
  abandoned?: boolean;
}

export interface FakeLine {
  baseUrl: string;
  calls: RecordedCall[];
  replies(): { replyToken: string; messages: { type: string; text?: string; altText?: string }[] }[];
  /** Users who are not friends of the account: the profile endpoint answers 404 for them, as LINE does. */
  notFriends: Set<string>;
  /** Answers the next request with this status (and headers) instead of 200. */
  failNext(status: number, body?: object, headers?: Record<string, string>): void;
  /** Leaves the next request unanswered (a hung LINE), until the caller gives up or the fake is closed. */
  neverAnswerNext(): void;
  waitForReplies(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A Messaging API stand-in on loopback that records every call, like the acceptance harness's fake. */
export async function startFakeLine(token = 'test-token'): Promise<FakeLine> {
  const calls: RecordedCall[] = [];
  const notFriends = new Set<string>();
  const failures: ({ status: number; body: object; headers: Record<string, string> } | 'hang')[] = [];
  let waiters: (() => void)[] = [];
  let requestSeq = 0;
  // LINE takes a reply token once: a second reply with it is refused, whoever sends it.
  const usedReplyTokens = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* kept as text */
      }
      const requestId = `req-${++requestSeq}`;
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'content-type': 'application/json', 'x-line-request-id': requestId });
        res.end(JSON.stringify({ message: 'Authentication failed' }));
        return;
      }
      const failure = failures.shift();
      const call = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      };
      if (failure === 'hang') {
        const hung: RecordedCall = { ...call, status: 0, abandoned: false };
        calls.push(hung);
        res.on('close', () => (hung.abandoned = !res.writableFinished));
        return;
      }
      if (failure) {
        calls.push({ ...call, status: failure.status });
        res.writeHead(failure.status, {
          'content-type': 'application/json',
          'x-line-request-id': requestId,
          ...failure.headers,
        });
        res.end(JSON.stringify(failure.body));
        return;
      }
      const profileOf = /^\/v2\/bot\/profile\/([^/?]+)$/.exec(call.url)?.[1];
      if (profileOf && notFriends.has(decodeURIComponent(profileOf))) {
        calls.push({ ...call, status: 404 });
        res.writeHead(404, { 'content-type': 'application/json', 'x-line-request-id': requestId });
        res.end(JSON.stringify({ message: 'Not found' }));
        return;
      }
      const replyToken = (body as { replyToken?: unknown } | null)?.replyToken;
      if (req.url === '/v2/bot/message/reply' && typeof replyToken === 'string') {
        if (usedReplyTokens.has(replyToken)) {
          calls.push({ ...call, status: 400 });
          res.writeHead(400, { 'content-type': 'application/json', 'x-line-request-id': requestId });
          res.end(JSON.stringify({ message: 'Invalid reply token' }));
          return;
        }
        usedReplyTokens.add(replyToken);
      }
      calls.push({ ...call, status: 200 });
      res.writeHead(200, { 'content-type': 'application/json', 'x-line-request-id': requestId });
      res.end(
        JSON.stringify(
          profileOf
            ? { userId: decodeURIComponent(profileOf), displayName: '熱海 花子' }
            : { sentMessages: [] },
        ),
      );
      const ready = waiters;
      waiters = [];
      ready.forEach((w) => w());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const replies = () =>
    calls
      .filter((c) => c.url === '/v2/bot/message/reply' && c.status === 200)
      .map((c) => c.body as ReturnType<FakeLine['replies']>[number]);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    notFriends,
    replies,
    failNext: (status, body = { message: `fake failure ${status}` }, headers = {}) =>
      failures.push({ status, body, headers }),
    neverAnswerNext: () => failures.push('hang'),
    async waitForReplies(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (replies().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} replies, got ${replies().length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
