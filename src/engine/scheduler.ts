import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { hashUserId } from '../privacy';
import type { InboxStore, NewInboxEvent, ResidentStore, RetentionStore } from '../store/types';
import { ClaimLease } from './lease';
import type { TurnHandler } from './turn';

/**
 * What the webhook hands residents' events to: it stores them durably, then has them answered. The scheduler
 * does it in the conversation thread; the server thread's `ConversationThread` forwards to it, so that answering
 * does not compete with taking webhooks for the same core.
 */
export interface EventIntake {
  /** Stores the events that are new (a redelivery is left out) and schedules them; resolves with their ids. */
  accept(events: NewInboxEvent[]): Promise<string[]>;
  /** Picks up what an earlier process left unfinished, then keeps sweeping. */
  start(): Promise<void>;
  /** Resolves when nothing is scheduled or running: for tests. */
  idle(): Promise<void>;
  /** Finishes the work in flight and takes no more. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  store: InboxStore & ResidentStore & RetentionStore;
  /** Handles each claimed event. */
  turns: Pick<TurnHandler, 'handle'>;
  clock: Clock;
  logger: Logger;
  /** How long a worker owns an event before another may take it over (a crashed replica's events). */
  leaseMs?: number;
  /**
   * Waits until no event of the resident has arrived for this long, so that events sent together are taken in
   * timestamp order; `maxSettleMs` caps the wait when events keep coming.
   */
  settleMs?: number;
  maxSettleMs?: number;
  /** How often unfinished events whose lease ran out are picked up again. */
  sweepIntervalMs?: number;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Decides when each accepted event is handled: one at a time per conversation (across processes, through the
 * store's claim and a lease kept alive while the turn runs), any number of conversations at once. A resident's
 * events sent together settle first, so that they are taken in timestamp order; a sweep picks up what a crashed
 * process left. What happens in a turn is the `TurnHandler`'s.
 */
export class ConversationScheduler implements EventIntake {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waitingSince = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastPurge = 0;
  private readonly leaseMs: number;
  private readonly settleMs: number;
  private readonly maxSettleMs: number;

  constructor(private readonly o: SchedulerOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.settleMs = o.settleMs ?? 15;
    this.maxSettleMs = o.maxSettleMs ?? 250;
  }

  async accept(events: NewInboxEvent[]): Promise<string[]> {
    const fresh = await this.o.store.acceptEvents(events);
    if (fresh.length > 0) {
      const isFresh = new Set(fresh);
      const keys = new Set(events.filter((e) => isFresh.has(e.id)).map((e) => e.conversationKey));
      for (const key of keys) this.schedule(key);
    }
    return fresh;
  }

  /** Picks up what an earlier process left unfinished, and keeps doing so for replicas that die. */
  async start(): Promise<void> {
    await this.sweep();
    // Never much slower than the lease: a stalled replica's events are taken over soon after it lapses.
    const interval = this.o.sweepIntervalMs ?? Math.min(5_000, this.leaseMs);
    this.sweeper = setInterval(
      () => void this.sweep().catch((e) => this.o.logger.error({ err: e }, 'sweep failed')),
      interval,
    );
    this.sweeper.unref();
  }

  async sweep(): Promise<void> {
    if (this.stopped) return;
    const now = this.o.clock.realNow();
    if (now - this.lastPurge > PURGE_INTERVAL_MS) {
      this.lastPurge = now;
      await this.o.store.purgeExpired(now);
    }
    const keys = await this.o.store.conversationsWithPendingEvents(this.o.clock.realNow());
    for (const key of keys) this.schedule(key, 0);
  }

  schedule(conversationKey: string, delayMs = this.settleMs): void {
    if (this.stopped) return;
    if (this.running.has(conversationKey)) {
      this.again.add(conversationKey);
      return;
    }
    const now = this.o.clock.realNow();
    const since = this.waitingSince.get(conversationKey) ?? now;
    const pending = this.timers.get(conversationKey);
    if (pending) {
      // Another event of this resident arrived while we waited: wait for a quiet moment again, so that events
      // sent together are all in the inbox (and taken in timestamp order), but never longer than the cap.
      if (delayMs === 0 || now - since >= this.maxSettleMs) return;
      clearTimeout(pending);
    }
    this.waitingSince.set(conversationKey, since);
    this.timers.set(
      conversationKey,
      setTimeout(
        () => {
          this.timers.delete(conversationKey);
          this.waitingSince.delete(conversationKey);
          this.run(conversationKey);
        },
        Math.min(delayMs, Math.max(0, this.maxSettleMs - (now - since))),
      ),
    );
  }

  private run(key: string): void {
    const work = this.drain(key)
      .catch((error) =>
        this.o.logger.error({ err: error, user: hashUserId(key) }, 'conversation processing failed'),
      )
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.schedule(key, 0);
      });
    this.running.set(key, work);
  }

  private async drain(key: string): Promise<void> {
    while (!this.stopped) {
      const claimedAt = this.o.clock.realNow();
      const event = await this.o.store.claimNextEvent(key, this.leaseMs, claimedAt);
      if (!event) return;
      const lease = new ClaimLease(this.o.store, event, this.leaseMs, this.o.clock, this.o.logger, claimedAt);
      lease.start();
      try {
        await this.o.turns.handle(event, lease);
      } finally {
        lease.stop();
      }
    }
  }

  /** Resolves when nothing is scheduled or running: for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.timers.size > 0) {
      await Promise.all([...this.running.values()]);
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, this.settleMs + 1));
    }
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waitingSince.clear();
    this.stopped = true;
    await Promise.all([...this.running.values()]);
  }
}
