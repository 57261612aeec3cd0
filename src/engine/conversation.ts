import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import {
  FLOWS,
  flowForPurpose,
  type DialogueMemory,
  type FlowDefinition,
  type FlowEvent,
  type FlowInput,
  type HandoffEvent,
  type HandoffRoute,
  type PreferenceEvent,
  type ReplyEvent,
  type Purpose,
} from '../../flows';
import type { Answer } from '../../flows/types';
import type { AnswerUnit, Content } from '../content/schema';
import type { Understanding } from '../nlu/types';
import type { ConversationChange, ConversationEnvelope } from '../store/types';
import type { ResidentInput } from './input';
import { FlowStepper } from './stepper';

export interface CompiledFlow {
  definition: FlowDefinition;
  machine: AnyStateMachine;
  stepper: FlowStepper;
}

export type FlowCatalog = Map<string, CompiledFlow>;

export function compileFlows(content: Content, flows: readonly FlowDefinition[] = FLOWS): FlowCatalog {
  return new Map(
    flows.map((definition) => {
      const machine = definition.create(content);
      return [definition.id, { definition, machine, stepper: new FlowStepper(machine) }];
    }),
  );
}

export type ResetReason = 'idle' | 'version' | 'broken';

export interface TurnDecision {
  change: ConversationChange;
  replies: ReplyEvent[];
  /** Choices to store for the resident (notice opt-in), applied by the effect runner. */
  preferences: PreferenceEvent[];
  /** The phone line the resident was sent to in this turn, if any: the hand-off is recorded for staff. */
  handoff: HandoffRoute | null;
  reset: ResetReason | null;
  /** Which flow answered and why, for the log (never the resident's words). */
  route: string;
}

export interface TurnRequest {
  catalog: FlowCatalog;
  content: Content;
  envelope: ConversationEnvelope | null;
  input: ResidentInput;
  understanding: Understanding | null;
  /** The flows' clock (BOT_NOW or real time). */
  now: Date;
  /** Real time, for the idle timeout. */
  realNow: number;
  idleTimeoutMs: number;
}

const ANSWERS: readonly Answer[] = ['yes', 'no', 'march', 'notyet'];

type Emitted = ReplyEvent | PreferenceEvent | HandoffEvent;

const emittedEvents = (actions: { type: string; params?: unknown }[]): Emitted[] =>
  actions.filter((a) => a.type === 'xstate.emit').map((a) => (a.params as { event: Emitted }).event);

/** The reply intents among the actions a pure transition returned (flows speak only through `emit`). */
export function emitted(actions: { type: string; params?: unknown }[]): ReplyEvent[] {
  return emittedEvents(actions).filter((e): e is ReplyEvent => e.type === 'reply');
}

/** The choices a flow asked to remember, among the same actions. */
export function preferences(actions: { type: string; params?: unknown }[]): PreferenceEvent[] {
  return emittedEvents(actions).filter((e): e is PreferenceEvent => e.type === 'preference');
}

/** The phone lines a flow sent the resident to, among the same actions. */
export function handoffs(actions: { type: string; params?: unknown }[]): HandoffEvent[] {
  return emittedEvents(actions).filter((e): e is HandoffEvent => e.type === 'handoff');
}

interface ActiveFlow {
  flow: CompiledFlow;
  snapshot: AnyMachineSnapshot;
}

/** Revives the stored conversation, or says why it cannot be continued. */
function revive(
  catalog: FlowCatalog,
  envelope: ConversationEnvelope | null,
  realNow: number,
  idleTimeoutMs: number,
): { active: ActiveFlow | null; reset: ResetReason | null } {
  if (!envelope) return { active: null, reset: null };
  if (realNow - envelope.updatedAt > idleTimeoutMs) return { active: null, reset: 'idle' };
  const flow = catalog.get(envelope.flowId);
  if (!flow || flow.definition.version !== envelope.flowVersion) return { active: null, reset: 'version' };
  try {
    const snapshot = flow.stepper.restore(envelope.snapshot);
    if (snapshot.status !== 'active') return { active: null, reset: 'broken' };
    return { active: { flow, snapshot }, reset: null };
  } catch {
    return { active: null, reset: 'broken' };
  }
}

