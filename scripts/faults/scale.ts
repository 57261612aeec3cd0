import type { Figures } from './lib/tally';

export interface ScenarioResult {
  figures: Figures;
  /** What else the scenario saw (kills, pauses, status codes). */
  note: string;
  /** False when a check beyond the figures failed (a 5xx to LINE, /readyz not following the store). */
  ok?: boolean;
  /** A known gap another change closes: reported, not failing the run (FAULTS_STRICT=1 makes it fail). */
  awaiting?: string;
}

/** How big each scenario runs: the full suite for the README's figures, the short one for CI. */
export interface Scale {
  events: number;
  residents: number;
  kills: number;
  killEveryMs: number;
  /** Events per second while the bot is being killed: the load lasts long enough for every kill. */
  sigkillRate: number;
  pauses: number;
  fuzzBodies: number;
  lineFaultEvents: number;
  timeLimitMs: number;
}

export const FULL: Scale = {
  events: 2_000,
  residents: 500,
  kills: 10,
  killEveryMs: 3_000,
  sigkillRate: 25,
  pauses: 3,
  fuzzBodies: 10_000,
  lineFaultEvents: 300,
  timeLimitMs: 240_000,
};

export const SHORT: Scale = {
  events: 300,
  residents: 100,
  kills: 3,
  killEveryMs: 2_000,
  sigkillRate: 20,
  pauses: 1,
  fuzzBodies: 1_000,
  lineFaultEvents: 60,
  timeLimitMs: 60_000,
};
