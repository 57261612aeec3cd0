export interface AttemptLimits {
  /** Failed attempts an address may make in one window before it is refused. */
  maxFailures: number;
  windowMs: number;
  now: () => number;
  /** Addresses remembered at most; past that, expired windows are dropped first, then the oldest. */
  maxTracked?: number;
}

/** Ten tries in fifteen minutes is plenty for a clerk who mistyped, and nothing for someone guessing. */
export const ADMIN_ATTEMPT_LIMITS = { maxFailures: 10, windowMs: 15 * 60_000 } as const;

/**
 * Failed bearer attempts per client address, in a fixed window from the first failure. Past the limit every
 * request from that address is refused until the window ends, whatever token it carries, so that a token cannot
 * be guessed one request at a time.
 */
export class FailedAttempts {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(private readonly limits: AttemptLimits) {}

  /** Whole seconds until `address` may try again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const window = this.windows.get(address);
    const now = this.limits.now();
    if (!window || window.endsAt <= now) return 0;
    if (window.failures < this.limits.maxFailures) return 0;
    return Math.ceil((window.endsAt - now) / 1000);
  }

  recordFailure(address: string): void {
    const now = this.limits.now();
    const window = this.windows.get(address);
    if (window && window.endsAt > now) {
      window.failures++;
      return;
    }
    this.windows.delete(address);
    this.forgetSome(now);
    this.windows.set(address, { failures: 1, endsAt: now + this.limits.windowMs });
  }

  /** Keeps the memory bounded when many addresses fail (a scan): expired windows go first, then the oldest. */
  private forgetSome(now: number): void {
    const max = this.limits.maxTracked ?? 10_000;
    if (this.windows.size < max) return;
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
    for (const address of this.windows.keys()) {
      if (this.windows.size < max) break;
      this.windows.delete(address);
    }
  }
}
