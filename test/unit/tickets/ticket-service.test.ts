import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { createMemoryStorage } from '../../../src/storage/index.js';
import { type NewTicket, type TicketEventPayloads, TicketService } from '../../../src/tickets/index.js';

const HOUR = 3_600_000;
const start = new Date('2025-03-03T09:00:00Z');
const agent = { kind: 'agent', id: 'u1', name: 'Ana' } as const;

let now: Date;
let storage: ReturnType<typeof createMemoryStorage>;
let published: { name: keyof TicketEventPayloads; payload: any }[];

const service = () =>
  new TicketService({
    tickets: storage.collection('tickets'),
    counters: storage.collection('ticket-counters'),
    events: { publish: (name, payload) => published.push({ name, payload }) },
    clock: () => now,
  });

const complaint = (overrides: Partial<NewTicket> = {}): NewTicket => ({
  customerId: 'c1',
  conversationId: 'conv1',
  description: 'My parcel is late',
  language: 'en',
  sentiment: -0.3,
  by: { kind: 'customer', id: 'c1' },
  ...overrides,
});

async function statusOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return { status: (error as AppError).status, message: (error as AppError).message };
}

beforeEach(() => {
  now = start;
  storage = createMemoryStorage();
  published = [];
});

describe('filing a ticket', () => {
  it('numbers tickets T-1001, T-1002 … and keeps counting in a new service on the same storage', async () => {
    expect((await service().create(complaint())).id).toBe('T-1001');
    expect((await service().create(complaint())).id).toBe('T-1002');
    await storage.collection('ticket-counters').delete('ticket-number');
    expect((await service().create(complaint())).id).toBe('T-1003');
  });

  it('hands out distinct numbers to complaints filed at the same moment', async () => {
    const tickets = service();
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => tickets.create(complaint()).then((ticket) => ticket.id)));
    expect(new Set(ids).size).toBe(5);
  });

  it('classifies, prioritises, dates it by the SLA and announces it', async () => {
    const ticket = await service().create(complaint({ description: 'This is fraud, I was charged twice', sentiment: -0.5 }));
    expect(ticket).toMatchObject({ status: 'open', category: 'refund_billing', priority: 'urgent', overdue: false, csat: null });
    expect(ticket.dueAt).toBe(new Date(start.getTime() + 4 * HOUR).toISOString());
    expect(ticket.history).toEqual([{ at: start.toISOString(), by: { kind: 'customer', id: 'c1' }, action: 'created', to: 'open', text: 'refund_billing, urgent' }]);
    expect(published).toEqual([{ name: 'ticket.created', payload: { ticketId: 'T-1001', customerId: 'c1', conversationId: 'conv1', category: 'refund_billing', priority: 'urgent' } }]);
  });

  it('uses a configured SLA table', async () => {
    const tickets = new TicketService({ tickets: storage.collection('tickets'), counters: storage.collection('ticket-counters'), events: { publish: () => {} }, clock: () => now, sla: { urgent: 1, high: 2, normal: 3, low: 4 } });
    expect((await tickets.create(complaint())).dueAt).toBe(new Date(start.getTime() + 3 * HOUR).toISOString());
  });
});

describe('the lifecycle', () => {
  it('moves open → in_progress → waiting_customer → resolved → closed, recording who did what and when', async () => {
    const tickets = service();
    await tickets.create(complaint());
    now = new Date(start.getTime() + HOUR);
    await tickets.update('T-1001', { status: 'in_progress', assignee: 'ana@example.com', note: 'calling the courier' }, agent);
    await tickets.update('T-1001', { status: 'waiting_customer', question: 'Which address was it sent to?' }, agent);
    now = new Date(start.getTime() + 5 * HOUR);
    const resolved = await tickets.update('T-1001', { status: 'resolved', resolution: 'Re-sent the parcel by express', rootCause: 'courier lost it' }, agent);
    const closed = await tickets.update('T-1001', { status: 'closed' }, agent);
    expect(closed.status).toBe('closed');
    expect(closed.history.map((entry) => [entry.action, entry.from ?? null, entry.to ?? null, entry.text ?? null])).toEqual([
      ['created', null, 'open', 'delivery, normal'],
      ['assignee', null, 'ana@example.com', null],
      ['note', null, null, 'calling the courier'],
      ['status', 'open', 'in_progress', null],
      ['status', 'in_progress', 'waiting_customer', null],
      ['question', null, null, 'Which address was it sent to?'],
      ['resolution', null, null, 'Re-sent the parcel by express'],
      ['root_cause', null, null, 'courier lost it'],
      ['status', 'waiting_customer', 'resolved', null],
      ['status', 'resolved', 'closed', null],
    ]);
    expect(closed.history[1]).toMatchObject({ by: agent, at: new Date(start.getTime() + HOUR).toISOString() });
    // Append-only: what was there before is untouched.
    expect(closed.history.slice(0, resolved.history.length)).toEqual(resolved.history);
    expect(resolved.summary).toMatchObject({ category: 'delivery', hoursToResolve: 5, sentimentAtFiling: -0.3 });
    expect(resolved.summary?.keyPhrases).toContain('late');
    expect(resolved.summary?.text).toMatch(/delivery complaint, normal priority; key phrases: late, parcel; sentiment at filing -0.30; resolved in 5 h; root cause: courier lost it/);
    // The customer hears when a person takes the ticket and what the team needs from them (step four).
    expect(published.map((event) => event.name)).toEqual(['ticket.created', 'ticket.updated', 'ticket.taken', 'ticket.updated', 'ticket.waiting', 'ticket.updated', 'ticket.resolved', 'ticket.updated']);
    expect(published.find((event) => event.name === 'ticket.waiting')?.payload).toMatchObject({ ticketId: 'T-1001', question: 'Which address was it sent to?', language: 'en' });
  });

  it('gives an unassigned ticket to the agent who starts work on it, and takes the customer back to work when they answer', async () => {
    const tickets = service();
    await tickets.create(complaint());
    const taken = await tickets.update('T-1001', { status: 'in_progress' }, agent);
    expect(taken.assignee).toBe('Ana');
    expect(taken.history.at(-1)).toMatchObject({ action: 'assignee', from: null, to: 'Ana', by: agent });
    await tickets.update('T-1001', { status: 'waiting_customer', question: 'Which address?' }, agent);
    expect((await statusOf(tickets.answerByCustomer('T-1001', 'someone-else', '12 High St'))).status).toBe(404);
    const answered = await tickets.answerByCustomer('T-1001', 'c1', '12 High St');
    expect(answered.status).toBe('in_progress');
    expect(answered.assignee).toBe('Ana');
    expect(answered.history.slice(-2).map((entry) => [entry.action, entry.by.kind, entry.text ?? entry.to])).toEqual([
      ['answer', 'customer', '12 High St'],
      ['status', 'customer', 'in_progress'],
    ]);
  });

  it('refuses impossible moves with 409 and says what is allowed', async () => {
    const tickets = service();
    await tickets.create(complaint());
    expect(await statusOf(tickets.update('T-1001', { status: 'closed' }, agent))).toEqual({
      status: 409,
      message: 'ticket T-1001 cannot go from open to closed: from open it can go to in_progress, waiting_customer, resolved',
    });
    await tickets.update('T-1001', { status: 'resolved', resolution: 'refunded' }, agent);
    await tickets.update('T-1001', { status: 'closed' }, agent);
    expect(await statusOf(tickets.update('T-1001', { status: 'reopened' }, agent))).toEqual({ status: 409, message: 'ticket T-1001 cannot go from closed to reopened: closed is final' });
  });

  it('will not resolve without a resolution, and leaves the ticket as it was', async () => {
    const tickets = service();
    await tickets.create(complaint());
    expect((await statusOf(tickets.update('T-1001', { status: 'resolved', note: 'done' }, agent))).status).toBe(400);
    expect((await tickets.get('T-1001')).history).toHaveLength(1);
  });

  it('re-dates a ticket whose priority changes', async () => {
    const tickets = service();
    await tickets.create(complaint());
    const raised = await tickets.update('T-1001', { priority: 'urgent' }, agent);
    expect(raised.dueAt).toBe(new Date(start.getTime() + 4 * HOUR).toISOString());
  });
});

