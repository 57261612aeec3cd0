import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { performRelayedCall } from '../../line/relay';
import type { LineTransport } from '../../line/transport';
import type { WorkReport } from '../../metrics/reports';
import type { NewInboxEvent } from '../../store/types';
import type { EventIntake } from '../scheduler';
import type { HostMessage, ThreadMessage, ThreadSetup } from './protocol';

/** A request as a caller writes it: the id and kind are added on sending (Omit on each member of the union). */
type WithoutEnvelope<M> = M extends unknown ? Omit<M, 'id' | 'kind'> : never;
type Request = WithoutEnvelope<Extract<HostMessage, { kind: 'request' }>>;
type Pending = { resolve: (result: string[] | undefined) => void; reject: (error: Error) => void };

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
    entry = defaultEntryFile(),
  ): Promise<ConversationThread> {
    const worker = new Worker(entry, {
      workerData: setup,
      // Compiled, it inherits node's flags (--cpu-prof profiles it too); as source, tsx compiles it.
      execArgv: entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : undefined,
      // Short-lived garbage (one message's analysis) is collected sooner with a small young generation, and a
      // bound on the old generation makes V8 collect it before growing: without one, the thread's heap grew by
      // ~100 MiB under the bench's load (peak RSS 466 MiB, against 368 MiB with it). What this thread keeps alive
      // (content, lexicon, classifier, a few turns in flight) is a small part of the bound.
      resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 },
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

/** The compiled `worker.js` beside this file; under tests and tsx the TypeScript source, loaded through tsx. */
function defaultEntryFile(): string {
  return path.join(__dirname, `worker${path.extname(__filename)}`);
}
