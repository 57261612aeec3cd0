import type { FlowEvent } from '../../flows';

/** Every event a resident's reply can become in a flow, at one instant. */
export const answerEvents = (now: string): FlowEvent[] => [
  { type: 'ANSWER', answer: 'yes', now },
  { type: 'ANSWER', answer: 'no', now },
  { type: 'ANSWER', answer: 'march', now },
  { type: 'ANSWER', answer: 'notyet', now },
  { type: 'UNCLEAR', now },
];
