/** What a resident did, reduced to what the conversation needs (text already redacted, at the webhook). */
export type ResidentInput =
  | { kind: 'text'; text: string; hadMyNumber: boolean; hadPin: boolean }
  | { kind: 'postback'; data: string }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  | { kind: 'unsupported' }
  /** In a group or multi-person chat: the bot joined, or members talk among themselves (not to the bot). */
  | { kind: 'overheard' }
  /** The bot left a group or multi-person chat, or was removed from it. */
  | { kind: 'left' }
  | { kind: 'ignored'; eventType: string };

/** One event of a conversation as a turn reads it from the inbox: what the resident did, and how to answer. */
export interface ResidentEvent {
  input: ResidentInput;
  /** Null for an event that cannot be answered (an unfollow, the bot leaving a group). */
  replyToken: string | null;
  /** Who did it (in a group, the member); null when the channel does not say. */
  userId: string | null;
  /** A group or multi-person chat: several people, not one resident talking to the bot. */
  inGroup: boolean;
  /** The channel's name for the event, for the log. */
  eventType: string;
}
