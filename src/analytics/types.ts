import type { UnansweredQuestion } from '../kb/index.js';

/**
 * The shapes analytics reads. Other modules own the data; these are the few fields the
 * numbers need, all optional where a module may not exist (yet) or may not have set them.
 */

export interface ConversationFacts {
  id: string;
  createdAt: string;
  startedAt?: string;
  status: string;
  /** The latest request for a person. */
  handoff?: HandoffFacts;
  /** The requests before it, oldest first: each agent's chat and rating counts. */
  earlierHandoffs?: HandoffFacts[];
}

export interface HandoffFacts {
  requestedAt: string;
  claimedAt?: string;
  agentId?: string;
  agentName?: string;
  rating?: { score: number; at: string };
  /** The last pass to a colleague or the queue; from data written before `heldBefore`, its only trace. */
  passedAt?: string;
  passedBy?: { id: string; name: string };
  /** The agents who had the chat before its holder, oldest first; `left`: signed out rather than passed it on. */
  heldBefore?: { id: string; name: string; claimedAt: string; passedAt: string; left?: true }[];
}

export interface InsightFacts {
  turns: number;
  fallbacks: number;
  escalated: boolean;
  mood: number;
  startedAt: string;
  /** The touchpoint temperature: the customer's emotion and how the service went, in one score. */
  temperature?: { score: number; label: string };
}

export interface TicketFacts {
  id: string;
  status: string;
  category?: string;
  createdAt: string;
  dueAt?: string;
  resolvedAt?: string | null;
  overdueAt?: string | null;
  csat?: { score: number; at?: string } | null;
}

export interface ActivityFacts {
  id: string;
  type?: unknown;
  timestamp?: unknown;
  replyToId?: unknown;
  from?: unknown;
  channelData?: unknown;
}

/** One bot turn as the analytics recorder saw it. */
export interface TurnFact {
  at: string;
  language: 'en' | 'zh';
  /** The intent answered (or whose dialog started); `null` when the bot was not sure. */
  intent: string | null;
  decision: 'answer' | 'clarify' | 'fallback';
}

export interface AnalyticsSources {
  conversations: { all(): Promise<ConversationFacts[]> };
  insights: { get(conversationId: string): Promise<InsightFacts | undefined> };
  transcripts: { read(conversationId: string): Promise<ActivityFacts[]> };
  turns: { of(conversationId: string): Promise<TurnFact[]> };
  unanswered: { list(): Promise<UnansweredQuestion[]> };
  feedback?: { list(): Promise<{ helpful: boolean; at: string }[]> };
  /** Absent until the tickets module is wired. */
  tickets?: { all(): Promise<TicketFacts[]> };
  /** Satisfaction answers kept outside tickets (customer profiles). */
  csat?: { all(): Promise<{ score: number; at: string; ticketId?: string; conversationId?: string }[]> };
  /** Answers to "how likely are you to recommend us?" (0–10), and how many times it was asked in a range. */
  nps?: { answers(): Promise<{ score: number; at: string }[]>; askedSince(from: string, to: string): Promise<number> };
  /** An intent's button label in both languages (the knowledge base's `title`), for a reader who does not know its id. */
  intentTitle?: (intent: string) => { en: string; zh: string } | undefined;
}

export interface Stat {
  count: number;
  average: number | null;
  median: number | null;
}

/** The dashboard's numbers for a date range. */
export interface AnalyticsSummary {
  /** ISO times; `timeZone`: the IANA zone whose days `byDay` counts. */
  range: { from: string; to: string; timeZone: string };
  conversations: { total: number; engaged: number; byDay: { day: string; count: number }[] };
  /** Engaged conversations that ended without a human. */
  containmentRate: number | null;
  escalationRate: number | null;
  /** Customer messages the bot could not answer (fallback), of all it handled. */
  fallbackRate: number | null;
  turns: { total: number; answered: number; clarified: number; fallback: number };
  csat: Stat & { distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  /**
   * Net Promoter Score of the answers given in the range: promoters (9–10) minus detractors
   * (0–6) as a percentage of `count`, from −100 to 100 (`null` without answers); `asked`: how
   * many times the question was put.
   */
  nps: { score: number | null; count: number; promoters: number; passives: number; detractors: number; asked: number };
  feedback: { helpful: number; unhelpful: number };
  botResponseMs: Stat;
  agentFirstResponseSeconds: Stat;
  resolutionHours: Stat;
  tickets: { available: boolean; total: number; byStatus: Record<string, number>; byCategory: Record<string, number>; overdue: number };
  sentiment: { byDay: { day: string; average: number; count: number }[] };
  /** Touchpoint temperature of the engaged conversations (-1 … 1): the average, and how many were cold, cool and warm. */
  temperature: { count: number; average: number | null; cold: number; cool: number; warm: number };
  /** `title`: the intent's label in the published knowledge base, when it has one. */
  topIntents: { intent: string; count: number; title?: { en: string; zh: string } }[];
  topUnanswered: { text: string; language: string; count: number }[];
  /** Per agent, the chats they took in the range: how many, how customers rated them, how fast they answered. */
  agents: AgentStats[];
}

export interface AgentStats {
  agentId: string;
  name: string;
  /** Chats the agent had, alone or for a while before passing them on (each request for a person apart). */
  chats: number;
  /** Of those, the ones the agent passed to a colleague or back to the queue (signing out is not passing on). */
  passedOn: number;
  rating: Stat;
  firstResponseSeconds: Stat;
}
