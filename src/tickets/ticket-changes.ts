import { badRequest } from '../errors.js';
import { assertTransition } from './lifecycle.js';
import { dueAt, type SlaTable } from './sla.js';
import { summarise } from './summary.js';
import type { Actor, HistoryEntry, Ticket, TicketChange } from './types.js';

export interface AppliedChange {
  ticket: Ticket;
  /** Names of what changed: `status`, `priority`, `assignee`, `note`, `question`, `resolution`, `rootCause`. */
  changed: string[];
}

/** When the ticket's clock last started: its creation, or its latest reopening. */
function slaStart(ticket: Ticket): Date {
  const reopened = ticket.history.findLast((entry) => entry.action === 'status' && entry.to === 'reopened');
  return new Date(reopened?.at ?? ticket.createdAt);
}

/**
 * A ticket with an agent's (or the customer's) change applied and recorded in its history.
 * Pure: nothing is stored. Throws 409 for a status the ticket cannot go to, 400 for a
 * resolve without a resolution.
 */
export function applyChange(current: Ticket, change: TicketChange, by: Actor, now: Date, sla: SlaTable): AppliedChange {
  const ticket: Ticket = { ...current, history: [...current.history] };
  const at = now.toISOString();
  const changed: string[] = [];
  const record = (entry: Omit<HistoryEntry, 'at' | 'by'>) => ticket.history.push({ at, by, ...entry });

  if (change.resolution !== undefined && change.resolution !== ticket.resolution) {
    record({ action: 'resolution', text: change.resolution });
    ticket.resolution = change.resolution;
    changed.push('resolution');
  }
  if (change.rootCause !== undefined && change.rootCause !== ticket.rootCause) {
    record({ action: 'root_cause', text: change.rootCause });
    ticket.rootCause = change.rootCause;
    changed.push('rootCause');
  }
  if (change.assignee !== undefined && change.assignee !== ticket.assignee) {
    record({ action: 'assignee', from: ticket.assignee, to: change.assignee });
    ticket.assignee = change.assignee;
    changed.push('assignee');
  }
  if (change.priority !== undefined && change.priority !== ticket.priority) {
    record({ action: 'priority', from: ticket.priority, to: change.priority });
    ticket.priority = change.priority;
    ticket.dueAt = dueAt(change.priority, slaStart(ticket), sla);
    ticket.overdueAt = null;
    changed.push('priority');
  }
  if (change.note !== undefined) {
    record({ action: 'note', text: change.note });
    changed.push('note');
  }
  if (change.status !== undefined && change.status !== ticket.status) applyStatus(ticket, change.status, now, sla, record);
  if (ticket.status !== current.status) changed.push('status');
  if (change.question !== undefined) {
    // The question is sent to the customer: it belongs to a ticket that now waits for them.
    if (ticket.status !== 'waiting_customer') {
      throw badRequest('question_needs_waiting', `a question for the customer goes with status waiting_customer (ticket ${ticket.id} would be ${ticket.status})`);
    }
    record({ action: 'question', text: change.question });
    changed.push('question');
  }
  // Whoever starts work on an unassigned ticket takes it: step three of a complaint has an owner.
  if (ticket.status === 'in_progress' && current.status !== 'in_progress' && ticket.assignee === null && by.kind === 'agent' && (by.name || by.id)) {
    const owner = by.name ?? by.id ?? null;
    record({ action: 'assignee', from: null, to: owner });
    ticket.assignee = owner;
    changed.push('assignee');
  }
  if (changed.length > 0) ticket.updatedAt = at;
  return { ticket, changed };
}

function applyStatus(ticket: Ticket, to: Ticket['status'], now: Date, sla: SlaTable, record: (entry: Omit<HistoryEntry, 'at' | 'by'>) => void): void {
  assertTransition(ticket.id, ticket.status, to);
  if (to === 'resolved' && !ticket.resolution?.trim()) {
    throw badRequest('resolution_required', `say how ticket ${ticket.id} was resolved: send a resolution with the status`);
  }
  record({ action: 'status', from: ticket.status, to });
  ticket.status = to;
  if (to === 'resolved') {
    ticket.resolvedAt = now.toISOString();
    ticket.summary = summarise(ticket, now);
  }
  if (to === 'reopened') {
    // A reopened ticket starts a fresh deadline; the old resolution stays in the history.
    ticket.resolvedAt = null;
    ticket.resolution = null;
    ticket.overdueAt = null;
    ticket.dueAt = dueAt(ticket.priority, now, sla);
  }
}