type Intent =
  | { kind: 'event'; event: FlowEvent }
  | { kind: 'start'; purpose: Purpose; start?: Partial<FlowInput> }
  | { kind: 'cancel' };

/**
 * Rich menus deployed before answer units existed send `topic=…` (the postback's name for what was asked):
 * each old value is one unit now.
 */
const LEGACY_TOPIC_UNITS: Record<string, string> = {
  eligibility: 'eligibility.check',
  points: 'points.overview',
  deadline: 'deadline.overview',
  howToApply: 'apply.how',
  online: 'apply.online',
  hours: 'counter.hours',
  openNow: 'counter.openOn',
  closedDays: 'counter.closedDays',
  places: 'counter.places',
  beforeComing: 'counter.beforeComing',
  items: 'items.overview',
  fraud: 'fraud.overview',
  hotline: 'contact.hotline',
  multilingual: 'contact.multilingual',
  cityContact: 'contact.city',
  cardPinReset: 'card.pinReset',
  cardCertificateExpired: 'card.certExpired',
  cardNew: 'card.new',
  cardLost: 'card.lost',
  menu: 'menu',
  noticeMenu: 'notice.menu',
  noticeSubscribe: 'notice.subscribe',
  noticeUnsubscribe: 'notice.unsubscribe',
};

const ACTION_PURPOSES: Record<NonNullable<AnswerUnit['action']>, Purpose> = {
  interview: 'eligibility',
  greeting: 'greeting',
  thanks: 'thanks',
  menu: 'menu',
  noticeSubscribe: 'noticeSubscribe',
  noticeUnsubscribe: 'noticeUnsubscribe',
  noticeMenu: 'noticeMenu',
};

/** What starting these answer units means: another flow for an action unit, else the answers flow. */
function startUnits(
  content: Content,
  units: string[],
  extra: Partial<FlowInput> = {},
): Extract<Intent, { kind: 'start' }> | null {
  const known = units
    .map((id) => content.knowledge.units.find((u) => u.id === id))
    .filter((u) => u !== undefined);
  const action = known.find((u) => u.action);
  if (action?.action) return { kind: 'start', purpose: ACTION_PURPOSES[action.action], start: extra };
  if (known.length === 0) return null;
  return { kind: 'start', purpose: 'answer', start: { ...extra, units: known.map((u) => u.id) } };
}

function intentsFor(
  content: Content,
  input: ResidentInput,
  u: Understanding | null,
  nowIso: string,
): Intent[] {
  const menu: Intent = { kind: 'start', purpose: 'menu' };
  if (input.kind === 'follow') return [{ kind: 'start', purpose: 'follow' }];
  if (input.kind === 'unsupported') return [{ kind: 'start', purpose: 'unsupported' }];
  if (input.kind === 'postback') {
    const params = new URLSearchParams(input.data);
    const answer = params.get('answer');
    if (params.get('control') === 'cancel') return [{ kind: 'cancel' }];
    if (answer && (ANSWERS as string[]).includes(answer)) {
      // A button from a question that is no longer open falls back to the menu.
      return [{ kind: 'event', event: { type: 'ANSWER', answer: answer as Answer, now: nowIso } }, menu];
    }
    const unit = params.get('unit') ?? LEGACY_TOPIC_UNITS[params.get('topic') ?? ''];
    return [(unit && startUnits(content, [unit])) || menu];
  }
  if (input.kind !== 'text' || !u) return [menu];
  if (u.control === 'cancel') return [{ kind: 'cancel' }];
  const intents: Intent[] = [];
  if (u.answer) intents.push({ kind: 'event', event: { type: 'ANSWER', answer: u.answer, now: nowIso } });
  const asked = startUnits(content, u.units, {
    slots: u.slots,
    memory: u.memory,
    ...(u.handoff ? { handoff: u.handoff } : {}),
  });
  if (asked) intents.push(asked);
  intents.push({ kind: 'event', event: { type: 'UNCLEAR', now: nowIso } });
  // A bare はい/いいえ with no open question is no question at all: show what the bot can do.
  intents.push(
    u.answer
      ? menu
      : {
          kind: 'start',
          purpose: 'outOfScope',
          start: { handoff: u.handoff ?? 'hotline', suggestions: u.suggestions },
        },
  );
  return intents;
}

/**
 * What the resident's last question was about, for reading a follow-up: kept in the stored flow's context (the
 * answers flow's, or the notice settings' while they ask) while the conversation is not idle.
 */
