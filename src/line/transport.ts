import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { withDeadline } from './deadline';

export type LineMessage = messagingApi.Message;

export interface SendReceipt {
  requestId: string | null;
}

/** A refusal or failure from LINE, with what an operator needs to look it up. */
export class LineApiError extends Error {
  constructor(
    readonly status: number | null,
    readonly requestId: string | null,
    readonly body: string,
    /** How long LINE asked us to wait before trying again (its Retry-After header), when it said so. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(
      `LINE API ${status ?? 'network error'}${requestId ? ` (x-line-request-id ${requestId})` : ''}: ${body}`,
    );
  }
}

/** The one way the bot talks to LINE. Tests and the local mode swap the implementation, not the callers. */
export interface LineTransport {
  reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt>;
  /** To every friend of the account. The retry key makes a repeated call (after a timeout) deliver once. */
  broadcast(messages: LineMessage[], retryKey: string): Promise<SendReceipt>;
  /** To at most 500 user ids. */
  multicast(to: string[], messages: LineMessage[], retryKey: string): Promise<SendReceipt>;
  /**
   * Whether the user is a friend of the account now: LINE gives a profile (GET /v2/bot/profile/{userId}) only to
   * friends who have not blocked it, and answers 404 for anyone else. Other failures throw.
   */
  isFriend(userId: string): Promise<boolean>;
}

/**
 * A reply token is useless after about a minute and the resident is waiting: a reply LINE has not taken in a
 * few seconds is recorded as failed, so the resident's next message is not held behind it.
 */
export const DEFAULT_REPLY_TIMEOUT_MS = 5_000;
/** Broadcast and multicast (500 recipients) take longer; a timed-out one is retried with its retry key. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

export function createLineTransport(options: {
  channelAccessToken: string;
  apiBaseUrl: string;
  replyTimeoutMs?: number;
  sendTimeoutMs?: number;
}): LineTransport {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.apiBaseUrl,
  });
  const replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  return {
    async reply(replyToken, messages) {
      try {
        const result = await withDeadline(replyTimeoutMs, () =>
          client.replyMessageWithHttpInfo({ replyToken, messages }),
        );
        return { requestId: result.httpResponse.headers.get('x-line-request-id') };
      } catch (error) {
        throw toLineApiError(error);
      }
    },
    async broadcast(messages, retryKey) {
      return acceptedOnce(() =>
        withDeadline(sendTimeoutMs, () => client.broadcastWithHttpInfo({ messages }, retryKey)),
      );
    },
    async multicast(to, messages, retryKey) {
      return acceptedOnce(() =>
        withDeadline(sendTimeoutMs, () => client.multicastWithHttpInfo({ to, messages }, retryKey)),
      );
    },
    async isFriend(userId) {
      try {
        // Asked while the resident waits for the reply: bounded like the reply.
        await withDeadline(replyTimeoutMs, () => client.getProfile(userId));
        return true;
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 404) return false;
        throw toLineApiError(error);
      }
    },
  };
}

/** A 409 for a retry key LINE has already accepted means the first attempt went out: that is a success. */
async function acceptedOnce(send: () => Promise<{ httpResponse: Response }>): Promise<SendReceipt> {
  try {
    const result = await send();
    return { requestId: result.httpResponse.headers.get('x-line-request-id') };
  } catch (error) {
    if (error instanceof HTTPFetchError && error.status === 409) {
      const accepted = error.headers.get('x-line-accepted-request-id');
      if (accepted) return { requestId: accepted };
    }
    throw toLineApiError(error);
  }
}

export function toLineApiError(error: unknown): LineApiError {
  if (error instanceof LineApiError) return error;
  if (error instanceof HTTPFetchError) {
    return new LineApiError(
      error.status,
      error.headers.get('x-line-request-id'),
      error.body,
      retryAfterMs(error.headers.get('retry-after'), Date.now()),
    );
  }
  return new LineApiError(null, null, error instanceof Error ? error.message : String(error));
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
