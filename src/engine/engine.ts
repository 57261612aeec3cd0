import type { InboxStore, NewInboxEvent } from '../store/types';
import type { ConversationProcessor } from './processor';

/**
 * What the webhook hands residents' events to: it stores them durably, then answers them. The server thread
 * holds a `ThreadEngine`, which forwards to the `InlineEngine` that does the work in the conversation thread,
 * so that answering does not compete with taking webhooks for the same core.
 */
export interface ConversationEngine {
  /** Stores the events that are new (a redelivery is left out) and schedules them; resolves with their ids. */
  accept(events: NewInboxEvent[]): Promise<string[]>;
  /** Picks up what an earlier process left unfinished, then keeps sweeping. */
  start(): Promise<void>;
  /** Resolves when nothing is scheduled or running: for tests. */
  idle(): Promise<void>;
  /** Finishes the work in flight and takes no more. */
  stop(): Promise<void>;
}

export class InlineEngine implements ConversationEngine {
  /** A null processor only stores events: tests use it to stand for a process that crashed after accepting. */
  constructor(
    private readonly store: Pick<InboxStore, 'acceptEvents'>,
    private readonly processor: ConversationProcessor | null,
  ) {}

  async accept(events: NewInboxEvent[]): Promise<string[]> {
    const fresh = await this.store.acceptEvents(events);
    if (this.processor && fresh.length > 0) {
      const isFresh = new Set(fresh);
      const keys = new Set(events.filter((e) => isFresh.has(e.id)).map((e) => e.conversationKey));
      for (const key of keys) this.processor.schedule(key);
    }
    return fresh;
  }

  async start(): Promise<void> {
    await this.processor?.start();
  }

  async idle(): Promise<void> {
    await this.processor?.idle();
  }

  async stop(): Promise<void> {
    await this.processor?.stop();
  }
}
