/** Plain data of customer profiles: what is stored and what the profile view shows. */

export type MoodLabel = 'negative' | 'neutral' | 'positive';

/** The mood of one customer message. */
export interface MessageSentiment {
  /** The transcript activity the score belongs to. */
  activityId: string;
  at: string;
  score: number;
  label: MoodLabel;
  /** The message was one of the choices the bot had just offered (a button): kept, but not counted in any mood. */
  choice?: true;
}

/** How one turn of the bot went, as the touchpoint temperature counts it. */
export type TurnOutcome = 'answered' | 'fallback' | 'clarified' | 'dialog' | 'none';

/**
 * What Parley keeps about one conversation for the customer's profile and the agents' queue
 * (one small document per conversation, written once per customer message).
 * `messages` is filled only when the customer agreed to profiling.
 */
export interface ConversationInsight {
  conversationId: string;
  customerId: string;
  startedAt: string;
  lastAt: string;
  turns: number;
  answered: number;
  fallbacks: number;
  /** Fallbacks since the last answer: two in a row make the bot offer a human. */
  fallbacksInARow: number;
  escalated: boolean;
  /** Set while the customer waits for a human (from the request until an agent or a timeout). */
  waitingSince?: string;
  /** Seconds the customer waited for a human, when they did. */
  waitedSeconds: number;
  /** Mood of this conversation so far (exponentially weighted), whatever the consent; clicked choices do not count. */
  mood: number;
  /** Messages counted in `mood` (absent in insights from before clicked choices stopped counting: then `turns`). */
  moodTurns?: number;
  /** The quick replies of the bot's latest message here: a customer message that is exactly one of them is a click. */
  offeredChoices?: string[];
  lastLabel: MoodLabel;
  /** Set once the bot has offered a human, so it does not keep offering. */
  offeredHumanAt?: string;
  messages: MessageSentiment[];
  temperature: Temperature;
}

/** A per-conversation score combining the customer's emotion and how the service went. */
export interface Temperature {
  /** In [-1, 1]: below 0 the customer leaves colder than they came. */
  score: number;
  label: 'cold' | 'cool' | 'warm';
  emotion: number;
  service: number;
}

/** A sentiment point on the customer's history, across conversations. */
export interface SentimentPoint {
  at: string;
  score: number;
  label: MoodLabel;
  conversationId: string;
  /** A clicked choice (see `MessageSentiment.choice`): in the history, not in the rolling score or the tags. */
  choice?: true;
}

export interface Complaint {
  at: string;
  conversationId: string;
  ticketId?: string;
}

export interface CsatAnswer {
  at: string;
  /** 1 (very unhappy) to 5 (very happy). */
  score: number;
  ticketId?: string;
  conversationId?: string;
}

/** An answer to "how likely are you to recommend us to a friend?" (Net Promoter Score). */
export interface NpsAnswer {
  at: string;
  /** 0 (not at all likely) to 10 (extremely likely). */
  score: number;
  ticketId?: string;
  conversationId?: string;
}

/** A conversation as the profile remembers it. */
export interface ContactSummary {
  conversationId: string;
  startedAt: string;
  lastAt: string;
  temperature: number;
}

export interface VipMark {
  by: 'admin' | 'host-site';
  at: string;
}

/**
 * A customer's profile. Stored only with the customer's consent to profiling; withdrawing
 * consent or an erasure request removes it.
 */
export interface CustomerProfile {
  id: string;
  createdAt: string;
  updatedAt: string;
  consent: { profiling: boolean; at: string };
  /** Given by the host site with a verified identity; never typed by the customer in chat. */
  identity?: { externalId: string; email?: string; name?: string };
  vip?: VipMark;
  /** Newest last, at most `MAX_HISTORY` points. */
  sentiment: SentimentPoint[];
  rolling: number | null;
  contacts: ContactSummary[];
  /** The customer's complaints (complaint intents, tickets filed), one per conversation, newest last. */
  complaints: Complaint[];
  /** When the customer asked to cancel or close their account. */
  cancelRequests: string[];
  csat: CsatAnswer[];
  /** Net Promoter answers, newest last (absent on profiles from before it was asked). */
  nps?: NpsAnswer[];
}

/** A ticket as the profile needs it; the ticket service owns the rest (and the view shows it all). */
export interface TicketSummary {
  id: string;
  status: string;
  createdAt?: string;
  /** As the API serves it… */
  overdue?: boolean;
  /** …or as the ticket stores it. */
  overdueAt?: string | null;
  csat?: { score: number; at?: string } | null;
}

/**
 * Evidence as data, for a screen to word in its reader's language: `because` names the
 * sentence (the tag's or signal's name, or a variant of it), `facts` fill it in.
 */
export interface Evidence {
  because: string;
  facts: Record<string, string | number>;
}

/** A dynamic tag with the rule that set it and the evidence it saw. */
export interface Tag extends Evidence {
  name: string;
  /** Human-readable (English): the evidence in one sentence. */
  reason: string;
  rule: string;
}

export interface ChurnSignal {
  name: string;
  weight: number;
  active: boolean;
  /** Human-readable (English); empty when the signal is not active. */
  evidence: string;
  /** The evidence as data when the signal is active. */
  because?: Evidence;
}

export interface ChurnRisk {
  /** In [0, 1]: the sum of the weights of the active signals, capped at 1. */
  score: number;
  signals: ChurnSignal[];
}
