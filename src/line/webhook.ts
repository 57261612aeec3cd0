/**
 * LINE's webhook, and all the bot knows of LINE's events. At the edge: the signature, and each event made an
 * inbox row (its conversation, the one redaction of its text). When the event's turn comes: the stored row read
 * back as resident input; nothing of LINE's format goes further.
 */
import { validateSignature, type webhook } from '@line/bot-sdk';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ResidentEvent, ResidentInput } from '../engine/input';
import { MY_NUMBER_MARK, PIN_MARK, redactSensitive, type Redaction } from '../privacy';
import type { InboxEvent, InboxRedaction, NewInboxEvent } from '../store/types';

const bodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(
    z
      .object({
        type: z.string(),
        webhookEventId: z.string().min(1),
        timestamp: z.number(),
      })
      .passthrough(),
  ),
});

export const WEBHOOK_BODY_LIMIT = '1mb';

export interface WebhookDeps {
  channelSecret: string;
  clock: Clock;
  logger: Logger;
  /** Stores the new events durably (and has them answered); resolves with the ids that were new. */
  accept(events: NewInboxEvent[]): Promise<string[]>;
}

/**
 * POST /webhook, after the raw body is read (`WEBHOOK_BODY_LIMIT`): checks the signature on the raw bytes, stores
 * each new event in the inbox, then answers 200. Processing happens afterwards, from the inbox, so nothing
 * accepted is lost if the process dies. It needs nothing of express's at run time, so the conversation thread,
 * which reads its events back with `residentEventOf`, does not load express.
 */
export function webhookHandler(deps: WebhookDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-line-signature');
    if (!signature || !validateSignature(raw, deps.channelSecret, signature)) {
      deps.logger.warn({ hasSignature: Boolean(signature) }, 'webhook refused: bad signature');
      res.status(401).json({ message: 'invalid signature' });
      return;
    }
    let parsed: z.infer<typeof bodySchema>;
    try {
      parsed = bodySchema.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      res.status(400).json({ message: 'body is not a LINE webhook payload' });
      return;
    }
    const receivedAt = deps.clock.realNow();
    const rows: NewInboxEvent[] = [];
    try {
      for (const e of parsed.events as unknown as webhook.Event[]) {
        const row = inboxRowOf(e, receivedAt);
        if (row) rows.push(row);
      }
    } catch {
      // An event shaped unlike any LINE sends (a message that is null, a source that is a string): thrown
      // here, it would have ended the process. It is refused like any other body that is not LINE's.
      res.status(400).json({ message: 'body is not a LINE webhook payload' });
      return;
    }
    try {
      const fresh = rows.length > 0 ? await deps.accept(rows) : [];
      if (fresh.length < rows.length)
        deps.logger.info({ duplicates: rows.length - fresh.length }, 'redelivered events ignored');
      // LINE reads only the status; an empty body is the cheapest answer on the hottest path.
      res.status(200).end();
    } catch (error) {
      // Not stored means not accepted: a 500 lets LINE deliver again.
      deps.logger.error({ err: error }, 'could not store webhook events');
      res.status(500).json({ message: 'could not store events' });
    }
  };
}

function conversationKeyOf(event: webhook.Event): string | null {
  const source = event.source;
  if (!source) return null;
  if (source.type === 'user') return source.userId ?? null;
  if (source.type === 'group') return `group:${source.groupId}`;
  if (source.type === 'room') return `room:${source.roomId}`;
  return null;
}

function userIdOf(event: webhook.Event): string | null {
  const source = event.source as { userId?: string } | undefined;
  return source?.userId ?? null;
}

/** A group or a multi-person chat (LINE's "room"): several people, not one resident talking to the bot. */
function isGroupChat(event: webhook.Event): boolean {
  return event.source?.type === 'group' || event.source?.type === 'room';
}

type TextContent = webhook.TextMessageContent;
type Mentionee = NonNullable<TextContent['mention']>['mentionees'][number];

/** LINE marks the bot's own mention with isSelf. */
const isBot = (m: Mentionee) => m.type === 'user' && (m as webhook.UserMentionee).isSelf === true;

/** The message names the bot (@熱海市 マイナポイント案内): in a group, the bot answers only then. */
function mentionsBot(message: TextContent): boolean {
  return (message.mention?.mentionees ?? []).some(isBot);
}

/**
 * The text without the names it mentions (the bot's, members'), so that only the question is read and no
 * member's name is kept. The positions are LINE's, on the text as sent.
 */
