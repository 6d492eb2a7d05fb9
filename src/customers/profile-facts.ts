import type { CsatAnswer, CustomerProfile, TicketSummary, VipMark } from './types.js';

const DAY_MS = 86_400_000;

/** Ticket statuses that still need work from the company. */
const UNRESOLVED = new Set(['open', 'in_progress', 'waiting_customer', 'reopened']);

/**
 * Everything the tag rules and churn signals look at, computed once from a profile, the
 * customer's tickets and the time. Rules read these facts, never the raw profile.
 */
export interface ProfileFacts {
  rolling: number | null;
  messages: number;
  /** Mean score of the last few messages, and of the ones before them. */
  recentMood: number | null;
  earlierMood: number | null;
  complaints30d: number;
  cancelRequests30d: number;
  unresolvedTickets: string[];
  overdueTickets: string[];
  lastCsat: CsatAnswer | undefined;
  lastContactAt: string | undefined;
  daysSinceLastContact: number | undefined;
  lastContactTemperature: number | undefined;
  contacts30d: number;
  vip: VipMark | undefined;
}

const RECENT = 5;
const EARLIER = 15;

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export function profileFacts(profile: CustomerProfile, tickets: readonly TicketSummary[], now: Date): ProfileFacts {
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const month = since(30);
  // Clicked choices are in the history but say nothing about the customer's mood.
  const scores = profile.sentiment.filter((point) => !point.choice).map((point) => point.score);
  const last = profile.contacts.at(-1);
  const ticketCsat: CsatAnswer[] = tickets.flatMap((ticket) =>
    ticket.csat && typeof ticket.csat.score === 'number' ? [{ at: ticket.csat.at ?? ticket.createdAt ?? '', score: ticket.csat.score, ticketId: ticket.id }] : [],
  );
  return {
    rolling: profile.rolling,
    messages: scores.length,
    recentMood: mean(scores.slice(-RECENT)),
    earlierMood: mean(scores.slice(-(RECENT + EARLIER), -RECENT)),
    complaints30d: profile.complaints.filter((complaint) => complaint.at >= month).length,
    cancelRequests30d: profile.cancelRequests.filter((at) => at >= month).length,
    unresolvedTickets: tickets.filter((ticket) => UNRESOLVED.has(ticket.status)).map((ticket) => ticket.id),
    overdueTickets: tickets.filter((ticket) => (ticket.overdue === true || Boolean(ticket.overdueAt)) && UNRESOLVED.has(ticket.status)).map((ticket) => ticket.id),
    lastCsat: [...profile.csat, ...ticketCsat].sort((a, b) => a.at.localeCompare(b.at)).at(-1),
    lastContactAt: last?.lastAt,
    daysSinceLastContact: last ? Math.floor((now.getTime() - Date.parse(last.lastAt)) / DAY_MS) : undefined,
    lastContactTemperature: last?.temperature,
    contacts30d: profile.contacts.filter((contact) => contact.lastAt >= month).length,
    vip: profile.vip,
  };
}

/** A number for people: two decimals, sign kept. */
export const fmt = (value: number) => (Math.round(value * 100) / 100).toFixed(2);
