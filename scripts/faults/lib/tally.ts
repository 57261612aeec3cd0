import type { FaultyLine } from './fakeLine';
import type { SentEvent } from './load';
import type { EventRow } from './outcomes';

export interface Figures {
  sent: number;
  acknowledged: number;
  answeredOnce: number;
  /**
   * Events answered twice: two replies accepted, or two different replies sent (two decisions). Must be 0.
   */
  answeredTwice: number;
  /**
   * The same stored reply sent again with its token and refused by LINE (single use): a replica stalled or was
   * killed in the instant after sending and before recording it, and the one that took over resent it. The
   * resident reads it once. This is the at-least-once side of the trade-off, kept on purpose.
   */
  resentRefused: number;
  /** Recorded as missed: the reply token was too old by the time the event could be answered. */
  missed: number;
  /** Recorded as failed: LINE refused the reply (a fault injected on purpose). */
  refusedByLine: number;
  /** Acknowledged, then neither answered nor recorded: must be 0. */
  lost: number;
  /** Acknowledged and still open when the scenario ended (a reply that never came back). */
  stuck: number;
}

export function tally(events: SentEvent[], line: FaultyLine, rows: Map<string, EventRow>): Figures {
  const f: Figures = {
    sent: events.length,
    acknowledged: 0,
    answeredOnce: 0,
    answeredTwice: 0,
    resentRefused: 0,
    missed: 0,
    refusedByLine: 0,
    lost: 0,
    stuck: 0,
  };
  for (const e of events) {
    const reply = line.replies.get(e.replyToken);
    const row = rows.get(e.id);
    const twice = reply !== undefined && (reply.accepted > 1 || reply.contents.size > 1);
    if (twice) f.answeredTwice++;
    else if (reply && reply.requests > 1) f.resentRefused++;
    if (!e.acknowledged) continue;
    f.acknowledged++;
    if (reply?.accepted === 1 && !twice) f.answeredOnce++;
    else if (row?.outcome === 'missed') f.missed++;
    else if (row?.outcome === 'failed') f.refusedByLine++;
    else if (row && row.status !== 'done') f.stuck++;
    else if (!reply?.accepted) f.lost++;
  }
  return f;
}

export const describe = (f: Figures) =>
  `sent ${f.sent}, acknowledged ${f.acknowledged}, answered once ${f.answeredOnce}, answered twice ${f.answeredTwice}, ` +
  `resent and refused by LINE ${f.resentRefused}, missed ${f.missed}, refused by LINE ${f.refusedByLine}, stuck ${f.stuck}, lost ${f.lost}`;

export const passes = (f: Figures) => f.answeredTwice === 0 && f.lost === 0 && f.stuck === 0;
