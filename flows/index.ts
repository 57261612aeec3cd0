import { answersFlow } from './answers';
import { eligibilityFlow } from './eligibility';
import { handoffFlow } from './handoff';
import { noticesFlow } from './notices';
import type { Topic } from './topics';
import type { FlowDefinition } from './types';
import { welcomeFlow } from './welcome';

export const FLOWS: readonly FlowDefinition[] = [
  welcomeFlow,
  eligibilityFlow,
  answersFlow,
  handoffFlow,
  noticesFlow,
];

export function flowForTopic(topic: Topic): FlowDefinition {
  const flow = FLOWS.find((f) => f.topics.includes(topic));
  if (!flow) throw new Error(`no flow answers the topic "${topic}"`);
  return flow;
}

export type { FlowDefinition, FlowInput, FlowEvent, Answer } from './types';
export type { ReplyEvent, ReplyPart, QuickOption, PreferenceEvent, HandoffEvent } from './reply';
export { NOTICE_TOPIC } from './notices';
export { TOPICS, isTopic, type Topic, type Lang, type HandoffRoute } from './topics';
export type { DialogueMemory, QuestionSlots, WhenSlot } from './lib/slots';
