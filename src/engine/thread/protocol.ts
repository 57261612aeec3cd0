import type { Config } from '../../config';
import type { RelayedCall, RelayedOutcome } from '../../line/relay';
import type { WorkReport } from '../../metrics/reports';
import type { NewInboxEvent } from '../../store/types';

/** What the conversation thread is started with (copied into it, so plain data only). */
export interface ThreadSetup {
  config: Config;
  /** The server thread's log level (a caller's own logger may differ from LOG_LEVEL: the terminal chat's is silent). */
  logLevel: string;
  settleMs?: number;
  /**
   * `line`: the thread sends replies to LINE itself, which keeps that work off the server thread. `relay`: the
   * transport lives in the server thread (the local chat, the terminal chat, a test's stand-in) and replies go
   * there.
   */
  replies: 'line' | 'relay';
  /** False only stores events: tests use it to stand for a process that crashed after accepting. */
  processEvents: boolean;
}

/** Server thread → conversation thread. */
export type HostMessage =
  | { kind: 'request'; id: number; op: 'accept'; events: NewInboxEvent[] }
  | { kind: 'request'; id: number; op: 'start' | 'idle' | 'stop' }
  | { kind: 'request'; id: number; op: 'clock'; flowNow: string | null }
  | RelayedOutcome;

/** Conversation thread → server thread. */
export type ThreadMessage =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; result?: string[] }
  | { kind: 'refused'; id: number; error: string }
  | RelayedCall
  | { kind: 'report'; report: WorkReport };
