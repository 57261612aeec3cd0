import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { LineApiError, toLineApiError, type LineMessage, type LineTransport } from '../line/transport';
import type { NoticeBatch, NoticeRecord, NoticeStore, ResidentStore } from '../store/types';
import { backoffDelay } from './backoff';

export const MULTICAST_BATCH = 500;
/**
 * LINE remembers an X-Line-Retry-Key for 24 hours. Past that, a retry of a batch whose first attempt may have gone
 * out could deliver it twice, so such a batch is left for staff to decide (an hour's margin for clocks and LINE).
 */
export const RETRY_KEY_LIFETIME_MS = 23 * 60 * 60 * 1000;

export interface DispatcherOptions {
  store: NoticeStore & ResidentStore;
  transport: LineTransport;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
  leaseMs?: number;
  /** First wait after a 429 or 5xx; doubled on each further try, with jitter. */
  backoffBaseMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of every batch that is finished (the metrics). */
  onBatchFinished?: (outcome: 'sent' | 'failed') => void;
  /** The jitter's source (tests fix it). */
  random?: () => number;
}

// A Retry-After longer than this is waited only this long. The notice's lease (10 minutes) is not renewed while
// a batch waits: one batch's four waits of two minutes end within it. A notice of many batches that LINE keeps
// turning away can still outlast it; another replica then takes it over, and the retry keys stop a second
// delivery, not a second sending.
const MAX_RETRY_AFTER_MS = 2 * 60_000;
const retryable = (e: LineApiError) => e.status === null || e.status === 429 || e.status >= 500;

/**
 * Sends stored notices when they are due. Every batch gets its retry key once, stored before the first
 * attempt, so a retry after a timeout, a 5xx or a crash never delivers twice.
 */
export class NoticeDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly o: DispatcherOptions) {}

  start(): void {
    this.poke();
    this.timer = setInterval(() => this.poke(), this.o.pollMs ?? 5_000);
    this.timer.unref();
  }

  /** Looks for due notices now (after one was created, and on every poll). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .catch((error) => this.o.logger.error({ err: error }, 'notice dispatch failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Resolves when no dispatch is under way: for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const notice = await this.o.store.claimDueNotice(this.o.clock.realNow(), this.o.leaseMs ?? 10 * 60_000);
      if (!notice) return;
      await this.deliver(notice);
    }
  }

  private async plan(notice: NoticeRecord): Promise<NoticeBatch[]> {
    if (notice.audience.kind === 'all') {
      return this.o.store.planNoticeBatches(notice.id, [
        { index: 0, retryKey: randomUUID(), plannedAt: this.o.clock.realNow(), recipients: null },
      ]);
    }
    const audience = await this.o.store.topicAudience(notice.audience.topic);
    const batches = [];
    const plannedAt = this.o.clock.realNow();
    for (let i = 0; i * MULTICAST_BATCH < audience.length; i++) {
      batches.push({
        index: i,
        retryKey: randomUUID(),
        plannedAt,
        recipients: audience.slice(i * MULTICAST_BATCH, (i + 1) * MULTICAST_BATCH),
      });
    }
    return this.o.store.planNoticeBatches(notice.id, batches);
  }

  private async deliver(notice: NoticeRecord): Promise<void> {
    const batches = await this.plan(notice);
    const messages = notice.messages as LineMessage[];
    for (const batch of batches.filter((b) => b.status === 'pending')) {
      if (this.o.clock.realNow() - batch.plannedAt > RETRY_KEY_LIFETIME_MS) {
        // Resumed more than a day after it was planned (the bot was down, say): LINE no longer knows the key,
        // and the first attempt may have been delivered. Sending again could deliver twice; not sending could
        // leave residents uninformed. Staff decide (cancel it, or send a new notice).
        batch.status = 'needsDecision';
        batch.detail =
          'retry key older than 24 hours: LINE may have delivered it already, a retry could deliver twice';
        await this.o.store.finishNoticeBatch(notice.id, batch.index, 'needsDecision', null, batch.detail);
        continue;
      }
      try {
        const receipt = await this.withRetry(() =>
          batch.recipients === null
            ? this.o.transport.broadcast(messages, batch.retryKey)
            : this.o.transport.multicast(batch.recipients, messages, batch.retryKey),
        );
        batch.status = 'sent';
        batch.requestId = receipt.requestId;
        await this.o.store.finishNoticeBatch(notice.id, batch.index, 'sent', receipt.requestId, null);
        this.o.onBatchFinished?.('sent');
      } catch (error) {
        const e = error instanceof LineApiError ? error : toLineApiError(error);
        batch.status = 'failed';
        batch.detail = e.message;
        await this.o.store.finishNoticeBatch(notice.id, batch.index, 'failed', e.requestId, e.message);
        this.o.onBatchFinished?.('failed');
      }
    }
    const failed = batches.filter((b) => b.status === 'failed');
    const undecided = batches.filter((b) => b.status === 'needsDecision');
    const status = undecided.length ? 'needsDecision' : failed.length ? 'failed' : 'sent';
    const recipients =
      notice.audience.kind === 'all' ? null : batches.reduce((n, b) => n + (b.recipients?.length ?? 0), 0);
    const detail = [...undecided, ...failed].length
      ? [...undecided, ...failed].map((b) => `batch ${b.index}: ${b.detail}`).join('; ')
      : batches.length === 0
        ? 'nobody has opted in to this topic yet'
        : null;
    await this.o.store.finishNotice(notice.id, status, recipients, detail, this.o.clock.realNow());
    this.o.logger[status === 'sent' ? 'info' : 'warn'](
      {
        notice: notice.id,
        status,
        batches: batches.length,
        recipients,
        requestIds: batches.map((b) => b.requestId),
      },
      status === 'needsDecision' ? 'notice needs a decision by staff' : 'notice finished',
    );
  }

  private async withRetry<T>(send: () => Promise<T>): Promise<T> {
    const attempts = this.o.maxAttempts ?? 5;
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const e = error instanceof LineApiError ? error : toLineApiError(error);
        if (!retryable(e) || attempt >= attempts) throw e;
        this.o.logger.warn(
          { status: e.status, requestId: e.requestId, attempt },
          'LINE asked us to retry the notice',
        );
        // LINE's own Retry-After, when it gives one, is the least we wait: coming back sooner is turned away again.
        const asked = Math.min(e.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
        await sleep(Math.max(asked, backoffDelay(this.o.backoffBaseMs ?? 1_000, attempt, this.o.random)));
      }
    }
  }
}
