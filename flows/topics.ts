/** Everything a resident can ask about. The language understanding picks one; a flow answers it. */
export const TOPICS = [
  'greeting',
  'thanks',
  'menu',
  'eligibility',
  'points',
  'deadline',
  'howToApply',
  'online',
  'shopping',
  'hours',
  'openNow',
  'closedDays',
  'places',
  'beforeComing',
  'health',
  'cardCertificateExpired',
  'cardPinReset',
  'cardNew',
  'cardLost',
  'items',
  'paymentServiceId',
  'changeService',
  'paymentProvider',
  'fraud',
  'fraudReport',
  'hotline',
  'multilingual',
  'cityContact',
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
] as const;

export type Topic = (typeof TOPICS)[number];

export const isTopic = (value: string): value is Topic => (TOPICS as readonly string[]).includes(value);

export type Lang = 'ja' | 'en';
