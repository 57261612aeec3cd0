import type { messagingApi } from '@line/bot-sdk';
import type { QuickOption, ReplyEvent, ReplyPart } from '../../flows/reply';
import type { LineMessage } from './transport';

/** LINE's documented limits for one reply. */
export const LINE_LIMITS = {
  messagesPerReply: 5,
  textChars: 5000,
  altTextChars: 1500,
  quickReplyItems: 13,
  quickReplyLabelChars: 20,
  postbackDataChars: 300,
  displayTextChars: 300,
} as const;

const BRAND = '#06C755';
const MUTED = '#555555';

const clip = (value: string, max: number) => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

function flexText(value: string, extra: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText {
  return { type: 'text', text: value, wrap: true, size: 'sm', ...extra };
}

function cardMessage(part: Extract<ReplyPart, { kind: 'card' }>): messagingApi.FlexMessage {
  const body: messagingApi.FlexComponent[] = [
    flexText(part.title, { weight: 'bold', size: 'lg', color: BRAND }),
    { type: 'separator', margin: 'md' },
  ];
  for (const section of part.sections) {
    const lines = section.lines.map((line) => flexText(line));
    body.push({
      type: 'box',
      layout: 'vertical',
      margin: 'lg',
      spacing: 'sm',
      contents: section.heading
        ? [flexText(section.heading, { weight: 'bold', color: MUTED }), ...lines]
        : lines,
    });
  }
  if (part.note) body.push(flexText(part.note, { margin: 'lg', size: 'xs', color: MUTED }));
  return {
    type: 'flex',
    altText: clip(part.altText, LINE_LIMITS.altTextChars),
    contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: body } },
  };
}

function partMessage(part: ReplyPart): LineMessage {
  return part.kind === 'text'
    ? { type: 'text', text: clip(part.text, LINE_LIMITS.textChars) }
    : cardMessage(part);
}

function quickReply(options: QuickOption[]): messagingApi.QuickReply | undefined {
  if (options.length === 0) return undefined;
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.data) && seen.add(o.data));
  return {
    items: unique.slice(0, LINE_LIMITS.quickReplyItems).map((o) => ({
      type: 'action',
      action: {
        type: 'postback',
        label: clip(o.label, LINE_LIMITS.quickReplyLabelChars),
        data: o.data.slice(0, LINE_LIMITS.postbackDataChars),
        displayText: clip(o.displayText, LINE_LIMITS.displayTextChars),
      },
    })),
  };
}

/** Joins neighbouring texts until the reply fits LINE's five messages; cards are never merged. */
function fitMessageCount(parts: ReplyPart[]): ReplyPart[] {
  const out = [...parts];
  while (out.length > LINE_LIMITS.messagesPerReply) {
    const i = out.findIndex((p, k) => p.kind === 'text' && out[k + 1]?.kind === 'text');
    if (i === -1) return out.slice(out.length - LINE_LIMITS.messagesPerReply);
    const a = out[i] as Extract<ReplyPart, { kind: 'text' }>;
    const b = out[i + 1] as Extract<ReplyPart, { kind: 'text' }>;
    out.splice(i, 2, { kind: 'text', text: `${a.text}\n\n${b.text}` });
  }
  return out;
}

/** Turns what the flows decided into the messages of one LINE reply; the last reply's buttons go last. */
export function renderReply(events: ReplyEvent[]): LineMessage[] {
  const parts = fitMessageCount(events.flatMap((e) => e.parts));
  if (parts.length === 0) return [];
  const messages = parts.map(partMessage);
  const buttons = quickReply(
    [...events].reverse().find((e) => e.quickReplies.length > 0)?.quickReplies ?? [],
  );
  if (buttons) messages[messages.length - 1] = { ...messages[messages.length - 1]!, quickReply: buttons };
  return messages;
}
