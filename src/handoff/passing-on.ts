/**
 * A chat changes hands without going back to the bot: its holder passes it on (to a colleague,
 * or to the queue), or leaves (signed out, disabled) and it goes back to the queue. Either way
 * the customer keeps their place (their request time), their priority and ticket, and is told.
 */

import type { ConversationRecord, HandoffInfo, HeldBefore } from '../conversations/index.js';
import { conflict, forbidden } from '../errors.js';
import { waitForClaim } from './claim-timeouts.js';
import type { HandoffContext } from './handoff-context.js';
import { claimDeadlineOf } from './queue.js';
import type { AgentRef } from './types.js';

/** See `HandoffService.transfer`. */
export function transfer(chats: HandoffContext, conversationId: string, by: AgentRef, to: AgentRef | 'queue'): Promise<ConversationRecord> {
  return chats.withChat(conversationId, async (record) => {
    const from = holderPassing(record, by);
    if (to !== 'queue' && to.id === from.id) throw conflict('already_holder', `${to.name} has this conversation already`);
    if (to !== 'queue' && !chats.deps.presence.agents().some((each) => each.id === to.id)) throw conflict('colleague_offline', `${to.name} is not online (no console open)`);
    const now = chats.now();
    const held = record.handoff!;
    // The next holder's first reply and claim are their own; the wait left at the first claim moves
    // with the chat, to the queue or to a colleague (for their pass back to the queue).
    const kept: HandoffInfo = { ...withoutHolder(held), ...restOfWait(held, now, chats.deps.claimTimeoutMs), ...passedOn(held, now) };
    const byFields = { fromAgentId: from.id, byAgentId: by.id, byAgentName: by.name };
    if (to === 'queue') {
      const waiting = await chats.deps.conversations.update(conversationId, { status: 'waiting', handoff: kept });
      await chats.tell(waiting, 'passedToQueue');
      chats.deps.events.publish('handoff.transferred', { conversationId, ...byFields, to: 'queue' });
      return waitForClaim(chats, waiting);
    }
    const handoff: HandoffInfo = { ...kept, agentId: to.id, agentName: to.name, claimedAt: now };
    const moved = await chats.deps.conversations.update(conversationId, { status: 'active', handoff });
    await chats.tell(moved, 'transferred', { agent: to.name });
    chats.deps.events.publish('handoff.transferred', { conversationId, ...byFields, to: 'agent', toAgentId: to.id, toAgentName: to.name });
    return moved;
  });
}

/** The agent who has the chat, when `by` may pass it on: its holder, or an admin. */
function holderPassing(record: ConversationRecord, by: AgentRef): { id: string; name: string } {
  const held = record.handoff;
  if (record.status !== 'active' || !held?.agentId) throw conflict('not_active', `only a chat an agent has can be passed on; this one is ${record.status === 'waiting' ? 'waiting in the queue' : record.status === 'bot' ? "with the bot" : 'closed'}`);
  if (held.agentId !== by.id && !by.canOverride) throw forbidden(`${held.agentName ?? 'another agent'} has this conversation: only they or an admin can pass it on`);
  return { id: held.agentId, name: held.agentName ?? '' };
}

/**
 * The wait a chat passed on gets, counted from `now`. A chat that had timed out waits as a ticket
 * again (the customer was told once); else it gets what was left of its wait when it was claimed.
 * Its deadline counts from its holder's claim, so a chat passed to a colleague (a new claim) keeps
 * what was left at the first one: passed to the queue by the colleague, it waits that, not nothing.
 */
export function restOfWait(held: HandoffInfo, now: string, claimTimeoutMs: number): Pick<HandoffInfo, 'claimDeadline'> {
  if (held.timedOutAt) return {};
  const left = claimDeadlineOf(held, claimTimeoutMs) - Date.parse(held.claimedAt ?? now);
  return { claimDeadline: new Date(Date.parse(now) + Math.max(0, left)).toISOString() };
}

/** See `HandoffService.requeueHeldBy`. */
export async function requeueHeldBy(chats: HandoffContext, agentId: string): Promise<string[]> {
  const held = (await chats.deps.conversations.all()).filter((record) => record.status === 'active' && record.handoff?.agentId === agentId);
  const requeued: string[] = [];
  for (const { id } of held) {
    await chats.withChat(id, async (record) => {
      if (record.status !== 'active' || record.handoff?.agentId !== agentId) return;
      // The customer keeps their place (their request time) and their ticket, if a time-out filed
      // one; they get a fresh wait before timing out, and a chat already timed out waits as a ticket.
      const now = chats.now();
      const handoff: HandoffInfo = {
        ...withoutHolder(record.handoff),
        reason: 'agent_left',
        ...passedOn(record.handoff, now, { left: true }),
        claimDeadline: new Date(Date.parse(now) + chats.deps.claimTimeoutMs).toISOString(),
      };
      const waiting = await chats.deps.conversations.update(id, { status: 'waiting', handoff });
      const agent = record.handoff.agentName ?? '';
      // The agent who left may still count as online for a moment (their stream is closing).
      const nobodyOnline = !chats.deps.presence.agents().some((each) => each.id !== agentId);
      // With nobody to take it, the time-out's line says the agent left: "back in the queue, the
      // next agent will take over" then "no agent is available" would contradict itself. A chat
      // that had timed out already waits as its ticket, and is told only that the agent left.
      const timesOutNow = nobodyOnline && !waiting.handoff?.timedOutAt;
      if (!timesOutNow) await chats.tell(waiting, 'agentLeft', { agent });
      chats.deps.events.publish('handoff.requeued', { conversationId: id, agentId });
      await waitForClaim(chats, waiting, { nobodyOnline, leftBy: agent });
      requeued.push(id);
    });
  }
  return requeued;
}

/** Earlier holders kept per request: a chat passed round and round does not grow without end. */
const MAX_HELD_BEFORE = 20;

/** Its holder passes the chat on (or leaves) `now`: who had it, and since when, is kept for the report. */
function passedOn(held: HandoffInfo, now: string, { left = false } = {}): Pick<HandoffInfo, 'passedAt' | 'passedBy' | 'heldBefore'> {
  const by = { id: held.agentId!, name: held.agentName ?? '' };
  const holding: HeldBefore = { ...by, claimedAt: held.claimedAt ?? now, passedAt: now, ...(left ? { left: true as const } : {}) };
  return { passedAt: now, passedBy: by, heldBefore: [...(held.heldBefore ?? []), holding].slice(-MAX_HELD_BEFORE) };
}

/** What stays with a chat when it changes hands: everything but its holder, their claim and first reply. */
export function withoutHolder({ agentId: _agent, agentName: _name, claimedAt: _claimed, repliedAt: _replied, ...kept }: HandoffInfo): HandoffInfo {
  return kept;
}
