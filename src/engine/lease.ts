import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { EventClaim, InboxStore } from '../store/types';

/**
 * Keeps the lease on a claimed event alive while its turn runs (a heartbeat every third of the lease), so that a
 * slow turn is not taken over, and tells the turn whether it may still act. A process that stalls (a long GC
 * pause, SIGSTOP, a frozen VM) misses its heartbeats: another worker takes the event over, and the store refuses
 * this claim's commit and finish from then on.
 */
export class ClaimLease {
  private timer: NodeJS.Timeout | null = null;
  /** Until when the store surely still has our lease, as far as this process knows. */
  private heldUntil: number;
  private lost = false;

  constructor(
    private readonly store: Pick<InboxStore, 'renewClaim'>,
    private readonly claim: EventClaim,
    private readonly leaseMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
    claimedAt: number,
  ) {
    this.heldUntil = claimedAt + leaseMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Whether the claim is still ours, checked with the store when this process cannot be sure (a heartbeat is
   * overdue: it was paused, or the store was slow). Asked just before a reply goes out, so that a process that
   * was paused after its commit does not send what the worker that took over is sending.
   */
  async stillHeld(): Promise<boolean> {
    if (this.lost) return false;
    if (this.clock.realNow() < this.heldUntil - this.leaseMs / 2) return true;
    return this.renew();
  }

  private async renew(): Promise<boolean> {
    if (this.lost) return false;
    const asked = this.clock.realNow();
    try {
      if (await this.store.renewClaim(this.claim, this.leaseMs, asked)) {
        this.heldUntil = Math.max(this.heldUntil, asked + this.leaseMs);
        return true;
      }
      this.lost = true;
      this.stop();
      return false;
    } catch (error) {
      // The store is unreachable: the lease may run out, and the commit (fenced) will tell. Not lost yet.
      this.logger.warn({ err: error, eventId: this.claim.id }, 'could not renew the lease on an event');
      return this.clock.realNow() < this.heldUntil;
    }
  }
}
