/**
 * The conversation thread: owns the inbox and the residents' conversations (its own store connection), decides
 * every answer and sends it. The server thread takes webhooks (and sends notices); this one never blocks it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAdjustableClock } from '../../clock';
import { loadContent } from '../../content/load';
import { createLineTransport } from '../../line/transport';
import { createLogger } from '../../logger';
import { createUnderstanding } from '../../nlu';
import { storedModel } from '../../nlu/model-store';
import { createStore } from '../../store';
import { countingErrors } from '../../store/counting';
import type { InboxStore } from '../../store/types';
import { compileFlows } from '../conversation';
import { ConversationScheduler, type EventIntake } from '../scheduler';
import { TurnHandler } from '../turn';
import type { HostMessage, ThreadMessage, ThreadSetup } from './protocol';
import { RelayTransport } from '../../line/relay';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the conversation thread must run as a worker thread');
  const { config, logLevel, settleMs, replies, processEvents } = workerData as ThreadSetup;
  const post = (message: ThreadMessage) => port.postMessage(message);
  const logger = createLogger(logLevel).child({ thread: 'conversations' });
  // What goes wrong in this thread's store is counted in the server thread's metrics.
  const store = countingErrors(createStore(config.database), (operation) =>
    post({ kind: 'report', report: { kind: 'storeError', operation } }),
  );
  const clock = createAdjustableClock(config.botNow);
  const relay = new RelayTransport(post);
  const transport = replies === 'line' ? createLineTransport(config.line) : relay;
  const content = loadContent(config.contentFile);
  const stored = storedModel(content);
  if (stored.why) logger.info({ why: stored.why }, 'learning from the examples at start');
  const turns = new TurnHandler({
    store,
    transport,
    content,
    catalog: compileFlows(content),
    // The dictionary is loaded here only: this thread is the one that understands messages.
    understanding: createUnderstanding(content, { model: stored.model }),
    clock,
    logger,
    idleTimeoutMs: config.idleTimeoutMs,
    onHandled: (report) => post({ kind: 'report', report }),
  });
  const intake: EventIntake = processEvents
    ? new ConversationScheduler({ store, turns, clock, logger, leaseMs: config.eventLeaseMs, settleMs })
    : storeOnly(store);

  const perform = async (request: Extract<HostMessage, { kind: 'request' }>): Promise<string[] | void> => {
    switch (request.op) {
      case 'accept':
        return intake.accept(request.events);
      case 'start':
        return intake.start();
      case 'idle':
        return intake.idle();
      case 'clock':
        return clock.setFlowNow(request.flowNow === null ? undefined : new Date(request.flowNow));
      case 'stop':
        await intake.stop();
        await store.close();
    }
  };

  port.on('message', (message: HostMessage) => {
    if (message.kind !== 'request') {
      relay.settle(message);
      return;
    }
    const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
    perform(message)
      .then(
        (result) => post({ kind: 'done', id: message.id, result: result ?? undefined }),
        (error: unknown) => post({ kind: 'refused', id: message.id, error: describe(error) }),
      )
      .finally(() => {
        // Closing the port lets the thread end, even when stopping went wrong: the server must not wait forever.
        if (message.op === 'stop') port.close();
      });
  });
  post({ kind: 'ready' });
}

/** Only stores what is accepted: stands for a process that crashed after accepting (tests). */
function storeOnly(store: Pick<InboxStore, 'acceptEvents'>): EventIntake {
  const nothing = async () => {};
  return { accept: (events) => store.acceptEvents(events), start: nothing, idle: nothing, stop: nothing };
}

void main();
