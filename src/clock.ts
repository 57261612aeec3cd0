/**
 * Two clocks on purpose: flows see `flowNow` (fixed by BOT_NOW for tests and demos), while reply-token age,
 * idle timeouts and retries must use `realNow`, or every webhook event would look expired.
 */
export interface Clock {
  flowNow(): Date;
  realNow(): number;
}

export function createClock(botNow?: Date): Clock {
  return {
    flowNow: () => (botNow ? new Date(botNow.getTime()) : new Date()),
    realNow: () => Date.now(),
  };
}
