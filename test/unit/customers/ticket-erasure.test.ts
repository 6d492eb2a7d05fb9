import { describe, expect, it } from 'vitest';
import { type DataSubject, ERASED, ticketDataHolder } from '../../../src/customers/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';
import type { Ticket } from '../../../src/tickets/types.js';

const ticket = (id: string, customerId: string, conversationId: string): Ticket => ({
  id,
  status: 'resolved',
  priority: 'high',
  category: 'delivery',
  customerId,
  conversationId,
  description: 'Parcel never came, call Ann on *******5678',
  language: 'en',
  orderNumber: '20240501123456',
  contact: { email: 'ann.lee@example.com', phone: '13812345678' },
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-02T10:00:00.000Z',
  dueAt: '2025-03-02T10:00:00.000Z',
  priorityReasons: ['angry'],
  sentimentAtFiling: -0.8,
  assignee: 'agent-1',
  resolution: 'Refunded Ann to her card',
  rootCause: 'carrier lost the parcel',
  resolvedAt: '2025-03-02T09:00:00.000Z',
  overdueAt: null,
  summary: { category: 'delivery', keyPhrases: ['parcel never came'], sentimentAtFiling: -0.8, hoursToResolve: 23, text: 'Ann: parcel never came' },
  csat: { score: 2, comment: 'Ann says too slow', at: '2025-03-03T10:00:00.000Z' },
  history: [
    { at: '2025-03-01T10:00:00.000Z', by: { kind: 'customer', id: customerId }, action: 'created', text: 'Parcel never came' },
    { at: '2025-03-02T09:00:00.000Z', by: { kind: 'agent', id: 'agent-1', name: 'Bo' }, action: 'status', from: 'open', to: 'resolved' },
  ],
});

describe('erasing a customer from tickets', () => {
  it('keeps the ticket for the numbers and takes out everything that names or quotes the customer', async () => {
    const tickets = createMemoryStorage().collection<Ticket>('tickets');
    await tickets.put(ticket('T-1001', 'cu_ann', 'conv-ann'));
    await tickets.put(ticket('T-1002', 'cu_bob', 'conv-bob'));
    const subject: DataSubject = { customerId: 'cu_ann', conversationIds: ['conv-ann'], userIds: [] };
    const holder = ticketDataHolder(tickets);

    expect(await holder.exportCustomer(subject)).toEqual([expect.objectContaining({ id: 'T-1001', contact: { email: 'ann.lee@example.com', phone: '13812345678' } })]);
    expect(await holder.eraseCustomer(subject)).toBe(1);

    const erased = (await tickets.get('T-1001'))!;
    const text = JSON.stringify(erased);
    for (const personal of ['cu_ann', 'conv-ann', 'ann', 'Ann', '5678', '20240501123456', 'never came']) expect(text).not.toContain(personal);
    expect(erased).toMatchObject({ id: 'T-1001', status: 'resolved', category: 'delivery', description: ERASED, contact: null, csat: { score: 2, comment: null } });
    expect(erased.history.map((entry) => entry.action)).toEqual(['created', 'status']);
    expect(JSON.stringify(await tickets.get('T-1002'))).toContain('cu_bob');
    expect(await holder.exportCustomer(subject)).toEqual([]);
  });
});
