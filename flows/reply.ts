import { emit } from 'xstate';
import type { Lang, Topic } from './topics';

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

const TOPIC_LABELS: Partial<Record<Topic, { ja: string; en: string }>> = {
  eligibility: { ja: '対象か調べる', en: 'Am I eligible?' },
  points: { ja: 'もらえるポイント', en: 'Points' },
  deadline: { ja: '申込みの期限', en: 'Deadlines' },
  hours: { ja: '受付時間・場所', en: 'Counter hours' },
  openNow: { ja: '今、窓口は開いてる？', en: 'Open now?' },
  items: { ja: '持ち物', en: 'What to bring' },
  beforeComing: { ja: '来る前の準備', en: 'Before you come' },
  fraud: { ja: '詐欺に注意', en: 'Fraud warning' },
  hotline: { ja: '電話で問い合わせ', en: 'Phone lines' },
  cardPinReset: { ja: '暗証番号を忘れた', en: 'Forgot PIN' },
  cardCertificateExpired: { ja: '電子証明書の期限切れ', en: 'Expired certificate' },
  howToApply: { ja: '申込みの方法', en: 'How to apply' },
  multilingual: { ja: 'English', en: 'English' },
  places: { ja: '窓口の場所', en: 'Counter places' },
  menu: { ja: 'メニュー', en: 'Menu' },
  cardNew: { ja: 'カードの申請・受取', en: 'Getting a card' },
  noticeMenu: { ja: 'お知らせ設定', en: 'Notices' },
  noticeSubscribe: { ja: 'お知らせを受け取る', en: 'Get notices' },
  noticeUnsubscribe: { ja: '受け取らない', en: 'No notices' },
};

export function topicOption(topic: Topic, lang: Lang = 'ja'): QuickOption {
  const label = TOPIC_LABELS[topic]?.[lang] ?? topic;
  return { label, data: `topic=${topic}`, displayText: label };
}

export const topicOptions = (topics: Topic[], lang: Lang = 'ja') => topics.map((t) => topicOption(t, lang));

export const MAIN_MENU: Topic[] = [
  'eligibility',
  'points',
  'hours',
  'openNow',
  'items',
  'fraud',
  'hotline',
  'multilingual',
];
export const ENGLISH_MENU: Topic[] = ['points', 'hours', 'items', 'fraud', 'hotline'];

export const hasTopicLabel = (topic: Topic) => TOPIC_LABELS[topic] !== undefined;
