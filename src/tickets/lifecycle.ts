import { conflict } from '../errors.js';
import type { TicketStatus } from './types.js';

/**
 * Where a ticket may go from each status. `closed` is final: a problem that comes back after
 * a ticket is closed is a new ticket. An agent may resolve at once from any working status.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: [],
  reopened: ['in_progress', 'waiting_customer', 'resolved'],
};

/** Statuses in which the company still owes the customer something. */
const UNRESOLVED: ReadonlySet<TicketStatus> = new Set(['open', 'in_progress', 'waiting_customer', 'reopened']);

export const isOpen = (status: TicketStatus): boolean => UNRESOLVED.has(status);

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** 409 with a message that says what is allowed instead. */
export function assertTransition(id: string, from: TicketStatus, to: TicketStatus): void {
  if (canTransition(from, to)) return;
  const allowed = TRANSITIONS[from];
  const instead = allowed.length > 0 ? `from ${from} it can go to ${allowed.join(', ')}` : `${from} is final`;
  throw conflict('invalid_transition', `ticket ${id} cannot go from ${from} to ${to}: ${instead}`);
}
