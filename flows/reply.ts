import { emit } from 'xstate';
import type { Content } from './content';
import { unitOf } from './lib/compose';
import type { HandoffRoute, Lang } from './purposes';

/** A button under the last message. `data` is postback data; `displayText` is what the resident appears to say. */
export interface QuickOption {
  label: string;
  data: string;
  displayText: string;
}

export interface CardSection {
  heading?: string;
  lines: string[];
}

export type ReplyPart =
  | { kind: 'text'; text: string }
  | { kind: 'card'; altText: string; title: string; sections: CardSection[]; note?: string };

/** A resident's choice to remember (opting in to or out of notices); the effect runner stores it. */
export interface PreferenceEvent {
  type: 'preference';
  topic: string;
  optedIn: boolean;
}

/**
 * The resident is sent to a phone line (the answer cannot be given here, or they asked for the line): the
 * effect runner records the question, with the route, for the staff report.
 */
export interface HandoffEvent {
  type: 'handoff';
  route: HandoffRoute;
}

/** What a flow decides to say; the effect runner turns it into LINE messages. */
export interface ReplyEvent {
  type: 'reply';
  parts: ReplyPart[];
  quickReplies: QuickOption[];
}

export const text = (value: string): ReplyPart => ({ kind: 'text', text: value });

export const replyEvent = (parts: ReplyPart[], quickReplies: QuickOption[] = []): ReplyEvent => ({
  type: 'reply',
  parts,
  quickReplies,
});

/** An action that says something; the parts are computed from the machine's context and event. */
export const say = emit;

/** A button that asks for one answer unit, labelled from the content in the resident's language. */
export function unitOption(content: Content, unitId: string, lang: Lang = 'ja'): QuickOption {
  const label = unitOf(content, unitId).label[lang];
  // An English button keeps the conversation in English: a tap carries no words to tell the language by.
  return { label, data: lang === 'en' ? `unit=${unitId}&lang=en` : `unit=${unitId}`, displayText: label };
}

export const unitOptions = (content: Content, unitIds: readonly string[], lang: Lang = 'ja') =>
  unitIds
    .filter((id) => content.knowledge.units.some((u) => u.id === id))
    .map((id) => unitOption(content, id, lang));

/** The main menu: what most residents come for. */
export const MAIN_MENU = [
  'eligibility.check',
  'points.overview',
  'counter.hours',
  'counter.openOn',
  'items.overview',
  'fraud.overview',
  'contact.hotline',
  'contact.multilingual',
  // Staff notices reach only residents who opted in: the menu offers it.
  'notice.menu',
] as const;

export const ENGLISH_MENU = [
  'points.overview',
  'counter.hours',
  'items.overview',
  'fraud.overview',
  'contact.hotline',
] as const;

export const menuOptions = (content: Content, lang: Lang) =>
  unitOptions(content, lang === 'en' ? ENGLISH_MENU : MAIN_MENU, lang);
