import type { Collection } from '../storage/ports.js';

/** The stored counter: the next ticket number to hand out. */
export interface TicketCounter {
  id: 'ticket-number';
  next: number;
}

export const FIRST_TICKET_NUMBER = 1001;

/** `T-1042` → 1042; anything else → undefined. */
export function ticketNumberOf(id: string): number | undefined {
  const match = /^T-(\d{1,12})$/i.exec(id.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * Hands out ticket ids `T-1001`, `T-1002` … in order, one at a time. The counter is stored
 * before an id is returned, so an id is never handed out twice, across restarts too; if the
 * counter is lost it resumes after the highest ticket that exists.
 */
export class TicketNumbers {
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly counters: Collection<TicketCounter>,
    private readonly existingIds: () => Promise<string[]>,
  ) {}

  next(): Promise<string> {
    const allocation = this.last.then(() => this.allocate());
    this.last = allocation.catch(() => undefined);
    return allocation;
  }

  private async allocate(): Promise<string> {
    const stored = await this.counters.get('ticket-number');
    const highest = stored ? 0 : Math.max(0, ...(await this.existingIds()).map((id) => ticketNumberOf(id) ?? 0));
    const number = stored?.next ?? Math.max(FIRST_TICKET_NUMBER, highest + 1);
    await this.counters.put({ id: 'ticket-number', next: number + 1 });
    return `T-${number}`;
  }
}