export function recallMemory(
  envelope: ConversationEnvelope | null,
  realNow: number,
  idleTimeoutMs: number,
): DialogueMemory | null {
  if (!envelope || realNow - envelope.updatedAt > idleTimeoutMs) return null;
  const context = (envelope.snapshot as { context?: { memory?: DialogueMemory | null } } | null)?.context;
  return context?.memory ?? null;
}

/**
 * Decides one turn of a resident's conversation, purely: the stored envelope and the input in, the change to
 * store and the replies out. The only place where flows are started, restored and advanced.
 */
export function decideTurn(req: TurnRequest): TurnDecision {
  const { catalog, envelope, input, understanding } = req;
  const nowIso = req.now.toISOString();
  const lang =
    understanding?.lang ??
    (input.kind === 'postback' && new URLSearchParams(input.data).get('lang') === 'en' ? 'en' : 'ja');
  const { active, reset } = revive(catalog, envelope, req.realNow, req.idleTimeoutMs);
  const replies: ReplyEvent[] = [];
  const chosen: PreferenceEvent[] = [];
  const handedOff: HandoffEvent[] = [];
  const take = (actions: { type: string; params?: unknown }[]) => {
    replies.push(...emitted(actions));
    chosen.push(...preferences(actions));
    handedOff.push(...handoffs(actions));
  };
  const decided = (change: ConversationChange, route: string): TurnDecision => ({
    change,
    replies,
    preferences: chosen,
    handoff: handedOff[0]?.route ?? null,
    reset,
    route,
  });
  const startFlow = (purpose: Purpose, start: Partial<FlowInput> = {}) => {
    const flow = catalog.get(flowForPurpose(purpose).id);
    if (!flow) throw new Error(`the flow for "${purpose}" is not compiled`);
    const [snapshot, actions] = flow.stepper.initial({ ...start, purpose, lang, now: nowIso });
    take(actions);
    return { flow, snapshot };
  };
  if (input.kind === 'overheard') {
    // Said to a group once: it leaves the group's conversation (a question asked by mention) as it was.
    startFlow('groupIntro');
    return decided({ kind: 'keep' }, 'welcome:groupIntro');
  }
  if (reset === 'version' || reset === 'broken') startFlow('conversationReset');
  if (input.kind === 'text' && (input.hadMyNumber || input.hadPin)) startFlow('sensitiveWarning');

  const dropStored = (): ConversationChange =>
    envelope ? { kind: 'delete', expectedRevision: envelope.revision } : { kind: 'keep' };

  for (const intent of intentsFor(req.content, input, understanding, nowIso)) {
    if (intent.kind === 'cancel') {
      startFlow('cancelled');
      return decided(dropStored(), 'cancel');
    }
    if (intent.kind === 'event') {
      if (!active || !active.snapshot.can(intent.event)) continue;
      const [snapshot, actions] = active.flow.stepper.next(active.snapshot, intent.event);
      take(actions);
      return decided(
        persist(active.flow, snapshot, envelope),
        `${active.flow.definition.id}:${intent.event.type}`,
      );
    }
    // A sensitive-data warning alone is a complete answer when nothing else was asked.
    if (
      intent.purpose === 'outOfScope' &&
      replies.length > 0 &&
      input.kind === 'text' &&
      (input.hadMyNumber || input.hadPin)
    ) {
      return decided(dropStored(), 'sensitive');
    }
    const started = startFlow(intent.purpose, intent.start);
    return decided(
      persist(started.flow, started.snapshot, envelope),
      `${started.flow.definition.id}:${intent.purpose}`,
    );
  }
  return decided({ kind: 'keep' }, 'none');
}

function persist(
  flow: CompiledFlow,
  snapshot: AnyMachineSnapshot,
  envelope: ConversationEnvelope | null,
): ConversationChange {
  if (snapshot.status !== 'active') {
    return envelope ? { kind: 'delete', expectedRevision: envelope.revision } : { kind: 'keep' };
  }
  return {
    kind: 'save',
    flowId: flow.definition.id,
    flowVersion: flow.definition.version,
    snapshot: flow.machine.getPersistedSnapshot(snapshot),
    expectedRevision: envelope?.revision ?? null,
  };
}
