import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { SECRET, sleep } from './bot';

/** Everyday questions, so that every event goes through understanding and a real answer. */
const QUESTIONS = [
  '受付時間を教えてください',
  '持ち物は何ですか',
  'マイナポイントはいつまでですか',
  '本庁舎の窓口はどこですか',
  '対象か調べたい',
  '電話で問い合わせたい',
  '詐欺が心配です',
  '土曜日も開いてますか',
];

export interface SentEvent {
  id: string;
  user: string;
  replyToken: string;
  body: string;
  /** The bot answered 200 (it stored the event): from then on it must answer it or record it as missed. */
  acknowledged: boolean;
}

export const sign = (body: string | Buffer) => createHmac('sha256', SECRET).update(body).digest('base64');

export function textEvent(user: string, text: string): SentEvent {
  const id = randomUUID().replace(/-/g, '').toUpperCase().slice(0, 26);
  const replyToken = randomBytes(16).toString('hex');
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    source: { type: 'user', userId: user },
    replyToken,
    message: { type: 'text', id: randomBytes(6).toString('hex'), quoteToken: 'q', text },
  };
  return {
    id,
    user,
    replyToken,
    body: JSON.stringify({ destination: 'Ubot', events: [event] }),
    acknowledged: false,
  };
}

export const residents = (count: number) =>
  Array.from({ length: count }, () => `U${randomBytes(16).toString('hex')}`);

export interface DeliveryCounts {
  /** Webhook responses by status; 0 stands for no answer (refused connection, timeout). */
  statuses: Map<number, number>;
}

/**
 * Posts one signed body until the bot answers 200, the way LINE redelivers (same webhookEventId), trying the
 * given ports in turn; gives up at the deadline (the event then counts as never acknowledged, not as lost).
 */
export async function deliver(
  event: SentEvent,
  ports: () => number[],
  counts: DeliveryCounts,
  deadline: number,
): Promise<void> {
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const list = ports();
    const port = list[attempt % list.length]!;
    const status = await post(port, event.body);
    counts.statuses.set(status, (counts.statuses.get(status) ?? 0) + 1);
    if (status === 200) {
      event.acknowledged = true;
      return;
    }
    await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 4)));
  }
}

export async function post(port: number, body: string | Buffer, signature = sign(body)) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      body,
      signal: AbortSignal.timeout(3_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * `events` events from `residentCount` residents, `concurrency` requests in flight: each resident's messages in
 * the order they were written (a resident waits for the webhook's answer before writing again, as LINE sends).
 */
export async function sendLoad(options: {
  ports: () => number[];
  residentCount: number;
  events: number;
  concurrency: number;
  deadline: number;
  /** Events per second at most: spreads the load over the time the faults need. */
  ratePerSecond?: number;
}): Promise<{ events: SentEvent[]; counts: DeliveryCounts }> {
  const users = residents(options.residentCount);
  const counts: DeliveryCounts = { statuses: new Map() };
  const events: SentEvent[] = [];
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < options.events) {
      const i = next++;
      if (options.ratePerSecond) await sleep(started + (i * 1000) / options.ratePerSecond - Date.now());
      const event = textEvent(users[i % users.length]!, QUESTIONS[i % QUESTIONS.length]!);
      events.push(event);
      await deliver(event, options.ports, counts, options.deadline);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { events, counts };
}
