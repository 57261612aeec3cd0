import { answersFlow } from './answers';
import { eligibilityFlow } from './eligibility';
import { handoffFlow } from './handoff';
import { noticesFlow } from './notices';
import type { Purpose } from './purposes';
import type { FlowDefinition } from './types';
import { welcomeFlow } from './welcome';

export const FLOWS: readonly FlowDefinition[] = [
  welcomeFlow,
  eligibilityFlow,
  answersFlow,
  handoffFlow,
  noticesFlow,
];

export function flowForPurpose(purpose: Purpose): FlowDefinition {
  const flow = FLOWS.find((f) => f.purposes.includes(purpose));
  if (!flow) throw new Error(`no flow is started for "${purpose}"`);
  return flow;
}

export type { FlowDefinition, FlowInput, FlowEvent, Answer } from './types';
export type { ReplyEvent, ReplyPart, QuickOption, PreferenceEvent, HandoffEvent } from './reply';
export { NOTICE_TOPIC } from './notices';
export { PURPOSES, isPurpose, type Purpose, type Lang, type HandoffRoute } from './purposes';
export type { DialogueMemory, QuestionSlots, WhenSlot } from './lib/slots';