describe('the customer side', () => {
  it('stores a rating on a resolved ticket of their own only', async () => {
    const tickets = service();
    await tickets.create(complaint());
    expect((await statusOf(tickets.rate('T-1001', 'c1', 5))).status).toBe(409);
    await tickets.update('T-1001', { status: 'resolved', resolution: 'refunded' }, agent);
    expect((await statusOf(tickets.rate('T-1001', 'someone-else', 5))).status).toBe(404);
    await tickets.rate('T-1001', 'c1', 4);
    const rated = await tickets.rate('T-1001', 'c1', 4, 'quick, thanks');
    expect(rated.csat).toEqual({ score: 4, comment: 'quick, thanks', at: start.toISOString() });
    expect(await tickets.findForCustomer('T-1001', 'someone-else')).toBeUndefined();
  });

  it('reopens on "still not fixed" with a fresh deadline', async () => {
    const tickets = service();
    await tickets.create(complaint());
    await tickets.update('T-1001', { status: 'resolved', resolution: 'refunded' }, agent);
    now = new Date(start.getTime() + 100 * HOUR);
    const reopened = await tickets.reopenByCustomer('T-1001', 'c1', 'still not fixed');
    expect(reopened).toMatchObject({ status: 'reopened', resolution: null, dueAt: new Date(now.getTime() + 72 * HOUR).toISOString() });
    expect(reopened.history.at(-1)).toMatchObject({ action: 'status', from: 'resolved', to: 'reopened', by: { kind: 'customer', id: 'c1' } });
    expect(reopened.history.at(-2)).toMatchObject({ action: 'note', text: 'still not fixed' });
  });
});

describe('overdue tickets', () => {
  it('are flagged in lists once past due, announced once, and never when resolved', async () => {
    const tickets = service();
    await tickets.create(complaint({ description: 'I will sue you' }));
    await tickets.create(complaint({ description: 'I will call the police' }));
    await tickets.update('T-1002', { status: 'resolved', resolution: 'apologised' }, agent);
    now = new Date(start.getTime() + 4 * HOUR - 1);
    expect(await tickets.sweepOverdue()).toEqual([]);
    now = new Date(start.getTime() + 5 * HOUR);
    expect((await tickets.list()).map((ticket) => [ticket.id, ticket.overdue])).toEqual([['T-1001', true], ['T-1002', false]]);
    expect((await tickets.sweepOverdue()).map((ticket) => ticket.id)).toEqual(['T-1001']);
    expect(await tickets.sweepOverdue()).toEqual([]);
    expect(published.filter((event) => event.name === 'ticket.overdue').map((event) => event.payload.ticketId)).toEqual(['T-1001']);
    expect((await tickets.get('T-1001')).history.at(-1)).toMatchObject({ action: 'overdue', by: { kind: 'system' } });
  });

  it('are listed by status and priority', async () => {
    const tickets = service();
    await tickets.create(complaint({ description: 'I will sue you' }));
    await tickets.create(complaint());
    expect((await tickets.list({ priority: 'urgent' })).map((ticket) => ticket.id)).toEqual(['T-1001']);
    expect((await tickets.list({ status: 'open', priority: 'low' })).map((ticket) => ticket.id)).toEqual([]);
  });
});
