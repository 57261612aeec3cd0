import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Content } from '../content/load';
import type { LineTransport } from '../line/transport';
import type { Logger } from '../logger';
import { createUnderstanding } from '../nlu';
import type { Store } from '../store/types';
import { compileFlows } from './conversation';
import { ConversationProcessor } from './processor';

/** One recipe for the processor, whichever thread it runs in. */
export function buildProcessor(o: {
  config: Config;
  content: Content;
  store: Store;
  transport: LineTransport;
  clock: Clock;
  logger: Logger;
  settleMs?: number;
}): ConversationProcessor {
  return new ConversationProcessor({
    store: o.store,
    transport: o.transport,
    catalog: compileFlows(o.content),
    understanding: createUnderstanding(),
    clock: o.clock,
    logger: o.logger,
    idleTimeoutMs: o.config.idleTimeoutMs,
    settleMs: o.settleMs,
  });
}
