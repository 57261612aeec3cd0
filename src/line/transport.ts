import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

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
  ) {
    super(
      `LINE API ${status ?? 'network error'}${requestId ? ` (x-line-request-id ${requestId})` : ''}: ${body}`,
    );
  }
}

/** The one way the bot talks to LINE. Tests and the local mode swap the implementation, not the callers. */
export interface LineTransport {
  reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt>;
}

export function createLineTransport(options: {
  channelAccessToken: string;
  apiBaseUrl: string;
}): LineTransport {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.apiBaseUrl,
  });
  return {
    async reply(replyToken, messages) {
      try {
        const result = await client.replyMessageWithHttpInfo({ replyToken, messages });
        return { requestId: result.httpResponse.headers.get('x-line-request-id') };
      } catch (error) {
        throw toLineApiError(error);
      }
    },
  };
}

export function toLineApiError(error: unknown): LineApiError {
  if (error instanceof HTTPFetchError) {
    return new LineApiError(error.status, error.headers.get('x-line-request-id'), error.body);
  }
  return new LineApiError(null, null, error instanceof Error ? error.message : String(error));
}
