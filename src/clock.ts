/**
 * Two clocks on purpose: flows see `flowNow` (fixed by BOT_NOW for tests and demos), while reply-token age,
 * idle timeouts and retries must use `realNow`, or every webhook event would look expired.
 */
export interface Clock {
  flowNow(): Date;
  realNow(): number;
}

export function createClock(botNow?: Date): Clock {
  const { flowNow, realNow } = createAdjustableClock(botNow);
  return { flowNow, realNow };
}

/** The local chat's clock picker moves the flows' clock; nothing else can (the picker exists only in local mode). */
export interface AdjustableClock extends Clock {
  setFlowNow(instant: Date | undefined): void;
  /** The fixed time the flows see, or undefined for real time. */
  fixedFlowNow(): Date | undefined;
}

export function createAdjustableClock(botNow?: Date): AdjustableClock {
  let fixed = botNow;
  return {
    flowNow: () => (fixed ? new Date(fixed.getTime()) : new Date()),
    realNow: () => Date.now(),
    setFlowNow: (instant) => {
      fixed = instant;
    },
    fixedFlowNow: () => fixed,
  };
}