function withoutMentions(message: TextContent): string {
  const spans = [...(message.mention?.mentionees ?? [])].sort((a, b) => b.index - a.index);
  let text = message.text;
  for (const m of spans) text = `${text.slice(0, m.index)}${text.slice(m.index + m.length)}`;
  return text.trim();
}

const NOTHING_KEPT: Redaction = { text: '', hadMyNumber: false, hadPin: false };

/**
 * The event as it may be stored: a text message keeps only its redacted text, so no My Number or PIN ever
 * reaches the inbox table, and what was removed is kept beside it. In a group, what members say among
 * themselves is not stored at all (the text is dropped, and other members' mentions with it); a question to the
 * bot keeps the question, without the names it mentions, until it is answered, and the bot's own mention, so
 * that it is still known to be addressed.
 */
function redacted(event: webhook.Event): { payload: webhook.Event; redaction: InboxRedaction | null } {
  if (event.type !== 'message' || event.message.type !== 'text') return { payload: event, redaction: null };
  const message = event.message;
  if (isGroupChat(event)) {
    const addressed = mentionsBot(message);
    const r = addressed ? redactSensitive(withoutMentions(message)) : NOTHING_KEPT;
    const stored: TextContent = {
      type: 'text',
      id: message.id,
      quoteToken: message.quoteToken,
      text: r.text,
      ...(addressed ? { mention: { mentionees: message.mention!.mentionees.filter(isBot) } } : {}),
    };
    return { payload: { ...event, message: stored } as webhook.Event, redaction: removedBy(r) };
  }
  const r = redactSensitive(message.text);
  return {
    payload: {
      ...event,
      message: { ...message, text: r.text, quoteToken: message.quoteToken },
    } as webhook.Event,
    redaction: removedBy(r),
  };
}

const removedBy = (r: Redaction): InboxRedaction => ({ hadMyNumber: r.hadMyNumber, hadPin: r.hadPin });

/**
 * The inbox row for an event LINE sent, or null for one that belongs to no conversation. This is the one place
 * where a resident's text is redacted: the row keeps the result, and nothing reads the raw text after it.
 * Throws on an event shaped unlike any LINE sends (a message that is null).
 */
export function inboxRowOf(event: webhook.Event, receivedAt: number): NewInboxEvent | null {
  const conversationKey = conversationKeyOf(event);
  if (!conversationKey) return null;
  return {
    id: event.webhookEventId,
    conversationKey,
    timestamp: event.timestamp,
    receivedAt,
    ...redacted(event),
  };
}

/**
 * What a stored text carried. Rows accepted before the inbox kept the redaction beside the text (migration 11)
 * have only the text: the marks redaction left in it say what it removed.
 */
function removedFrom(text: string, redaction: InboxRedaction | null): InboxRedaction {
  return redaction ?? { hadMyNumber: text.includes(MY_NUMBER_MARK), hadPin: text.includes(PIN_MARK) };
}

function residentInput(event: webhook.Event, redaction: InboxRedaction | null): ResidentInput {
  if (isGroupChat(event)) {
    if (event.type === 'leave') return { kind: 'left' };
    if (event.type === 'join') return { kind: 'overheard' };
    if (event.type === 'message' && !(event.message.type === 'text' && mentionsBot(event.message)))
      return { kind: 'overheard' };
  }
  switch (event.type) {
    case 'message': {
      if (event.message.type !== 'text') return { kind: 'unsupported' };
      // Redacted when it was accepted: read as stored, never redacted again.
      const text = event.message.text;
      return { kind: 'text', text, ...removedFrom(text, redaction) };
    }
    case 'postback':
      return { kind: 'postback', data: event.postback.data };
    case 'follow':
      return { kind: 'follow' };
    case 'unfollow':
      return { kind: 'unfollow' };
    default:
      return { kind: 'ignored', eventType: event.type };
  }
}

/** A stored event as its turn reads it: the resident's input and how to answer, nothing of LINE's format. */
export function residentEventOf(stored: Pick<InboxEvent, 'payload' | 'redaction'>): ResidentEvent {
  const event = stored.payload as webhook.Event & { replyToken?: string };
  return {
    input: residentInput(event, stored.redaction),
    replyToken: event?.replyToken ?? null,
    userId: userIdOf(event),
    inGroup: isGroupChat(event),
    eventType: event?.type,
  };
}
