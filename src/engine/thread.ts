/**
 * The conversation thread: a `worker_threads` worker, with its own store connection, that owns the inbox and the
 * residents' conversations, decides every answer and sends it. The server thread only takes webhooks (and sends
 * notices), so answering never keeps it waiting. Both sides are here: `ConversationThread` is the server thread's
 * handle; `runConversationThread` is what the worker runs, when this file is loaded as one.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createAdjustableClock } from '../clock';
import type { Config } from '../config';
import { loadContent } from '../content/load';
import { performRelayedCall, RelayTransport, type RelayedCall, type RelayedOutcome } from '../line/relay';
import { createLineTransport, type LineTransport } from '../line/transport';
import { createLogger } from '../logger';
import type { WorkReport } from '../metrics/reports';
import { createStore } from '../store';
import { countingErrors } from '../store/counting';
import type { InboxStore, NewInboxEvent } from '../store/types';
import type { EventIntake } from './scheduler';

/** What the conversation thread is started with (copied into it, so plain data only). */
export interface ThreadSetup {
  config: Config;
  /** The server thread's log level (a caller's own logger may differ from LOG_LEVEL: the terminal chat's is silent). */
  logLevel: string;
  settleMs?: number;
  /**
   * `line`: the thread sends replies to LINE itself, which keeps that work off the server thread. `relay`: the
   * transport lives in the server thread (the local chat, the terminal chat, a test's stand-in) and replies go
   * there.
   */
  replies: 'line' | 'relay';
  /** False only stores events: tests use it to stand for a process that crashed after accepting. */
  processEvents: boolean;
}

/** Server thread → conversation thread. */
type HostMessage =
  | { kind: 'request'; id: number; op: 'accept'; events: NewInboxEvent[] }
  | { kind: 'request'; id: number; op: 'start' | 'idle' | 'stop' }
  | { kind: 'request'; id: number; op: 'clock'; flowNow: string | null }
  | RelayedOutcome;

/** Conversation thread → server thread. */
type ThreadMessage =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; result?: string[] }
  | { kind: 'refused'; id: number; error: string }
  | RelayedCall
  | { kind: 'report'; report: WorkReport };

/** A request as a caller writes it: the id and kind are added on sending (Omit on each member of the union). */
type WithoutEnvelope<M> = M extends unknown ? Omit<M, 'id' | 'kind'> : never;
type Request = WithoutEnvelope<Extract<HostMessage, { kind: 'request' }>>;
type Pending = { resolve: (result: string[] | undefined) => void; reject: (error: Error) => void };

/** How the worker knows it is the conversation thread (and not this file imported by some other worker). */
interface ThreadData {
  conversationThread: ThreadSetup;
}

/**
 * The server thread's side of the conversation thread. A request is answered once the thread has done it (an
 * accepted event is in the store before the webhook's 200). Replies the thread relays go out through
 * `transport`, here. If the thread dies, every request fails from then on and `onFailure` is told once: events
 * LINE is still sending get a 500 and are delivered again later.
 */
export class ConversationThread implements EventIntake {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private stopping = false;
  private reportListener: (report: WorkReport) => void = () => {};

