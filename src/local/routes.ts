import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import express, { type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import type { AdjustableClock } from '../clock';
import type { LineMessage } from '../line/transport';
import { RICH_MENU } from '../richmenu/definition';
import { describeIssues } from '../validation';
import { chatPagePolicy } from './csp';
import { DEMO_MOMENT, demoMomentLabel } from './demo';
import { CHAT_PAGE } from './page';
import type { LocalTransport } from '../line/local-transport';

const REPLY_WAIT_MS = 8_000;
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const sendSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    userId: z.string().regex(/^U[0-9a-f]{32}$/),
    text: z.string().min(1).max(5000),
  }),
  z.object({
    kind: z.literal('postback'),
    userId: z.string().regex(/^U[0-9a-f]{32}$/),
    data: z.string().min(1).max(300),
  }),
  z.object({ kind: z.literal('follow'), userId: z.string().regex(/^U[0-9a-f]{32}$/) }),
]);

const clockSchema = z.object({
  now: z
    .string()
    .regex(isoWithOffset, 'an ISO 8601 time with an offset')
    .refine((v) => !Number.isNaN(Date.parse(v)), 'a real date')
    .nullable(),
});

export interface LocalChatDeps {
  botName: string;
  channelSecret: string;
  transport: LocalTransport;
  clock: AdjustableClock;
  /** When the programme ended (epoch ms): the page says so while the bot's clock is past it. */
  programmeEnd: number;
}

function webhookEvent(body: z.infer<typeof sendSchema>, replyToken: string) {
  const base = {
    webhookEventId: randomBytes(13).toString('hex').toUpperCase(),
    deliveryContext: { isRedelivery: false },
    timestamp: Date.now(),
    source: { type: 'user', userId: body.userId },
    replyToken,
    mode: 'active',
  };
  if (body.kind === 'text') {
    return {
      ...base,
      type: 'message',
      message: {
        type: 'text',
        id: randomBytes(8).toString('hex'),
        quoteToken: randomBytes(8).toString('hex'),
        text: body.text,
      },
    };
  }
  if (body.kind === 'postback') return { ...base, type: 'postback', postback: { data: body.data } };
  return { ...base, type: 'follow', follow: { isUnblocked: false } };
}

/** The reply the stand-in for the Messaging API receives for this token: null after REPLY_WAIT_MS or a cancel. */
function waitForReply(transport: LocalTransport, replyToken: string) {
  let finish: (messages: LineMessage[] | null) => void = () => {};
  const messages = new Promise<LineMessage[] | null>((resolve) => {
    const timer = setTimeout(() => finish(null), REPLY_WAIT_MS);
    const stop = transport.onReply((token, sent) => {
      if (token === replyToken) finish(sent);
    });
    finish = (result) => {
      clearTimeout(timer);
      stop();
      resolve(result);
    };
  });
  return { messages, cancel: () => finish(null) };
}

/**
 * The local chat (mounted only when the bot starts without LINE credentials): a LINE-like page, and an
 * endpoint that turns what the page sends into a signed webhook to this same server, then waits for the reply
 * that the in-process stand-in for the Messaging API receives.
 */
export function localChatRouter(deps: LocalChatDeps): Router {
  const router = express.Router();
  const fontDir = path.dirname(require.resolve('@fontsource/biz-udpgothic/package.json'));
  router.use('/local/font', express.static(fontDir, { maxAge: '7d' }));

  const pagePolicy = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: chatPagePolicy(CHAT_PAGE),
  });
  router.get('/', pagePolicy, (_req, res) => {
    res.type('html').send(CHAT_PAGE);
  });

  router.get('/local/config', (_req, res) => {
    res.json({
      botName: deps.botName,
      richMenu: { chatBarText: RICH_MENU.chatBarText, areas: RICH_MENU.areas.map((a) => a.action) },
      clock: deps.clock.fixedFlowNow()?.toISOString() ?? null,
      programmeEnded: deps.clock.flowNow().getTime() >= deps.programmeEnd,
      demo: { at: DEMO_MOMENT, label: demoMomentLabel() },
    });
  });

  router.post('/local/clock', express.json({ limit: '4kb' }), (req, res) => {
    const parsed = clockSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error).join('; ') });
      return;
    }
    deps.clock.setFlowNow(parsed.data.now === null ? undefined : new Date(parsed.data.now));
    res.json({ clock: deps.clock.fixedFlowNow()?.toISOString() ?? null });
  });

  router.post('/local/send', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = sendSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error).join('; ') });
      return;
    }
    const replyToken = randomBytes(16).toString('hex');
    const reply = waitForReply(deps.transport, replyToken);
    const body = JSON.stringify({ destination: 'Ulocal', events: [webhookEvent(parsed.data, replyToken)] });
    const signature = createHmac('sha256', deps.channelSecret).update(body).digest('base64');
    // Back to this server on the address the page reached it at: HOST may be any one address, not loopback.
    const self = req.socket.localAddress ?? '127.0.0.1';
    let refusal: string | null = null;
    try {
      const webhook = await fetch(
        `http://${self.includes(':') ? `[${self}]` : self}:${req.socket.localPort}/webhook`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signature },
          body,
          signal: AbortSignal.timeout(REPLY_WAIT_MS),
        },
      );
      if (!webhook.ok) refusal = `the webhook answered ${webhook.status}`;
    } catch (error) {
      refusal = `the webhook could not be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (refusal) {
      // No reply can come for an event the bot did not take: the page hears so now, not after the wait.
      reply.cancel();
      res.status(502).json({ message: refusal });
      return;
    }
    const messages = await reply.messages;
    if (!messages) {
      res.status(504).json({ message: 'the bot did not reply in time' });
      return;
    }
    res.json({ messages });
  });
  return router;
}
