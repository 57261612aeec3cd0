import type { webhook } from '@line/bot-sdk';
import type { Clock } from '../clock';
import { renderReply } from '../effects/render';
import type { Logger } from '../logger';
import type { WorkReport } from '../metrics/reports';
import { LineApiError, toLineApiError, type LineMessage, type LineTransport } from '../line/transport';
import type { LanguageUnderstanding } from '../nlu/types';
import { hashUserId } from '../privacy';
import type {
  EventOutcome,
  InboxEvent,
  InboxStore,
  ResidentStore,
  RetentionStore,
  TurnEffects,
} from '../store/types';
import type { Content } from '../content/schema';
import type { HandoffRoute } from '../../flows';
import { decideTurn, recallMemory, type FlowCatalog } from './conversation';
import { handoffRecord } from './handoffs';
import { isGroupChat, residentInput, userIdOf } from './input';
import { ClaimLease } from './lease';

export interface ProcessorOptions {
  store: InboxStore & ResidentStore & RetentionStore;
  transport: LineTransport;
  catalog: FlowCatalog;
  content: Content;
  understanding: LanguageUnderstanding;
  clock: Clock;
  logger: Logger;
  idleTimeoutMs: number;
  /** How long a worker owns an event before another may take it over (a crashed replica's events). */
  leaseMs?: number;
  /** LINE accepts a reply token for about a minute; older events are recorded as missed. */
  replyTokenMaxAgeMs?: number;
  /**
   * Waits until no event of the resident has arrived for this long, so that events sent together are taken in
   * timestamp order; `maxSettleMs` caps the wait when events keep coming.
   */
  settleMs?: number;
  maxSettleMs?: number;
  /** How often unfinished events whose lease ran out are picked up again. */
  sweepIntervalMs?: number;
  /** Told of every finished event (the metrics, in the server thread). */
  onHandled?: (report: Extract<WorkReport, { kind: 'eventHandled' }>) => void;
}

