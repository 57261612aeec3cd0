import type { webhook } from '@line/bot-sdk';
import { redactSensitive } from '../privacy';

/** What a resident did, reduced to what the conversation needs (text already redacted). */
export type ResidentInput =
  | { kind: 'text'; text: string; hadMyNumber: boolean; hadPin: boolean }
  | { kind: 'postback'; data: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  | { kind: 'unsupported' }
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

/**
 * The event as it may be stored: a text message keeps only its redacted text, so no My Number or PIN ever
 * reaches the inbox table.
 */
export function redactEvent(event: webhook.Event): webhook.Event {
  if (event.type === 'message' && event.message.type === 'text') {
    const r = redactSensitive(event.message.text);
    return {
      ...event,
      message: { ...event.message, text: r.text, quoteToken: event.message.quoteToken },
    } as webhook.Event;
  }
  return event;
}

export function residentInput(event: webhook.Event): ResidentInput {
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
