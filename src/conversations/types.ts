import type { StoredActivity } from '../storage/ports.js';

/** Who is talking to the customer right now. */
export type ConversationStatus = 'bot' | 'waiting' | 'active' | 'closed';

/** What Parley keeps about a conversation beside its transcript. */
export interface ConversationRecord {
  id: string;
  /** The channel user id bound to the conversation's tokens; never taken from the client. */
  userId: string;
  /** The customer this conversation belongs to (one customer may have many channel users). */
  customerId: string;
  createdAt: string;
  /** Set when the customer first connected (and the bot said hello). */
  startedAt?: string;
  /** The locale the client asked for when it connected, e.g. `zh-CN`. */
  locale?: string;
  status: ConversationStatus;
  /** The language of the customer's latest message (`en` | `zh`), kept by the handoff gate. */
  language?: 'en' | 'zh';
  /** The customer writes (or their page is in) Traditional Chinese: the bot's Chinese is converted for them. */
  traditional?: boolean;
  /** The latest human handoff of this conversation (src/handoff owns it). */
  handoff?: HandoffInfo;
  /**
   * The handoffs before the latest, oldest first: a customer who asks for a person again keeps
   * what the first agent did (their reply, the customer's rating) for the dashboard.
   */
  earlierHandoffs?: HandoffInfo[];
  /** A ticket's question reached this chat while an agent had it: the customer's next message to the team answers it. */
  awaitingAnswer?: { ticketId: string };
  /** Set when the retention period (PARLEY_RETENTION_DAYS) took the text out of the transcript. */
  textRemoved?: { at: string; /** The last line then: the conversation had been quiet since. */ lastActivityAt: string };
}

/** The state of a conversation's latest request for a human. */
export interface HandoffInfo {
  reason: string;
  requestedAt: string;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  agentId?: string;
  agentName?: string;
  claimedAt?: string;
  /** The agent's first reply: a customer is asked to rate only help they were given. */
  repliedAt?: string;
  endedAt?: string;
  /** Set when nobody claimed in time (or no agent was online); the chat stays in the queue. */
  timedOutAt?: string;
  ticketId?: string;
  /** When the customer first wrote after being told nobody could take the chat (they were answered once). */
  messageLeftAt?: string;
  /** The customer's rating of the agent's help, asked when the agent handed the chat back. */
  rating?: ChatRating;
  /** When a waiting chat times out if nobody claims it; without it, `requestedAt` plus the timeout. A chat passed back to the queue keeps what was left of its wait; with an agent, it stands as far after their claim as the wait had left at the first claim. */
  claimDeadline?: string;
  /** The last time an agent passed the chat on (to a colleague or back to the queue), and who had it then. */
  passedAt?: string;
  passedBy?: { id: string; name: string };
  /**
   * The agents who had the chat in this request before its holder (or before it went back to the
   * queue), oldest first, each from their claim to their pass: every agent who helped is counted
   * in the report, and timed from when the chat became theirs. `left`: they signed out or were
   * disabled, rather than passing it on.
   */
  heldBefore?: HeldBefore[];
  /** The customer started a new conversation while an agent had this one: nothing written here reaches them. */
  customerLeftAt?: string;
}

/** An agent who had a chat for a while and passed it on (see `HandoffInfo.heldBefore`). */
export interface HeldBefore {
  id: string;
  name: string;
  claimedAt: string;
  passedAt: string;
  left?: true;
}

/** A customer's 1–5 rating of a chat with an agent, with an optional (masked) comment. */
export interface ChatRating {
  score: number;
  at: string;
  comment?: string;
}

/** A transcript entry as clients receive it (a Bot Framework activity, plain JSON). */
export type ChatActivity = StoredActivity & {
  type: string;
  timestamp: string;
  conversation: { id: string };
  from: { id: string; name?: string; role?: string };
};

/** A slice of a transcript and the watermark to ask from next time. */
export interface ActivitySet {
  activities: ChatActivity[];
  watermark: string;
}
