import { LineApiError, type LineMessage, type LineTransport, type SendReceipt } from '../../line/transport';
import type { HostMessage, ThreadMessage } from './protocol';

type Outcome = Extract<HostMessage, { kind: 'replied' | 'friendship' | 'replyFailed' }>;

/**
 * The conversation thread's way to LINE: it asks the server thread, which owns the one real transport (LINE's
 * API, the local chat, or a test's stand-in), and gets back the receipt or LINE's refusal as it was.
 */
export class RelayTransport implements LineTransport {
  private readonly waiting = new Map<
    number,
    { resolve: (outcome: Outcome) => void; reject: (e: LineApiError) => void }
  >();
  private nextCallId = 1;

  constructor(private readonly post: (message: ThreadMessage) => void) {}

  async reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt> {
    const outcome = await this.call((callId) => ({ kind: 'reply', callId, replyToken, messages }));
    return { requestId: outcome.kind === 'replied' ? outcome.requestId : null };
  }

  async isFriend(userId: string): Promise<boolean> {
    const outcome = await this.call((callId) => ({ kind: 'askFriendship', callId, userId }));
    return outcome.kind === 'friendship' && outcome.isFriend;
  }

  private call(message: (callId: number) => ThreadMessage): Promise<Outcome> {
    const callId = this.nextCallId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(callId, { resolve, reject });
      this.post(message(callId));
    });
  }

  settle(outcome: Outcome): void {
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
