/**
 * What a flow is started for. Questions about facts are all `answer` (which answer units is in the input);
 * the others are conversations of their own or things the bot says on its own account.
 */
export const PURPOSES = [
  'greeting',
  'thanks',
  'menu',
  'eligibility',
  'answer',
  'outOfScope',
  'noticeMenu',
  'noticeSubscribe',
  'noticeUnsubscribe',
  // Said by the bot on its own account, never asked for by name.
  'follow',
  'unsupported',
  'cancelled',
  'conversationReset',
  'sensitiveWarning',
  'groupIntro',
] as const;

export type Purpose = (typeof PURPOSES)[number];

export const isPurpose = (value: string): value is Purpose => (PURPOSES as readonly string[]).includes(value);

export type Lang = 'ja' | 'en';

/** Where a question the content cannot answer is sent. */
export type HandoffRoute = 'hotline' | 'city' | 'multilingual';
