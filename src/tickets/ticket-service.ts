import { conflict, notFound } from '../errors.js';
import type { Collection } from '../storage/ports.js';
import { classifyInContext } from './classify.js';
import { isOpen } from './lifecycle.js';
import { assessPriority } from './priority.js';
import { DEFAULT_SLA_HOURS, dueAt, isOverdue, type SlaTable } from './sla.js';
import { applyChange } from './ticket-changes.js';
import type { TicketEvents } from './ticket-events.js';
import { type TicketCounter, TicketNumbers } from './ticket-numbers.js';
import type { Actor, NewTicket, Ticket, TicketCategory, TicketChange, TicketContact, TicketPriority, TicketStatus, TicketView } from './types.js';

const DAY_MS = 86_400_000;

export interface TicketServiceDeps {
  tickets: Collection<Ticket>;
  counters: Collection<TicketCounter>;
  events: TicketEvents;
  sla?: SlaTable;
  clock?: () => Date;
}

export interface Assessment {
  category: TicketCategory;
  priority: TicketPriority;
  reasons: string[];
}

export interface TicketFilter {
  /** One status, or `unresolved`: open, in progress, waiting for the customer or reopened. */
  status?: TicketStatus | 'unresolved';
  priority?: TicketPriority;
}

/**
 * Tickets: filing (classified, prioritised, dated by the SLA), the agents' lifecycle with its
 * append-only history, the customer's rating and reopening, and overdue detection. Every
 * change is published as an event.
 */
export class TicketService {
  private readonly numbers: TicketNumbers;
  readonly sla: SlaTable;
  private readonly clock: () => Date;

  constructor(private readonly deps: TicketServiceDeps) {
    this.sla = deps.sla ?? DEFAULT_SLA_HOURS;
    this.clock = deps.clock ?? (() => new Date());
    this.numbers = new TicketNumbers(deps.counters, async () => (await deps.tickets.all()).map((ticket) => ticket.id));
  }

  /** File a ticket; category and priority are inferred unless given. */
  async create(input: NewTicket): Promise<TicketView> {
    const now = this.clock();
    const sentiment = input.sentiment ?? 0;
    const assessed = await this.assess(input.customerId, input.about ?? input.description, sentiment);
    const category = input.category ?? assessed.category;
    const priority = input.priority ?? assessed.priority;
    const at = now.toISOString();
    const ticket: Ticket = {
      id: await this.numbers.next(),
      status: 'open',
      priority,
      category,
      customerId: input.customerId,
      conversationId: input.conversationId,
      description: input.description,
      language: input.language,
      orderNumber: input.orderNumber ?? null,
      contact: input.contact ?? null,
      createdAt: at,
      updatedAt: at,
      dueAt: dueAt(priority, now, this.sla),
      priorityReasons: input.priorityReasons ?? (input.priority ? [`set by ${input.by.kind}`] : assessed.reasons),
      sentimentAtFiling: sentiment,
      assignee: null,
      resolution: null,
      rootCause: null,
      resolvedAt: null,
      overdueAt: null,
      summary: null,
      csat: null,
      history: [{ at, by: input.by, action: 'created', to: 'open', text: `${category}, ${priority}` }],
    };
    await this.deps.tickets.put(ticket);
    this.deps.events.publish('ticket.created', { ticketId: ticket.id, customerId: ticket.customerId, conversationId: ticket.conversationId, category, priority });
    return this.view(ticket);
  }

  /**
   * What a complaint would be filed as: its category, and its priority with the reasons.
   * `earlier`: what the customer said before it, latest first, for a description that names no category.
   * `alsoSaid`: what else the customer said in filing it (the message that began it: 「我要去消协投诉你们」), read for urgency only.
   */
  async assess(customerId: string, description: string, sentiment = 0, earlier: readonly string[] = [], alsoSaid = ''): Promise<Assessment> {
    const { category } = classifyInContext(description, earlier);
    const text = alsoSaid && !description.includes(alsoSaid) ? `${description} ${alsoSaid}` : description;
    const { priority, reasons } = assessPriority({ text, sentiment, recentComplaints: await this.recentComplaints(customerId) });
    return { category, priority, reasons };
  }

