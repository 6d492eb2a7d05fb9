import { notFound } from '../errors.js';
import { churnRisk } from './churn-signals.js';
import type { ProfileService } from './profile-service.js';
import { profileFacts } from './profile-facts.js';
import { evaluateTags } from './tag-rules.js';
import type { ChurnRisk, CustomerProfile, Tag, TicketSummary } from './types.js';

/** A conversation record as the customer view needs it (the conversations module owns it). */
export interface CustomerConversationRecord {
  id: string;
  customerId: string;
  userId: string;
  createdAt: string;
  status: string;
  locale?: string;
}

/** Where the customer view finds conversations. */
export interface ConversationDirectory {
  conversationsOf(customerId: string): Promise<CustomerConversationRecord[]>;
}

/** The ticket service's face towards profiles (implemented by the tickets module). */
export interface TicketLookup {
  forCustomer(customerId: string): Promise<TicketSummary[]>;
}

export interface Assessment {
  tags: Tag[];
  churnRisk: ChurnRisk;
}

const NO_RISK: ChurnRisk = { score: 0, signals: [] };

export interface CustomerViewDeps {
  profiles: ProfileService;
  conversations: ConversationDirectory;
  tickets?: TicketLookup;
  clock?: () => Date;
}

/** The customer as agents see it (`GET /api/customers/:id`): profile, tags, risk, history. */
export class CustomerViews {
  private readonly clock: () => Date;

  constructor(private readonly deps: CustomerViewDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Read tickets through the ticket service (which is built after the customers module). */
  attachTickets(tickets: TicketLookup): void {
    this.deps.tickets = tickets;
  }

  /** Tags and churn risk now, recomputed from the profile and the customer's tickets. */
  async assess(profile: CustomerProfile): Promise<Assessment> {
    const tickets = (await this.deps.tickets?.forCustomer(profile.id)) ?? [];
    return this.assessWith(profile, tickets);
  }

  private assessWith(profile: CustomerProfile, tickets: TicketSummary[]): Assessment {
    const facts = profileFacts(profile, tickets, this.clock());
    const risk = churnRisk(facts);
    return { tags: evaluateTags(facts, risk), churnRisk: risk };
  }

  /** The contract's customer shape, plus consent, identity, contact recency and CSAT. 404 for an unknown customer. */
  async view(customerId: string) {
    const [profile, conversations, tickets] = await Promise.all([
      this.deps.profiles.get(customerId),
      this.deps.conversations.conversationsOf(customerId),
      this.deps.tickets?.forCustomer(customerId) ?? Promise.resolve([]),
    ]);
    if (!profile && conversations.length === 0 && tickets.length === 0) throw notFound('customer');
    const assessment = profile ? this.assessWith(profile, tickets) : { tags: [], churnRisk: NO_RISK };
    const facts = profile ? profileFacts(profile, tickets, this.clock()) : undefined;
    return {
      id: customerId,
      consent: { profiling: profile !== undefined, ...(profile ? { at: profile.consent.at } : {}) },
      ...(profile?.identity ? { identity: profile.identity } : {}),
      tags: assessment.tags,
      sentiment: {
        rolling: profile?.rolling ?? null,
        history: (profile?.sentiment ?? []).map(({ at, score, label, conversationId, choice }) => ({ at, score, label, conversationId, ...(choice ? { choice } : {}) })),
      },
      churnRisk: assessment.churnRisk,
      contact: {
        lastAt: facts?.lastContactAt ?? conversations.map((each) => each.createdAt).sort().at(-1) ?? null,
        daysSinceLast: facts?.daysSinceLastContact ?? null,
        last30Days: facts?.contacts30d ?? null,
        total: conversations.length,
      },
      csat: profile?.csat ?? [],
      nps: profile?.nps ?? [],
      tickets,
      conversations: await this.summaries(conversations),
    };
  }

  private async summaries(conversations: CustomerConversationRecord[]) {
    const sorted = [...conversations].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return Promise.all(
      sorted.map(async (record) => {
        const insight = await this.deps.profiles.insight(record.id);
        return {
          id: record.id,
          status: record.status,
          createdAt: record.createdAt,
          ...(record.locale ? { locale: record.locale } : {}),
          lastAt: insight?.lastAt ?? null,
          turns: insight?.turns ?? 0,
          fallbacks: insight?.fallbacks ?? 0,
          escalated: insight?.escalated ?? false,
          mood: insight?.mood ?? null,
          temperature: insight?.temperature ?? null,
        };
      }),
    );
  }
}
