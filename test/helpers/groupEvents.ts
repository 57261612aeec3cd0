import { randomBytes } from 'node:crypto';
import { baseEvent } from './webhook';

/** Events from a group (or, with `room`, a multi-person chat), as LINE sends them. */
export type Chat = { type: 'group'; groupId: string } | { type: 'room'; roomId: string };

export const newGroup = (): Chat => ({ type: 'group', groupId: `C${randomBytes(16).toString('hex')}` });
export const newRoom = (): Chat => ({ type: 'room', roomId: `R${randomBytes(16).toString('hex')}` });
export const chatKeyOf = (chat: Chat) =>
  chat.type === 'group' ? `group:${chat.groupId}` : `room:${chat.roomId}`;

export const BOT_NAME = '熱海市 マイナポイント案内';

const inChat = (chat: Chat, userId?: string) => {
  const event = baseEvent(userId ?? 'unused');
  return { ...event, source: { ...chat, ...(userId ? { userId } : {}) } };
};

/**
 * A member's message. `mentions` names who it mentions: the bot (`@熱海市 マイナポイント案内`, isSelf) and/or
 * another member; each mention is written at the start of the text, as LINE's app puts it.
 */
export function chatTextEvent(
  chat: Chat,
  userId: string,
  text: string,
  mentions: ('bot' | { memberId: string; name: string })[] = [],
) {
  let written = '';
  const mentionees: object[] = [];
  for (const m of mentions) {
    const name = m === 'bot' ? BOT_NAME : m.name;
    mentionees.push(
      m === 'bot'
        ? { index: written.length, length: name.length + 1, type: 'user', isSelf: true }
        : { index: written.length, length: name.length + 1, type: 'user', isSelf: false, userId: m.memberId },
    );
    written += `@${name} `;
  }
  return {
    ...inChat(chat, userId),
    type: 'message',
    message: {
      type: 'text',
      id: randomBytes(6).toString('hex'),
      quoteToken: randomBytes(8).toString('hex'),
      text: `${written}${text}`,
      ...(mentionees.length ? { mention: { mentionees } } : {}),
    },
  };
}

export const chatPostbackEvent = (chat: Chat, userId: string, data: string) => ({
  ...inChat(chat, userId),
  type: 'postback',
  postback: { data },
});

export const joinEvent = (chat: Chat) => {
  const { source: _s, ...rest } = inChat(chat);
  return { ...rest, source: chat, type: 'join' };
};

export const leaveEvent = (chat: Chat) => {
  const { replyToken: _r, source: _s, ...rest } = inChat(chat);
  return { ...rest, source: chat, type: 'leave' };
};
