import { describe, expect, it } from 'vitest';
import { releaseLine } from '../../../src/handoff/ending.js';

const held = { status: 'active' as const, handoff: { reason: 'customer_asked', requestedAt: '2026-03-02T09:00:00.000Z', priority: 'normal' as const, agentId: 'a1', agentName: 'Alice' } };
const alice = { id: 'a1', name: 'Alice' };
const admin = { id: 'x9', name: 'Xu', canOverride: true };

describe('the line a customer reads when the chat goes back to the bot', () => {
  it('the agent left, when the agent themself hands back (or no agent is named)', () => {
    expect(releaseLine(held, alice, 'agent')).toBe('released');
    expect(releaseLine(held, undefined, 'agent')).toBe('released');
  });

  it('the chat was handed back, when an admin hands back an agent’s chat: the agent did not leave', () => {
    expect(releaseLine(held, admin, 'agent')).toBe('returned');
  });

  it('they left the queue, when they cancelled', () => {
    expect(releaseLine(held, undefined, 'cancelled')).toBe('cancelled');
    expect(releaseLine({ status: 'waiting', handoff: { ...held.handoff, agentId: undefined } }, undefined, 'cancelled')).toBe('cancelled');
  });

  it('the chat was handed back, when an agent hands back a chat still waiting: the customer did not leave the queue', () => {
    const waiting = { status: 'waiting' as const, handoff: { ...held.handoff, agentId: undefined, agentName: undefined } };
    expect(releaseLine(waiting, alice, 'agent')).toBe('returned');
    expect(releaseLine(waiting, admin, 'agent')).toBe('returned');
  });
});
