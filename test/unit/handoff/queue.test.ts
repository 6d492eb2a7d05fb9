import { describe, expect, it } from 'vitest';
import type { ConversationRecord, HandoffInfo } from '../../../src/conversations/index.js';
import { earlierOf } from '../../../src/handoff/claiming.js';
import { byUrgency, queueStatusOf, requestPriority, WaitEstimator } from '../../../src/handoff/queue.js';

const NOW = Date.parse('2026-03-02T09:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const chat = (id: string, status: ConversationRecord['status'], handoff: Partial<HandoffInfo> = {}): ConversationRecord =>
  ({ id, customerId: `u-${id}`, status, createdAt: minutesAgo(30), handoff: { reason: 'customer_asked', requestedAt: minutesAgo(1), priority: 'normal', ...handoff } }) as ConversationRecord;

describe('the queue', () => {
  it("an upset customer asking goes ahead of the reason's priority, never behind it", () => {
    expect(requestPriority('customer_asked')).toBe('normal');
    expect(requestPriority('customer_asked', 'high')).toBe('high');
    expect(requestPriority('urgent_complaint', 'high')).toBe('urgent');
  });

  it('a waiting customer learns their place, behind chats still in their wait but not behind ones kept as tickets', () => {
    const waits = new WaitEstimator();
    const ticket = chat('ticket', 'waiting', { requestedAt: minutesAgo(10), timedOutAt: minutesAgo(8) });
    const ahead = chat('ahead', 'waiting', { requestedAt: minutesAgo(2) });
    const me = chat('me', 'waiting');
    const status = queueStatusOf(me, [ticket, ahead, me], { agentsOnline: 2, waits, claimTimeoutMs: 3 * 60_000, now: NOW });
    expect(status).toEqual({ status: 'waiting', position: 2, expectedWaitMinutes: 2, agentsOnline: 2 });
  });

  it('lists the customers still waiting live before the chats that became tickets, however urgent those are; then by priority, then the longest waiting', () => {
    const urgentTicket = chat('urgent-ticket', 'waiting', { priority: 'urgent', requestedAt: minutesAgo(20), timedOutAt: minutesAgo(17) });
    const oldTicket = chat('old-ticket', 'waiting', { requestedAt: minutesAgo(30), timedOutAt: minutesAgo(27) });
    const live = chat('live', 'waiting', { requestedAt: minutesAgo(2) });
    const liveHigh = chat('live-high', 'waiting', { priority: 'high', requestedAt: minutesAgo(1) });
    const liveEarlier = chat('live-earlier', 'waiting', { requestedAt: minutesAgo(3) });
    expect([urgentTicket, oldTicket, live, liveHigh, liveEarlier].sort(byUrgency).map((each) => each.id)).toEqual(['live-high', 'live-earlier', 'live', 'urgent-ticket', 'old-ticket']);
    // Chats with an agent are in priority order, whether or not they had timed out before their claim.
    const claimedTicket = chat('claimed-ticket', 'active', { priority: 'urgent', timedOutAt: minutesAgo(5), agentId: 'a1' });
    const claimed = chat('claimed', 'active', { agentId: 'a1' });
    expect([claimed, claimedTicket].sort(byUrgency).map((each) => each.id)).toEqual(['claimed-ticket', 'claimed']);
  });

  it('says when the chat becomes a ticket if the expected wait runs past it', () => {
    const waits = new WaitEstimator();
    const line = ['a', 'b', 'c', 'd'].map((id) => chat(id, 'waiting'));
    const status = queueStatusOf(line[3]!, line, { agentsOnline: 1, waits, claimTimeoutMs: 3 * 60_000, now: NOW });
    // Four places of two minutes each, with one agent; the chat asked a minute ago and waits three.
    expect(status).toMatchObject({ position: 4, expectedWaitMinutes: 8, ticketAfterMinutes: 2 });
  });

  it('a chat with an agent names them and has no place in line', () => {
    const status = queueStatusOf(chat('held', 'active', { agentId: 'a1', agentName: 'Alice' }), [], { agentsOnline: 1, waits: new WaitEstimator(), claimTimeoutMs: 60_000, now: NOW });
    expect(status).toEqual({ status: 'active', position: 0, expectedWaitMinutes: 0, agentsOnline: 1, agentName: 'Alice' });
  });

  it('a new handoff keeps the ones before it, the latest twenty', () => {
    expect(earlierOf({})).toEqual({});
    const earlier = Array.from({ length: 20 }, (_, i) => ({ reason: `r${i}`, requestedAt: minutesAgo(100 - i), priority: 'normal' as const }));
    const latest = { reason: 'latest', requestedAt: minutesAgo(1), priority: 'normal' as const };
    const kept = earlierOf({ handoff: latest, earlierHandoffs: earlier }).earlierHandoffs!;
    expect(kept).toHaveLength(20);
    expect(kept[0]!.reason).toBe('r1');
    expect(kept.at(-1)).toBe(latest);
  });
});
