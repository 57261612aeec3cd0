import {
  LineApiError,
  toLineApiError,
  type LineMessage,
  type LineTransport,
  type SendReceipt,
} from './transport';

/** A call to LINE that the conversation thread asks the server thread to make (plain data, copied across). */
export type RelayedCall =
  | { kind: 'reply'; callId: number; replyToken: string; messages: LineMessage[] }
  | { kind: 'askFriendship'; callId: number; userId: string };

/** What came of a relayed call: the receipt, the answer, or LINE's refusal as it was. */
export type RelayedOutcome =
  | { kind: 'replied'; callId: number; requestId: string | null }
  | { kind: 'friendship'; callId: number; isFriend: boolean }
  | { kind: 'replyFailed'; callId: number; status: number | null; requestId: string | null; body: string };

/**
 * The conversation thread's way to LINE: it asks the server thread, which owns the one real transport (LINE's
 * API, the local chat, or a test's stand-in), and gets back the receipt or LINE's refusal as it was.
 */
export class RelayTransport implements LineTransport {
  private readonly waiting = new Map<
    number,
    { resolve: (outcome: RelayedOutcome) => void; reject: (e: LineApiError) => void }
  >();
  private nextCallId = 1;

  constructor(private readonly post: (call: RelayedCall) => void) {}

  async reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt> {
    const outcome = await this.call((callId) => ({ kind: 'reply', callId, replyToken, messages }));
    return { requestId: outcome.kind === 'replied' ? outcome.requestId : null };
  }

  async isFriend(userId: string): Promise<boolean> {
    const outcome = await this.call((callId) => ({ kind: 'askFriendship', callId, userId }));
    return outcome.kind === 'friendship' && outcome.isFriend;
  }

  private call(message: (callId: number) => RelayedCall): Promise<RelayedOutcome> {
    const callId = this.nextCallId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(callId, { resolve, reject });
      this.post(message(callId));
    });
  }

  settle(outcome: RelayedOutcome): void {
    const call = this.waiting.get(outcome.callId);
    if (!call) return;
    this.waiting.delete(outcome.callId);
    if (outcome.kind === 'replyFailed')
      call.reject(new LineApiError(outcome.status, outcome.requestId, outcome.body));
    else call.resolve(outcome);
  }

  broadcast(): Promise<SendReceipt> {
    return Promise.reject(new Error('notices are sent from the server thread, not the conversation thread'));
  }

  multicast(): Promise<SendReceipt> {
    return this.broadcast();
  }
}

/** The server thread's side: makes a relayed call on the real transport and answers with its outcome. */
export function performRelayedCall(
  transport: LineTransport,
  call: RelayedCall,
  answer: (outcome: RelayedOutcome) => void,
): void {
  const refused = (error: unknown) => {
    const { status, requestId, body } = toLineApiError(error);
    answer({ kind: 'replyFailed', callId: call.callId, status, requestId, body });
  };
  if (call.kind === 'reply') {
    transport
      .reply(call.replyToken, call.messages)
      .then(
        (receipt) => answer({ kind: 'replied', callId: call.callId, requestId: receipt.requestId }),
        refused,
      );
    return;
  }
  transport
    .isFriend(call.userId)
    .then((isFriend) => answer({ kind: 'friendship', callId: call.callId, isFriend }), refused);
}