  async get(id: string): Promise<TicketView> {
    const ticket = await this.deps.tickets.get(id.toUpperCase());
    if (!ticket) throw notFound(`ticket ${id}`);
    return this.view(ticket);
  }

  /** The customer's own ticket, or undefined: another customer's ticket looks like no ticket. */
  async findForCustomer(id: string, customerId: string): Promise<TicketView | undefined> {
    const ticket = await this.deps.tickets.get(id.toUpperCase());
    return ticket && ticket.customerId === customerId ? this.view(ticket) : undefined;
  }

  /** Tickets, most pressing (earliest due) first. */
  async list(filter: TicketFilter = {}): Promise<TicketView[]> {
    const tickets = (await this.deps.tickets.all()).filter(
      (ticket) =>
        (!filter.status || ticket.status === filter.status || (filter.status === 'unresolved' && isOpen(ticket.status))) && (!filter.priority || ticket.priority === filter.priority),
    );
    return tickets.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id)).map((ticket) => this.view(ticket));
  }

  /** A customer's tickets, newest first (the customer profile's `TicketLookup`). */
  async forCustomer(customerId: string): Promise<TicketView[]> {
    const tickets = await this.deps.tickets.filter((ticket) => ticket.customerId === customerId);
    return tickets.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)).map((ticket) => this.view(ticket));
  }

  async openForCustomer(customerId: string): Promise<TicketView[]> {
    return (await this.forCustomer(customerId)).filter((ticket) => isOpen(ticket.status));
  }

  /** The way to reach a customer they gave on their latest ticket, if any. */
  async knownContact(customerId: string): Promise<TicketContact | undefined> {
    return (await this.forCustomer(customerId)).find((ticket) => ticket.contact?.email || ticket.contact?.phone)?.contact ?? undefined;
  }

  /** An agent's change: status, priority, assignee, a note, the resolution and root cause. */
  async update(id: string, change: TicketChange, by: Actor): Promise<TicketView> {
    const current = await this.get(id);
    const { overdue: _overdue, ...stored } = current;
    const { ticket, changed } = applyChange(stored, change, by, this.clock(), this.sla);
    if (changed.length === 0) return current;
    await this.deps.tickets.put(ticket);
    this.announce(ticket, changed, stored.status, by, change.question);
    return this.view(ticket);
  }

  /**
   * The customer's answer to what the company asked them (a ticket waiting for them): kept in
   * the history, and the ticket goes back to work. On a ticket that no longer waits, only kept.
   */
  async answerByCustomer(id: string, customerId: string, said: string): Promise<TicketView> {
    const { overdue: _overdue, ...stored } = await this.ownTicket(id, customerId);
    const by: Actor = { kind: 'customer', id: customerId };
    const now = this.clock();
    const answered: Ticket = { ...stored, history: [...stored.history, { at: now.toISOString(), by, action: 'answer', text: said }], updatedAt: now.toISOString() };
    const { ticket, changed } = stored.status === 'waiting_customer' ? applyChange(answered, { status: 'in_progress' }, by, now, this.sla) : { ticket: answered, changed: [] };
    await this.deps.tickets.put(ticket);
    this.announce(ticket, ['answer', ...changed], stored.status, by);
    return this.view(ticket);
  }

  /** The customer's CSAT rating (1–5) and optional comment, on a resolved or closed ticket of theirs. */
  async rate(id: string, customerId: string, score: number, comment: string | null = null): Promise<TicketView> {
    const ticket = await this.ownTicket(id, customerId);
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw conflict('not_resolved', `ticket ${id} is not resolved yet`);
    const at = this.clock().toISOString();
    ticket.csat = { score, comment: comment ?? ticket.csat?.comment ?? null, at };
    ticket.history.push({ at, by: { kind: 'customer', id: customerId }, action: 'csat', to: String(score), ...(comment ? { text: comment } : {}) });
    ticket.updatedAt = at;
    await this.deps.tickets.put(ticket);
    this.announce(ticket, ['csat'], ticket.status, { kind: 'customer', id: customerId });
    return this.view(ticket);
  }

  /** The customer's answer (0–10) to "would you recommend us?", asked after this ticket's rating: kept in its history. */
  async recordNps(id: string, customerId: string, score: number): Promise<TicketView> {
    const { overdue: _overdue, ...ticket } = await this.ownTicket(id, customerId);
    const at = this.clock().toISOString();
    ticket.history.push({ at, by: { kind: 'customer', id: customerId }, action: 'nps', to: String(score) });
    ticket.updatedAt = at;
    await this.deps.tickets.put(ticket);
    this.announce(ticket, ['nps'], ticket.status, { kind: 'customer', id: customerId });
    return this.view(ticket);
  }

  /** "Still not fixed": the customer reopens their resolved ticket. */
  async reopenByCustomer(id: string, customerId: string, said: string): Promise<TicketView> {
    const { overdue: _overdue, ...stored } = await this.ownTicket(id, customerId);
    const { ticket, changed } = applyChange(stored, { status: 'reopened', note: said }, { kind: 'customer', id: customerId }, this.clock(), this.sla);
    await this.deps.tickets.put(ticket);
    this.announce(ticket, changed, stored.status, { kind: 'customer', id: customerId });
    return this.view(ticket);
  }

  /** Flag tickets that went past their due time (once each) and publish `ticket.overdue`. */
  async sweepOverdue(): Promise<TicketView[]> {
    const now = this.clock();
    const flagged: TicketView[] = [];
    for (const ticket of await this.deps.tickets.all()) {
      if (ticket.overdueAt || !isOverdue(ticket, now)) continue;
      ticket.overdueAt = now.toISOString();
      ticket.history.push({ at: ticket.overdueAt, by: { kind: 'system' }, action: 'overdue', text: `due ${ticket.dueAt}` });
      await this.deps.tickets.put(ticket);
      this.deps.events.publish('ticket.overdue', { ticketId: ticket.id, customerId: ticket.customerId, priority: ticket.priority, dueAt: ticket.dueAt });
      flagged.push(this.view(ticket));
    }
    return flagged;
  }

  private async ownTicket(id: string, customerId: string): Promise<TicketView> {
    const ticket = await this.findForCustomer(id, customerId);
    if (!ticket) throw notFound(`ticket ${id}`);
    return ticket;
  }

  private async recentComplaints(customerId: string): Promise<number> {
    const since = new Date(this.clock().getTime() - 30 * DAY_MS).toISOString();
    return (await this.deps.tickets.filter((ticket) => ticket.customerId === customerId && ticket.createdAt >= since)).length;
  }

  private announce(ticket: Ticket, changes: string[], previousStatus: TicketStatus, by: Actor, question?: string): void {
    const { id: ticketId, customerId, conversationId, status, language } = ticket;
    this.deps.events.publish('ticket.updated', { ticketId, customerId, conversationId, status, changes });
    // What the customer is told as their ticket moves (step four): a person took it; we need something from them.
    if (status === 'in_progress' && (previousStatus === 'open' || previousStatus === 'reopened') && by.kind === 'agent') {
      this.deps.events.publish('ticket.taken', { ticketId, customerId, conversationId, agentName: by.name ?? null, language });
    }
    if (status === 'waiting_customer' && (previousStatus !== 'waiting_customer' || question !== undefined)) {
      this.deps.events.publish('ticket.waiting', { ticketId, customerId, conversationId, question: question ?? null, language });
    }
    if (status === 'reopened' && previousStatus !== 'reopened' && by.kind === 'agent') {
      this.deps.events.publish('ticket.reopened', { ticketId, customerId, conversationId, language });
    }
    if (status === 'resolved' && previousStatus !== 'resolved') {
      this.deps.events.publish('ticket.resolved', { ticketId, customerId, conversationId, resolution: ticket.resolution ?? '', language: ticket.language });
    }
  }

  private view(ticket: Ticket): TicketView {
    return { ...ticket, overdue: isOverdue(ticket, this.clock()) };
  }
}
