import type { TurnContext } from '../src/bot/botbuilder-lite.js';
import { type MessageKey, say } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import type { KnowledgeAnswer } from './knowledge-replies.js';
import type { Sentiment } from '../src/sentiment/types.js';
import type { TicketCategory, TicketContact, TicketService, TicketStatus, TicketView } from '../src/tickets/index.js';

/** What the complaint, ticket-status and CSAT dialogs need, injected so tests can swap it. */
export interface TicketDialogDeps {
  tickets: TicketService;
  /** The customer a conversation belongs to (from its record). */
  customerOf: (conversationId: string) => Promise<string | undefined>;
  /** A verified way to reach the customer (the host site's e-mail), when there is one. */
  identifiedContact?: (customerId: string) => Promise<TicketContact | undefined>;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  /** Masks personal data in text that is kept (the ticket's description, a CSAT comment). */
  redact: (text: string) => string;
  /** The message asks for a person: a question the flow is waiting on gives way to the handoff. */
  wantsHuman?: (text: string) => boolean;
  /** The knowledge base's confident FAQ answer to the message, if any: a question the flow stops to answer. */
  knowledgeAnswer?: (text: string, languageHint?: Language) => KnowledgeAnswer | undefined;
  /** Time zone for due times shown to customers; UTC by default. */
  timeZone?: string;
}

/** The customer of this turn's conversation; without a record (tests) the channel user. */
export async function customerIdOf(context: TurnContext, deps: Pick<TicketDialogDeps, 'customerOf'>): Promise<string> {
  return (await deps.customerOf(context.activity.conversation.id)) ?? context.activity.from.id;
}

/** `T-1042` in "status of T-1042?", "t1042", "工单1042"; undefined when none is named. */
export function ticketIdIn(text: string): string | undefined {
  const match = /(?:\bT-?|工单号?\s*[:：#]?\s*T?-?)(\d{3,12})(?!\d)/iu.exec(canonicalText(text));
  return match ? `T-${Number(match[1])}` : undefined;
}

export const categoryLabel = (category: TicketCategory, language: Language) => say(`ticketCategory_${category}` as MessageKey, language);
export const statusLabel = (status: TicketStatus, language: Language) => say(`ticketStatus_${status}` as MessageKey, language);

/** "24 hours" / "3 days" for an SLA in hours. */
export function slaText(hours: number, language: Language): string {
  return hours < 48 ? say('hours', language, { n: hours }) : say('days', language, { n: Math.round(hours / 24) });
}

/** A due time as a customer reads it: "Wed, 26 Nov, 14:00 UTC" / "11月26日周三 22:00（GMT+8）". */
export function formatDue(iso: string, language: Language, timeZone = 'UTC'): string {
  const zone = knownTimeZone(timeZone) ?? 'UTC';
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone }).format(at);
  const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? zone;
  return language === 'zh' ? `${text}（${name}）` : `${text} ${name}`;
}

/** An IANA time zone this runtime knows ("Asia/Shanghai"), or undefined. */
function knownTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Due times in the customer's own time zone when their client says it (Bot Framework's `localTimezone`), else the shop's. */
export function timeZoneOf(context: TurnContext, deps: Pick<TicketDialogDeps, 'timeZone'>): string | undefined {
  return knownTimeZone(context.activity.localTimezone) ?? deps.timeZone;
}

/** One ticket's status for its customer: what it is, where it stands, what happens next. */
export function describeTicket(ticket: TicketView, language: Language, timeZone?: string): string {
  const lines = [say('ticketStatusOne', language, { id: ticket.id, category: categoryLabel(ticket.category, language), status: statusLabel(ticket.status, language) })];
  if (ticket.status === 'resolved' && ticket.resolution) lines.push(say('ticketResolvedWith', language, { resolution: ticket.resolution }));
  else if (ticket.status !== 'closed' && ticket.status !== 'resolved') lines.push(say('ticketDueBy', language, { due: formatDue(ticket.dueAt, language, timeZone) }));
  // Chinese sentences follow one another without a space.
  return lines.join(language === 'zh' ? '' : ' ');
}
