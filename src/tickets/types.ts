/** Plain data of tickets: what is stored and what the API serves. */

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_CATEGORIES = ['delivery', 'product_quality', 'refund_billing', 'service_attitude', 'account', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export type TicketLanguage = 'en' | 'zh';

/** Who did something to a ticket. */
export interface Actor {
  kind: 'customer' | 'agent' | 'bot' | 'system';
  id?: string;
  name?: string;
}

/** One line of a ticket's append-only history: who, when, what. */
export interface HistoryEntry {
  at: string;
  by: Actor;
  action: 'created' | 'status' | 'priority' | 'assignee' | 'note' | 'question' | 'answer' | 'resolution' | 'root_cause' | 'csat' | 'nps' | 'overdue';
  from?: string | null;
  to?: string | null;
  text?: string;
}

/** How to reach the customer about the ticket (raw values: never in a transcript or a log). */
export interface TicketContact {
  email?: string;
  phone?: string;
}

export interface TicketCsat {
  score: number;
  comment: string | null;
  at: string;
}

/** The short summary kept on a ticket when it is resolved. */
export interface TicketSummaryNote {
  category: TicketCategory;
  keyPhrases: string[];
  sentimentAtFiling: number;
  hoursToResolve: number;
  text: string;
}

export interface Ticket {
  id: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: TicketCategory;
  customerId: string;
  conversationId: string;
  /** What happened, in the customer's own words (masked). */
  description: string;
  language: TicketLanguage;
  orderNumber: string | null;
  contact: TicketContact | null;
  createdAt: string;
  updatedAt: string;
  dueAt: string;
  /** Why the ticket got its priority (keywords, mood, repeat complaints). */
  priorityReasons: string[];
  sentimentAtFiling: number;
  assignee: string | null;
  resolution: string | null;
  rootCause: string | null;
  resolvedAt: string | null;
  /** Set once the ticket was found past its due time (and the event published). */
  overdueAt: string | null;
  summary: TicketSummaryNote | null;
  csat: TicketCsat | null;
  history: HistoryEntry[];
}

/** A ticket as the API serves it: the stored ticket plus whether it is past due now. */
export type TicketView = Ticket & { overdue: boolean };

/** What a new ticket needs; the service classifies, prioritises and dates it. */
export interface NewTicket {
  customerId: string;
  conversationId: string;
  description: string;
  /** What the category and priority are read from, when not the description (e.g. only the customer's lines of a transcript). */
  about?: string;
  language: TicketLanguage;
  orderNumber?: string | null;
  contact?: TicketContact | null;
  category?: TicketCategory;
  priority?: TicketPriority;
  /** Why it has its priority, when the caller assessed it (the bot confirmed it with the customer). */
  priorityReasons?: string[];
  /** The mood of the complaint, in [-1, 1]. */
  sentiment?: number;
  by: Actor;
}

/** What an agent may change in one request. */
export interface TicketChange {
  status?: TicketStatus;
  priority?: TicketPriority;
  assignee?: string | null;
  note?: string;
  /** What the company needs from the customer, sent to them with status `waiting_customer`. */
  question?: string;
  resolution?: string;
  rootCause?: string;
}
