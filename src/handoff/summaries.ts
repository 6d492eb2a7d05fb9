import type { ChatActivity, ConversationLog, ConversationRecord } from '../conversations/index.js';
import { readsTraditional } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import type { Sentiment } from '../sentiment/types.js';
import { claimDeadlineOf } from './queue.js';
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
  /** The customer's own latest message (the queue previews it: the last line is often the bot's or a notice). */
  customerSaid: { text: string; at: string } | null;
  /** The mood the customer last expressed (see `moodOf`); null before they wrote anything. */
  mood: Sentiment | null;
  waitingSince: string | null;
  priority: 'urgent' | 'high' | 'normal' | 'low';
  reason: string | null;
  tags: string[];
  agent: { id: string; name: string } | null;
  ticketId: string | null;
  timedOut: boolean;
  /** The customer started a new conversation while an agent had this one (still with an agent, or passed back to the queue): replies here no longer reach them. */
  customerLeft: boolean;
  /** When a waiting chat will time out (the customer is told nobody came, and a ticket is filed) unless an agent claims it. */
  timesOutAt: string | null;
}

export interface SummaryDeps {
  log: Pick<ConversationLog, 'all'>;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  languageOf: (record: ConversationRecord) => Language;
  /** The customer's current tags (the customers module's), when there is one. */
  tagsOf?: (customerId: string) => Promise<string[]>;
  /** How long a waiting chat may go unclaimed (the handoff service's timeout). */
  claimTimeoutMs?: number;
}

/** How many of the customer's latest messages the queue's mood looks back over. */
const MOOD_LOOKBACK = 5;

/** Builds the queue's lines: last message, mood, waiting time, priority and tags. */
export class ConversationSummaries {
  constructor(private readonly deps: SummaryDeps) {}

  async summarize(record: ConversationRecord, activities?: ChatActivity[]): Promise<ConversationSummary> {
    const transcript = activities ?? (await this.deps.log.all(record.id));
    const messages = transcript.filter((activity) => activity.type === 'message' && typeof activity.text === 'string');
    const last = messages.at(-1);
    const said = messages.filter((activity) => senderOf(activity) === 'customer');
    const lastSaid = said.at(-1);
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
      customerSaid: lastSaid ? { text: String(lastSaid.text), at: lastSaid.timestamp } : null,
      mood: this.moodOf(said, language),
      waitingSince: record.status === 'waiting' && handoff ? handoff.requestedAt : null,
      priority: handoff?.priority ?? 'normal',
      reason: handoff?.reason ?? null,
      tags: (await this.deps.tagsOf?.(record.customerId).catch(() => [])) ?? [],
      agent: record.status === 'active' && handoff?.agentId ? { id: handoff.agentId, name: handoff.agentName ?? '' } : null,
      ticketId: handoff?.ticketId ?? null,
      timedOut: Boolean(handoff?.timedOutAt) && record.status === 'waiting',
      // Also once passed back to the queue: whoever claims it next would write to nobody.
      customerLeft: Boolean(handoff?.customerLeftAt) && (record.status === 'active' || record.status === 'waiting'),
      timesOutAt:
        record.status === 'waiting' && handoff && !handoff.timedOutAt && this.deps.claimTimeoutMs !== undefined
          ? new Date(claimDeadlineOf(handoff, this.deps.claimTimeoutMs)).toISOString()
          : null,
    };
  }

  /**
   * The latest of the customer's last few messages that is not neutral: "转人工", "ok" or an order
   * number after an angry complaint says nothing about how they feel, and must not show an
   * upset customer as calm in the queue. Neutral when none of them shows a mood.
   */
  /** `said`: the customer's messages, oldest first. */
  private moodOf(said: readonly ChatActivity[], language: Language): Sentiment | null {
    let latest: Sentiment | null = null;
    for (let i = said.length - 1; i >= Math.max(0, said.length - MOOD_LOOKBACK); i--) {
      const sentiment = this.deps.analyzeSentiment(String(said[i]!.text), language);
      latest ??= sentiment;
      if (sentiment.label !== 'neutral') return sentiment;
    }
    return latest;
  }
}
