import type { Clock } from '../clock';
import type { Content } from '../content/schema';
import { residentEventOf } from '../line/webhook';
import { renderReply } from '../line/render';
import { LineApiError, toLineApiError, type LineMessage, type LineTransport } from '../line/transport';
import type { Logger } from '../logger';
import type { WorkReport } from '../metrics/reports';
import type { LanguageUnderstanding } from '../nlu/types';
import { hashUserId } from '../privacy';
import type { EventOutcome, InboxEvent, InboxStore, ResidentStore, TurnEffects } from '../store/types';
import type { HandoffRoute } from '../../flows';
import { decideTurn, recallMemory, type FlowCatalog } from './conversation';
import { handoffRecord } from './handoffs';
import type { ResidentEvent } from './input';
import type { ClaimLease } from './lease';

export interface TurnOptions {
  store: InboxStore & ResidentStore;
  transport: LineTransport;
  catalog: FlowCatalog;
  content: Content;
  understanding: LanguageUnderstanding;
  clock: Clock;
  logger: Logger;
  idleTimeoutMs: number;
  /** LINE accepts a reply token for about a minute; older events are recorded as missed. */
  replyTokenMaxAgeMs?: number;
  /** Told of every finished event (the metrics, in the server thread). */
  onHandled?: (report: Extract<WorkReport, { kind: 'eventHandled' }>) => void;
}

/** One claimed event on its way: the row, what the resident did, and the lease that lets this worker act. */
interface Turn {
  event: InboxEvent;
  resident: ResidentEvent;
  lease: ClaimLease;
  started: number;
}

const CAS_ATTEMPTS = 5;

/**
 * Handles one claimed event of a conversation: reads what the resident did, understands it, has the flows
 * decide, stores the decision with its effects in one transaction, then sends the reply and records how the
 * event ended. Which event, when, and under which lease is the scheduler's business.
 */
export class TurnHandler {
  private readonly replyTokenMaxAgeMs: number;

  constructor(private readonly o: TurnOptions) {
    this.replyTokenMaxAgeMs = o.replyTokenMaxAgeMs ?? 55_000;
  }

  async handle(event: InboxEvent, lease: ClaimLease): Promise<void> {
    const started = this.o.clock.realNow();
    const turn: Turn = { event, resident: residentEventOf(event), lease, started };
    const { input, userId, inGroup, replyToken } = turn.resident;
    const tokenExpired = started - event.timestamp > this.replyTokenMaxAgeMs;

    if (event.pendingReply) {
      // Decided and stored before a crash: send what was decided, never decide again.
      if (!replyToken || tokenExpired)
        return this.finish(turn, 'missed', 'reply token expired before resend', {});
      return this.send(turn, replyToken, event.pendingReply as LineMessage[], { route: 'resend' });
    }

    if (input.kind === 'unfollow' || input.kind === 'follow') {
      if (userId) await this.o.store.setFollowing(userId, input.kind === 'follow', started);
      if (input.kind === 'unfollow') return this.finish(turn, 'ignored', null, { route: 'unfollow' });
    }
    if (input.kind === 'left') {
      await this.o.store.forgetGroupChat(event.conversationKey);
      return this.finish(turn, 'ignored', null, { route: 'left' });
    }
    // In a group the bot says once that it answers one to one; after that, members' own talk gets no answer.
    if (input.kind === 'overheard' && (await this.o.store.hasToldGroupChat(event.conversationKey)))
      return this.finish(turn, 'ignored', 'not addressed to the bot', { route: 'overheard' });
    if (input.kind === 'ignored') return this.finish(turn, 'ignored', `event type ${input.eventType}`, {});
    if (!replyToken) return this.finish(turn, 'ignored', 'no reply token', {});
    if (tokenExpired) return this.finish(turn, 'missed', 'reply token too old', {});

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
          ? handoffRecord(decision.handoff, input, understanding, this.o.content, now, inGroup)
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
      };
      if (messages.length === 0) return this.finish(turn, 'ignored', 'nothing to say', fields);
      return this.send(turn, replyToken, messages, fields);
    }
    return this.finish(turn, 'failed', 'conversation kept changing under us (revision conflict)', {});
  }

  private async finish(
    turn: Turn,
    outcome: EventOutcome,
    detail: string | null,
    fields: Record<string, unknown>,
  ) {
    const { event } = turn;
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
    this.o.logger.info(
      {
        eventId: event.id,
        eventType: turn.resident.eventType,
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
    turn: Turn,
    replyToken: string,
    messages: LineMessage[],
    fields: Record<string, unknown>,
  ): Promise<void> {
    const { event, lease, started } = turn;
    // The reply goes out only after the fenced commit, and only while the claim is still ours: a worker paused
    // after its commit and taken over sends nothing, the one that took over sends the stored reply. A pause in
    // the instant between this check and the request can still let both send; LINE takes a reply token once,
    // so the resident still reads the answer once (the second request is refused as an invalid token).
    if (!(await lease.stillHeld())) return this.claimLost(event, 'reply');
    try {
      const receipt = await this.o.transport.reply(replyToken, messages);
      await this.finish(turn, 'answered', null, {
        ...fields,
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
      await this.finish(turn, 'failed', e.message, { ...fields, ms: this.o.clock.realNow() - started });
    }
  }
}
