import { FailedAttempts } from '../../src/admin/attempts';

describe('failed bearer attempts', () => {
  let now = 0;
  const attempts = (maxTracked?: number) =>
    new FailedAttempts({ maxFailures: 3, windowMs: 60_000, now: () => now, maxTracked });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses an address after its limit until the window ends, and only that address', () => {
    const a = attempts();
    for (let i = 0; i < 3; i++) {
      expect(a.retryAfterSeconds('10.0.0.1')).toBe(0);
      a.recordFailure('10.0.0.1');
    }
    expect(a.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(a.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 59_001;
    expect(a.retryAfterSeconds('10.0.0.1')).toBe(1);
    now += 1_000;
    expect(a.retryAfterSeconds('10.0.0.1')).toBe(0);
    // A new window: one more failure does not refuse again.
    a.recordFailure('10.0.0.1');
    expect(a.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('remembers a bounded number of addresses, forgetting the oldest first', () => {
    const a = attempts(2);
    for (let i = 0; i < 3; i++) a.recordFailure('first');
    now += 1;
    a.recordFailure('second');
    a.recordFailure('third');
    expect(a.retryAfterSeconds('first')).toBe(0);
  });
});
