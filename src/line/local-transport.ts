import type { Logger } from '../logger';
import type { LineMessage, LineTransport } from './transport';

/**
 * Stands in for the Messaging API when the bot runs without LINE credentials: replies are kept for whoever
 * is watching (the log, the local chat) instead of being sent to LINE.
 */
export class LocalTransport implements LineTransport {
  private readonly listeners = new Set<(replyToken: string, messages: LineMessage[]) => void>();

  constructor(private readonly logger: Logger) {}

  onReply(listener: (replyToken: string, messages: LineMessage[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async broadcast(messages: LineMessage[], _retryKey: string) {
    this.logger.info(
      { messages: messages.length },
      'local mode: broadcast kept in process, not sent to LINE',
    );
    return { requestId: null };
  }

  async multicast(to: string[], messages: LineMessage[], _retryKey: string) {
    this.logger.info(
      { recipients: to.length, messages: messages.length },
      'local mode: multicast kept in process',
    );
    return { requestId: null };
  }

  /** Whoever chats on the local page has, in effect, added the account. */
  async isFriend(_userId: string) {
    return true;
  }

  async reply(replyToken: string, messages: LineMessage[]) {
    this.logger.debug({ messages: messages.length }, 'local mode: reply kept in process');
    for (const listener of this.listeners) listener(replyToken, messages);
    return { requestId: null };
  }
}
