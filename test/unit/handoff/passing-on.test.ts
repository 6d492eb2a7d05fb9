import { describe, expect, it } from 'vitest';
import type { HandoffInfo } from '../../../src/conversations/index.js';
import { restOfWait, withoutHolder } from '../../../src/handoff/passing-on.js';

const held: HandoffInfo = {
  reason: 'customer_asked',
  priority: 'high',
  requestedAt: '2026-03-02T09:00:00.000Z',
  agentId: 'a1',
  agentName: 'Alice',
  claimedAt: '2026-03-02T09:02:00.000Z',
  repliedAt: '2026-03-02T09:03:00.000Z',
  ticketId: 'T-1001',
};

describe('passing a chat on', () => {
  it('keeps all but the holder, their claim and first reply', () => {
    expect(withoutHolder(held)).toEqual({ reason: 'customer_asked', priority: 'high', requestedAt: held.requestedAt, ticketId: 'T-1001' });
  });

  it('back in the queue, the chat gets what was left of its wait when it was claimed', () => {
    // Three minutes to be claimed, claimed after two: one minute from the moment it is passed back.
    expect(restOfWait(held, '2026-03-02T09:20:00.000Z', 3 * 60_000)).toEqual({ claimDeadline: '2026-03-02T09:21:00.000Z' });
  });

  it('a chat that had timed out waits as a ticket again, with no new deadline', () => {
    expect(restOfWait({ ...held, timedOutAt: '2026-03-02T09:03:00.000Z' }, '2026-03-02T09:20:00.000Z', 3 * 60_000)).toEqual({});
  });
});
