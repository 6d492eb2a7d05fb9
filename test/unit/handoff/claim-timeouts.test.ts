import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../../src/conversations/index.js';
import { isStillWaiting, timeoutLine } from '../../../src/handoff/claim-timeouts.js';

describe('claim time-outs', () => {
  it('tells a customer whose agents are busy that they keep their place, and names the ticket that keeps the chat', () => {
    expect(timeoutLine('not_claimed', 'T-1001')).toBe('busyTicket');
    expect(timeoutLine('not_claimed', undefined)).toBe('busy');
    expect(timeoutLine('no_agent_online', 'T-1001')).toBe('timeoutTicket');
    expect(timeoutLine('no_agent_online', undefined)).toBe('timeout');
    expect(timeoutLine('no_agent_online', 'T-1001', true)).toBe('agentLeftTimeoutTicket');
    expect(timeoutLine('no_agent_online', undefined, true)).toBe('agentLeftTimeout');
  });

  it('a timer finds the chat moved on when it was claimed, asked for anew, given another deadline or timed out', () => {
    const wait = { requestedAt: '2026-03-02T09:00:00.000Z', claimDeadline: '2026-03-02T09:02:00.000Z' };
    const chat = (status: ConversationRecord['status'], handoff: Partial<NonNullable<ConversationRecord['handoff']>> = {}) =>
      ({ id: 'c1', customerId: 'u1', status, createdAt: wait.requestedAt, handoff: { reason: 'customer_asked', priority: 'normal', ...wait, ...handoff } }) as ConversationRecord;
    expect(isStillWaiting(chat('waiting'), wait)).toBe(true);
    expect(isStillWaiting(chat('active'), wait)).toBe(false);
    expect(isStillWaiting(chat('waiting', { requestedAt: '2026-03-02T09:05:00.000Z' }), wait)).toBe(false);
    expect(isStillWaiting(chat('waiting', { claimDeadline: '2026-03-02T09:07:00.000Z' }), wait)).toBe(false);
    expect(isStillWaiting(chat('waiting', { timedOutAt: '2026-03-02T09:02:00.000Z' }), wait)).toBe(false);
  });
});
