import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { WorkReport } from './reports';

/**
 * The bot's Prometheus metrics, in a registry of its own (several bots may run in one process: the tests).
 * Counted in the server thread: what the conversation thread does arrives as `WorkReport`s.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly accepted = new Counter({
    name: 'bot_events_accepted_total',
    help: 'Webhook events stored in the inbox (new, not redeliveries)',
    registers: [this.registry],
  });
  private readonly redelivered = new Counter({
    name: 'bot_events_redelivered_total',
    help: 'Webhook events LINE sent again that were already in the inbox',
    registers: [this.registry],
  });
  private readonly handled = new Counter({
    name: 'bot_events_handled_total',
    help: 'Events finished, by outcome: answered, missed (reply token too old), failed, ignored',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly handoffs = new Counter({
    name: 'bot_handoffs_total',
    help: 'Questions handed to a phone line, by route: hotline, city, multilingual',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  private readonly replyLatency = new Histogram({
    name: 'bot_reply_latency_seconds',
    help: 'From the webhook request arriving to LINE accepting the reply, for answered events',
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly noticeBatches = new Counter({
    name: 'bot_notice_batches_total',
    help: 'Notice requests to LINE (one broadcast, or multicasts of 500) finished, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'bot_store_errors_total',
    help: 'Store operations that failed, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Zero series for the usual labels, so that rates and alerts work before the first one happens.
    for (const outcome of ['answered', 'missed', 'failed', 'ignored']) this.handled.labels(outcome);
    for (const route of ['hotline', 'city', 'multilingual']) this.handoffs.labels(route);
    for (const outcome of ['sent', 'failed']) this.noticeBatches.labels(outcome);
  }

  eventsAccepted(fresh: number, redelivered: number): void {
    this.accepted.inc(fresh);
    this.redelivered.inc(redelivered);
  }

  noticeBatchFinished(outcome: string): void {
    this.noticeBatches.labels(outcome).inc();
  }

  storeError(operation: string): void {
    this.storeErrors.labels(operation).inc();
  }

  record(report: WorkReport): void {
    if (report.kind === 'storeError') return this.storeError(report.operation);
    this.handled.labels(report.outcome).inc();
    if (report.handoff) this.handoffs.labels(report.handoff).inc();
    if (report.replyLatencyMs !== null) this.replyLatency.observe(report.replyLatencyMs / 1000);
  }
}
