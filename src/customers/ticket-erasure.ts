import type { Collection } from '../storage/ports.js';
import type { CustomerDataHolder, DataSubject } from './privacy.js';

/** The fields of a stored ticket that can name or quote the customer (the tickets module owns the rest). */
export interface TicketPersonalFields {
  id: string;
  customerId: string;
  conversationId: string;
  description?: string;
  orderNumber?: string | null;
  contact?: unknown;
  resolution?: string | null;
  csat?: { score: number; comment?: string | null } | null;
  summary?: { keyPhrases?: string[]; text?: string } | null;
  history?: { by?: { kind?: string; id?: string }; text?: string }[];
}

export const ERASED = '[erased]';

/** A ticket with the customer taken out: the ticket stays (numbers, SLA and statistics hold), the person does not. */
export function anonymiseTicket<T extends TicketPersonalFields>(ticket: T): T {
  return {
    ...ticket,
    customerId: ERASED,
    conversationId: ERASED,
    ...(ticket.description !== undefined ? { description: ERASED } : {}),
    ...(ticket.orderNumber !== undefined ? { orderNumber: null } : {}),
    ...(ticket.contact !== undefined ? { contact: null } : {}),
    ...(ticket.resolution ? { resolution: ERASED } : {}),
    ...(ticket.csat ? { csat: { ...ticket.csat, comment: null } } : {}),
    ...(ticket.summary ? { summary: { ...ticket.summary, keyPhrases: [], text: ERASED } } : {}),
    ...(ticket.history
      ? {
          history: ticket.history.map(({ text: _text, ...entry }) =>
            entry.by?.kind === 'customer' ? { ...entry, by: { kind: 'customer' } } : entry,
          ),
        }
      : {}),
  };
}

/**
 * Tickets as stored, for export and erasure, until the ticket service implements
 * `CustomerDataHolder` itself (then register that instead).
 */
export function ticketDataHolder<T extends TicketPersonalFields>(tickets: Collection<T>): CustomerDataHolder {
  const mine = async (subject: DataSubject) =>
    (await tickets.all()).filter((ticket) => ticket.customerId === subject.customerId || subject.conversationIds.includes(ticket.conversationId));
  return {
    name: 'tickets',
    exportCustomer: mine,
    async eraseCustomer(subject) {
      const found = await mine(subject);
      for (const ticket of found) await tickets.put(anonymiseTicket(ticket));
      // The versions before anonymising must not wait in the journal for the next snapshot.
      if (found.length > 0) await tickets.purge();
      return found.length;
    },
  };
}