  private constructor(
    private readonly worker: Worker,
    private readonly transport: LineTransport,
    private readonly onFailure: (error: Error) => void,
  ) {
    worker.on('message', (message: ThreadMessage) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.stopping) this.fail(new Error(`conversation thread exited with code ${code}`));
    });
  }

  /** Resolves once the thread has opened its store and is ready to take events. */
  static start(
    setup: ThreadSetup,
    transport: LineTransport,
    onFailure: (error: Error) => void,
    entry = __filename,
  ): Promise<ConversationThread> {
    const worker = new Worker(entry, {
      workerData: { conversationThread: setup } satisfies ThreadData,
      // Compiled, it inherits node's flags (--cpu-prof profiles it too); as source, tsx compiles it.
      execArgv: entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : undefined,
      // Short-lived garbage (one message's analysis) is collected sooner with a small young generation, and a
      // bound on the old generation makes V8 collect it before growing: without one, the thread's heap grew by
      // ~100 MiB under the bench's load (peak RSS 466 MiB, against 368 MiB with a 256 MiB bound and 351–353 MiB
      // with 128 MiB, where 256 MiB also saw 376–404). What this thread keeps alive is a small part of the bound:
      // with the stored model, its heap holds ~11 MiB after a collection (content, lexicon, classifier; the
      // tokenizer's dictionary is outside the heap), and a few turns in flight.
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
    });
    return new Promise((resolve, reject) => {
      const failedToStart = (error: Error) => {
        stopListening();
        reject(error);
      };
      const exitedEarly = (code: number) =>
        failedToStart(new Error(`conversation thread exited with code ${code} before it was ready`));
      const firstMessage = (message: ThreadMessage) => {
        stopListening();
        if (message.kind !== 'ready') {
          void worker.terminate();
          reject(new Error(`conversation thread sent ${message.kind} before it was ready`));
          return;
        }
        resolve(new ConversationThread(worker, transport, onFailure));
      };
      // Only our own three: worker.removeAllListeners() here stopped the thread's later replies from arriving.
      const stopListening = () => {
        worker.off('error', failedToStart);
        worker.off('exit', exitedEarly);
        worker.off('message', firstMessage);
      };
      worker.on('error', failedToStart);
      worker.on('exit', exitedEarly);
      worker.on('message', firstMessage);
    });
  }

  /**
   * Where the thread's reports of its work go (the metrics). Set it before `start()` and the first `accept()`:
   * the thread reports nothing before it is given work.
   */
  onReport(listener: (report: WorkReport) => void): void {
    this.reportListener = listener;
  }

  async accept(events: NewInboxEvent[]): Promise<string[]> {
    return (await this.call({ op: 'accept', events })) ?? [];
  }

  async start(): Promise<void> {
    await this.call({ op: 'start' });
  }

  async idle(): Promise<void> {
    await this.call({ op: 'idle' });
  }

  /** Moves the flows' clock (the local chat's clock picker); later turns see the new time. */
  async setFlowNow(instant: Date | undefined): Promise<void> {
    await this.call({ op: 'clock', flowNow: instant?.toISOString() ?? null });
  }

  async stop(): Promise<void> {
    if (this.failure) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    try {
      await this.call({ op: 'stop' });
    } finally {
      await exited;
    }
  }

  private call(request: Request): Promise<string[] | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ ...request, kind: 'request', id } as HostMessage);
    });
  }

  private send(message: HostMessage): void {
    this.worker.postMessage(message);
  }

  private receive(message: ThreadMessage): void {
    if (message.kind === 'ready') return;
    if (message.kind === 'report') {
      this.reportListener(message.report);
      return;
    }
    if (message.kind === 'reply' || message.kind === 'askFriendship') {
      performRelayedCall(this.transport, message, (outcome) => this.send(outcome));
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.kind === 'done') waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.onFailure(error);
  }
}

/** The worker's side: opens its own store, then takes the server thread's requests until told to stop. */
function runConversationThread(setup: ThreadSetup): void {
  const port = parentPort;
  if (!port) throw new Error('the conversation thread must run as a worker thread');
  // Required here, not imported at the top: the understanding and the flows are this thread's alone, and the
  // server thread, which imports this file for `ConversationThread`, would pay ~37 MiB to load them too. (A
  // dynamic import() would do, compiled; under tsx, in tests, it is left to node's ES loader, which cannot.)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createUnderstanding } = require('../nlu') as typeof import('../nlu');
  const { storedModel } = require('../nlu/model-store') as typeof import('../nlu/model-store');
  const { compileFlows } = require('./conversation') as typeof import('./conversation');
  const { ConversationScheduler } = require('./scheduler') as typeof import('./scheduler');
  const { TurnHandler } = require('./turn') as typeof import('./turn');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { config, logLevel, settleMs, replies, processEvents } = setup;
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

const threadData = workerData as Partial<ThreadData> | null;
// Thrown before 'ready', a failure ends the worker, and the server thread refuses to start.
if (!isMainThread && threadData?.conversationThread) runConversationThread(threadData.conversationThread);