const CAS_ATTEMPTS = 5;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Takes accepted events out of the inbox and answers them: one at a time per conversation (across processes,
 * through the store's claim), any number of conversations at once.
 */
export class ConversationProcessor {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly waitingSince = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastPurge = 0;
  private readonly leaseMs: number;
  private readonly replyTokenMaxAgeMs: number;
  private readonly settleMs: number;
  private readonly maxSettleMs: number;

  constructor(private readonly o: ProcessorOptions) {
    this.leaseMs = o.leaseMs ?? 30_000;
    this.replyTokenMaxAgeMs = o.replyTokenMaxAgeMs ?? 55_000;
    this.settleMs = o.settleMs ?? 15;
    this.maxSettleMs = o.maxSettleMs ?? 250;
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
        await this.handle(event, lease);
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

  private async finish(
    event: InboxEvent,
    outcome: EventOutcome,
    detail: string | null,
    fields: Record<string, unknown>,
  ) {
    const finishedAt = this.o.clock.realNow();
    if (!(await this.o.store.finishEvent(event, outcome, detail, finishedAt))) {
      return this.claimLost(event, `finish as ${outcome}`);
    }
    this.o.onHandled?.({
      kind: 'eventHandled',
      outcome,
      handoff: (fields.handoff as HandoffRoute | undefined) ?? null,
      replyLatencyMs: outcome === 'answered' ? finishedAt - event.receivedAt : null,
    });
    const payload = event.payload as webhook.Event | null;
    this.o.logger.info(
      {
        eventId: event.id,
        eventType: payload?.type,
        user: hashUserId(event.conversationKey),
        outcome,
        attempts: event.attempts,
        ageMs: this.o.clock.realNow() - event.timestamp,
        ...fields,
        ...(detail ? { detail } : {}),
      },
      'event handled',
    );
  }

  /** Another worker took the event over while this one stalled: whatever this one decided is dropped. */
  private claimLost(event: InboxEvent, dropped: string): void {
    this.o.logger.warn(
      { eventId: event.id, user: hashUserId(event.conversationKey), attempts: event.attempts, dropped },
      'claim lost: the lease ran out and another worker took the event over; result dropped',
    );
  }

  private async handle(event: InboxEvent, lease: ClaimLease): Promise<void> {
    const started = this.o.clock.realNow();
    const payload = event.payload as webhook.Event & { replyToken?: string };
    const replyToken = payload?.replyToken;
    const tokenExpired = started - event.timestamp > this.replyTokenMaxAgeMs;

    if (event.pendingReply) {
      // Decided and stored before a crash: send what was decided, never decide again.
      if (!replyToken || tokenExpired)
        return this.finish(event, 'missed', 'reply token expired before resend', {});
      return this.send(event, lease, replyToken, event.pendingReply as LineMessage[], {
        route: 'resend',
        started,
      });
    }

    const input = residentInput(payload);
    const userId = userIdOf(payload);
    if (input.kind === 'unfollow' || input.kind === 'follow') {
      if (userId) await this.o.store.setFollowing(userId, input.kind === 'follow', started);
      if (input.kind === 'unfollow') return this.finish(event, 'ignored', null, { route: 'unfollow' });
    }
    if (input.kind === 'left') {
      await this.o.store.forgetGroupChat(event.conversationKey);
      return this.finish(event, 'ignored', null, { route: 'left' });
    }
    // In a group the bot says once that it answers one to one; after that, members' own talk gets no answer.
    if (input.kind === 'overheard' && (await this.o.store.hasToldGroupChat(event.conversationKey)))
      return this.finish(event, 'ignored', 'not addressed to the bot', { route: 'overheard' });
    if (input.kind === 'ignored') return this.finish(event, 'ignored', `event type ${input.eventType}`, {});
    if (!replyToken) return this.finish(event, 'ignored', 'no reply token', {});
    if (tokenExpired) return this.finish(event, 'missed', 'reply token too old', {});

    let friendship: Promise<string | null> | null = null;
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      const envelope = await this.o.store.loadConversation(event.conversationKey);
      const memory = recallMemory(envelope, this.o.clock.realNow(), this.o.idleTimeoutMs);
      const understanding =
        input.kind === 'text' ? this.o.understanding.understand(input.text, memory) : null;
      const decision = decideTurn({
        catalog: this.o.catalog,
        content: this.o.content,
        envelope,
        input,
        understanding,
        now: this.o.clock.flowNow(),
        realNow: this.o.clock.realNow(),
        idleTimeoutMs: this.o.idleTimeoutMs,
      });
      const messages = renderReply(decision.replies);
      const now = this.o.clock.realNow();
      // Stored with the turn, in one transaction: a crash can lose neither a choice nor a question.
      const effects: TurnEffects = {
        optIns: userId
          ? decision.preferences.map((p) => ({ userId, topic: p.topic, optedIn: p.optedIn }))
          : [],
        unanswered: decision.handoff
          ? handoffRecord(decision.handoff, input, understanding, this.o.content, now, isGroupChat(payload))
          : null,
        knownFriend:
          userId && decision.preferences.some((p) => p.optedIn)
            ? await (friendship ??= this.friendUnknownToStore(userId))
            : null,
        toldGroupChat: input.kind === 'overheard' ? event.conversationKey : null,
        // Counted for staff only if the reply goes out (the event then ends as answered).
        answeredUnits: decision.handoff ? [] : (understanding?.units ?? []),
      };
      const committed = await this.o.store.commitTurn(
        event,
        event.conversationKey,
        decision.change,
        messages,
        now,
        effects,
      );
      if (committed === 'lost') return this.claimLost(event, 'decided turn');
      if (committed === 'conflict') continue;
      const fields = {
        route: decision.route,
        handoff: decision.handoff ?? undefined,
        reset: decision.reset ?? undefined,
        units: understanding?.units.join('+') || undefined,
        followUp: understanding?.followUp || undefined,
        confidence: understanding ? Number(understanding.confidence.toFixed(3)) : undefined,
        started,
      };
      if (messages.length === 0) return this.finish(event, 'ignored', 'nothing to say', fields);
      return this.send(event, lease, replyToken, messages, fields);
    }
    return this.finish(event, 'failed', 'conversation kept changing under us (revision conflict)', {});
  }

  /**
   * Notices go to residents the store knows as following, and it learns that from follow events. A resident who
   * added the account before the bot went live sent none, so opting in would change nothing for them. When one
   * opts in and the store does not know them, LINE is asked: it gives a profile only to a friend who has not
   * blocked the account. (The message itself is weaker evidence: LINE does not promise that only friends can
   * write to an account.) The answer is stored only where the store knew nothing, so an unfollow, earlier or
   * later, still decides. If LINE cannot be asked now, the choice is stored all the same, and the next opt-in
   * asks again.
   */
  private async friendUnknownToStore(userId: string): Promise<string | null> {
    if ((await this.o.store.isFollowing(userId)) !== null) return null;
    try {
      return (await this.o.transport.isFriend(userId)) ? userId : null;
    } catch (error) {
      const e = toLineApiError(error);
      this.o.logger.warn(
        { user: hashUserId(userId), status: e.status, requestId: e.requestId },
        'could not ask LINE whether a resident who opted in is a friend',
      );
      return null;
    }
  }

  private async send(
    event: InboxEvent,
    lease: ClaimLease,
    replyToken: string,
    messages: LineMessage[],
    fields: Record<string, unknown> & { started: number },
  ): Promise<void> {
    const { started, ...rest } = fields;
    // The reply goes out only after the fenced commit, and only while the claim is still ours: a worker paused
    // after its commit and taken over sends nothing, the one that took over sends the stored reply. A pause in
    // the instant between this check and the request can still let both send; LINE takes a reply token once,
    // so the resident still reads the answer once (the second request is refused as an invalid token).
    if (!(await lease.stillHeld())) return this.claimLost(event, 'reply');
    try {
      const receipt = await this.o.transport.reply(replyToken, messages);
      await this.finish(event, 'answered', null, {
        ...rest,
        requestId: receipt.requestId,
        ms: this.o.clock.realNow() - started,
      });
    } catch (error) {
      const e = error instanceof LineApiError ? error : toLineApiError(error);
      // A reply token is single use: a failed reply is recorded, never retried with the same token.
      this.o.logger.warn(
        { eventId: event.id, status: e.status, requestId: e.requestId, lineMessage: e.body },
        'LINE refused the reply',
      );
      await this.finish(event, 'failed', e.message, { ...rest, ms: this.o.clock.realNow() - started });
    }
  }
}
