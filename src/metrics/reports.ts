import type { HandoffRoute } from '../../flows';
import type { EventOutcome } from '../store/types';

/**
 * What the conversation thread tells the server thread, where the one metrics registry lives, about its work:
 * plain data, copied between threads.
 */
export type WorkReport =
  | {
      kind: 'eventHandled';
      outcome: EventOutcome;
      /** The phone line the resident was handed to in this turn, if any. */
      handoff: HandoffRoute | null;
      /** From the webhook's arrival to LINE accepting the reply; only for answered events. */
      replyLatencyMs: number | null;
    }
  | { kind: 'storeError'; operation: string };
