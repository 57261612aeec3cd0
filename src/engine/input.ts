import type { webhook } from '@line/bot-sdk';
import { redactSensitive } from '../privacy';

/** What a resident did, reduced to what the conversation needs (text already redacted). */
export type ResidentInput =
  | { kind: 'text'; text: string; hadMyNumber: boolean; hadPin: boolean }
  | { kind: 'postback'; data: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  | { kind: 'unsupported' }
  /** In a group or multi-person chat: the bot joined, or members talk among themselves (not to the bot). */
  | { kind: 'overheard' }
  /** The bot left a group or multi-person chat, or was removed from it. */
  | { kind: 'left' }
  | { kind: 'ignored'; eventType: string };

export function conversationKeyOf(event: webhook.Event): string | null {
  const source = event.source;
  if (!source) return null;
  if (source.type === 'user') return source.userId ?? null;
  if (source.type === 'group') return `group:${source.groupId}`;
  if (source.type === 'room') return `room:${source.roomId}`;
  return null;
}

export function userIdOf(event: webhook.Event): string | null {
  const source = event.source as { userId?: string } | undefined;
  return source?.userId ?? null;
}

/** A group or a multi-person chat (LINE's "room"): several people, not one resident talking to the bot. */
export function isGroupChat(event: webhook.Event): boolean {
  return event.source?.type === 'group' || event.source?.type === 'room';
}

type TextContent = webhook.TextMessageContent;
type Mentionee = NonNullable<TextContent['mention']>['mentionees'][number];

/** LINE marks the bot's own mention with isSelf. */
const isBot = (m: Mentionee) => m.type === 'user' && (m as webhook.UserMentionee).isSelf === true;

/** The message names the bot (@熱海市 マイナポイント案内): in a group, the bot answers only then. */
export function mentionsBot(message: TextContent): boolean {
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

/**
 * The event as it may be stored: a text message keeps only its redacted text, so no My Number or PIN ever
 * reaches the inbox table. In a group, what members say among themselves is not stored at all (the text is
 * dropped, and other members' mentions with it); a question to the bot keeps the question, without the
 * names it mentions, until it is answered, and the bot's own mention, so that it is still known to be addressed.
 */
export function redactEvent(event: webhook.Event): webhook.Event {
  if (event.type !== 'message' || event.message.type !== 'text') return event;
  const message = event.message;
  if (isGroupChat(event)) {
    const addressed = mentionsBot(message);
    const stored: TextContent = {
      type: 'text',
      id: message.id,
      quoteToken: message.quoteToken,
      text: addressed ? redactSensitive(withoutMentions(message)).text : '',
      ...(addressed ? { mention: { mentionees: message.mention!.mentionees.filter(isBot) } } : {}),
    };
    return { ...event, message: stored } as webhook.Event;
  }
  const r = redactSensitive(message.text);
  return { ...event, message: { ...message, text: r.text, quoteToken: message.quoteToken } } as webhook.Event;
}

export function residentInput(event: webhook.Event): ResidentInput {
  if (isGroupChat(event)) {
    if (event.type === 'leave') return { kind: 'left' };
    if (event.type === 'join') return { kind: 'overheard' };
    if (event.type === 'message' && !(event.message.type === 'text' && mentionsBot(event.message)))
      return { kind: 'overheard' };
  }
  switch (event.type) {
    case 'message': {
      if (event.message.type !== 'text') return { kind: 'unsupported' };
      const r = redactSensitive(event.message.text);
      return { kind: 'text', text: r.text, hadMyNumber: r.hadMyNumber, hadPin: r.hadPin };
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
