import type { AnyStateMachine } from 'xstate';
import type { Content } from '../src/content/schema';
import type { Lang, Topic } from './topics';

/** What every flow is started with. `now` is an ISO time: flows never read the clock themselves. */
export interface FlowInput {
  topic: Topic;
  lang: Lang;
  now: string;
  /** Closest topics when the question was not understood well enough. */
  suggestions?: Topic[];
}

export type Answer = 'yes' | 'no' | 'march' | 'notyet';

export type FlowEvent = { type: 'ANSWER'; answer: Answer; now: string } | { type: 'UNCLEAR'; now: string };

export interface FlowDefinition {
  id: string;
  /** Bump when a change makes persisted snapshots of this flow unsafe to restore. */
  version: number;
  topics: readonly Topic[];
  create(content: Content): AnyStateMachine;
}
