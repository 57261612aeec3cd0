import { createHmac, randomBytes, randomUUID } from 'node:crypto';

export const SECRET = 'test-channel-secret';

export const sign = (body: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('base64');

let clockTick = 0;
/** Strictly increasing timestamps, so that tests can state an order. */
export const nextTimestamp = () => Date.now() + ++clockTick;

export function baseEvent(userId: string, timestamp = nextTimestamp()) {
  return {
    webhookEventId: randomUUID().replace(/-/g, '').toUpperCase().slice(0, 26),
    deliveryContext: { isRedelivery: false },
    timestamp,
    source: { type: 'user', userId },
    replyToken: randomBytes(16).toString('hex'),
    mode: 'active',
  };
}

export const textEvent = (userId: string, text: string, timestamp?: number) => ({
  ...baseEvent(userId, timestamp),
  type: 'message',
  message: {
    type: 'text',
    id: randomBytes(6).toString('hex'),
    quoteToken: randomBytes(8).toString('hex'),
    text,
  },
});

export const postbackEvent = (userId: string, data: string) => ({
  ...baseEvent(userId),
  type: 'postback',
  postback: { data },
});
export const followEvent = (userId: string) => ({
  ...baseEvent(userId),
  type: 'follow',
  follow: { isUnblocked: false },
});
export const unfollowEvent = (userId: string) => {
  const { replyToken: _r, ...rest } = baseEvent(userId);
  return { ...rest, type: 'unfollow' };
};
export const stickerEvent = (userId: string) => ({
  ...baseEvent(userId),
  type: 'message',
  message: { type: 'sticker', id: '1', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' },
});

export const newUserId = () => `U${randomBytes(16).toString('hex')}`;

export async function postWebhook(
  port: number,
  events: object[],
  options: { signature?: string | null; rawBody?: string | Buffer } = {},
): Promise<{ status: number; body: string }> {
  const body = options.rawBody ?? JSON.stringify({ destination: 'Ubot', events });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? sign(body) : options.signature;
  if (signature !== null) headers['x-line-signature'] = signature;
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}
