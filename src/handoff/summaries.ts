import type { ChatActivity, ConversationLog, ConversationRecord } from '../conversations/index.js';
import { readsTraditional } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import type { Sentiment } from '../sentiment/types.js';
import { type Sender, senderOf } from './transcript-text.js';

/** A conversation as a line of the agents' queue. */
export interface ConversationSummary {
  id: string;
  customerId: string;
  status: ConversationRecord['status'];
  language: Language;
  /** The customer reads Traditional Chinese (the bot converts its Chinese for them). */
  traditional: boolean;
  createdAt: string;
  lastMessage: { text: string; sender: Sender; at: string } | null;
  /** The latest customer message's sentiment. */
  mood: Sentiment | null;
  waitingSince: string | null;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  reason: string | null;
  tags: string[];
  agent: { id: string; name: string } | null;
  ticketId: string | null;
  timedOut: boolean;
}

export interface SummaryDeps {
  log: Pick<ConversationLog, 'all'>;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  languageOf: (record: ConversationRecord) => Language;
  /** The customer's current tags (the customers module's), when there is one. */
  tagsOf?: (customerId: string) => Promise<string[]>;
}

/** Builds the queue's lines: last message, mood, waiting time, priority and tags. */
export class ConversationSummaries {
  constructor(private readonly deps: SummaryDeps) {}

  async summarize(record: ConversationRecord, activities?: ChatActivity[]): Promise<ConversationSummary> {
    const transcript = activities ?? (await this.deps.log.all(record.id));
    const messages = transcript.filter((activity) => activity.type === 'message' && typeof activity.text === 'string');
    const last = messages.at(-1);
    const lastCustomer = messages.findLast((activity) => senderOf(activity) === 'customer');
    const language = this.deps.languageOf(record);
    const handoff = record.handoff;
    return {
      id: record.id,
      customerId: record.customerId,
      status: record.status,
      language,
      traditional: language === 'zh' && readsTraditional(record),
      createdAt: record.createdAt,
      lastMessage: last ? { text: String(last.text), sender: senderOf(last), at: last.timestamp } : null,
      mood: lastCustomer ? this.deps.analyzeSentiment(String(lastCustomer.text), language) : null,
      waitingSince: record.status === 'waiting' && handoff ? handoff.requestedAt : null,
      priority: handoff?.priority ?? 'normal',
      reason: handoff?.reason ?? null,
      tags: (await this.deps.tagsOf?.(record.customerId).catch(() => [])) ?? [],
      agent: record.status === 'active' && handoff?.agentId ? { id: handoff.agentId, name: handoff.agentName ?? '' } : null,
      ticketId: handoff?.ticketId ?? null,
      timedOut: Boolean(handoff?.timedOutAt) && record.status === 'waiting',
    };
  }
}
