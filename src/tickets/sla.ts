import type { Ticket, TicketPriority } from './types.js';
import { isOpen } from './lifecycle.js';

/** Hours to resolve a ticket, per priority. */
export type SlaTable = Readonly<Record<TicketPriority, number>>;

export const DEFAULT_SLA_HOURS: SlaTable = { urgent: 4, high: 24, normal: 72, low: 168 };

const HOUR_MS = 3_600_000;

export function dueAt(priority: TicketPriority, from: Date, sla: SlaTable = DEFAULT_SLA_HOURS): string {
  return new Date(from.getTime() + sla[priority] * HOUR_MS).toISOString();
}

/** Past its due time and still waiting for the company (a resolved ticket is never overdue). */
export function isOverdue(ticket: Pick<Ticket, 'status' | 'dueAt'>, now: Date): boolean {
  return isOpen(ticket.status) && Date.parse(ticket.dueAt) < now.getTime();
}

/**
 * An SLA table from a setting such as `urgent=4,high=24,normal=72,low=168` (hours); priorities
 * left out keep their default. Throws naming the bad part.
 */
export function parseSlaTable(text: string, defaults: SlaTable = DEFAULT_SLA_HOURS): SlaTable {
  const table: Record<TicketPriority, number> = { ...defaults };
  for (const part of text.split(',').map((each) => each.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((each) => each.trim());
    const hours = Number(value);
    if (!name || !(name in table) || !Number.isFinite(hours) || hours <= 0) {
      throw new Error(`"${part}" is not priority=hours (priorities: ${Object.keys(table).join(', ')})`);
    }
    table[name as TicketPriority] = hours;
  }
  return table;
}
