import type { ConversationRecord } from '../conversations/index.js';
import { conflict, forbidden } from '../errors.js';
import type { HandoffContext } from './handoff-context.js';
import type { SystemLine } from './system-lines.js';
import type { AgentRef } from './types.js';

/** Why a chat went back to the bot: its agent (or an admin) handed it back, or the waiting customer left the queue. */
export type ReleaseReason = 'agent' | 'cancelled';

/** waiting or active → bot (see `HandoffService.release`). */
export function release(chats: HandoffContext, conversationId: string, agent: AgentRef | undefined, reason: ReleaseReason = 'agent', options: { onlyWaiting?: boolean } = {}): Promise<ConversationRecord> {
  return chats.withChat(conversationId, async (record) => {
    // A customer leaving the queue leaves nothing once an agent has taken the chat.
    if (options.onlyWaiting && record.status !== 'waiting') return record;
    if (record.status !== 'waiting' && record.status !== 'active') throw conflict('not_handed_off', 'the bot already has this conversation');
    if (agent) assertMayEnd(record, agent);
    const released = await end(chats, record, 'bot', releaseLine(record, agent, reason), { agent: record.handoff?.agentName ?? '' });
    chats.deps.events.publish('handoff.released', { conversationId, reason, ...(agent ? { agentId: agent.id } : {}) });
    return released;
  });
}

/** What the customer reads when their chat goes back to the bot. */
export function releaseLine(record: Pick<ConversationRecord, 'status' | 'handoff'>, agent: AgentRef | undefined, reason: ReleaseReason): SystemLine {
  if (reason === 'cancelled') return 'cancelled';
  // An agent took a chat out of the queue: the customer did not leave it, and no agent of theirs left.
  if (record.status === 'waiting') return 'returned';
  // Handed back by someone else (an admin): the agent did not leave, the chat was handed back.
  const byHolder = !agent || agent.id === record.handoff?.agentId;
  return byHolder ? 'released' : 'returned';
}

/** → closed: the agent ends the conversation (see `HandoffService.close`). */
export function close(chats: HandoffContext, conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
  return chats.withChat(conversationId, async (record) => {
    if (record.status === 'closed') return record;
    assertMayEnd(record, agent);
    const closed = await end(chats, record, 'closed', 'closed');
    chats.deps.events.publish('handoff.closed', { conversationId, agentId: agent.id });
    return closed;
  });
}

/** See `HandoffService.customerLeft`. */
export async function customerLeft(chats: HandoffContext, conversationId: string): Promise<void> {
  await release(chats, conversationId, undefined, 'cancelled', { onlyWaiting: true });
  await chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if (record.status !== 'active' || !handoff?.agentId || handoff.customerLeftAt) return;
    const left = await chats.deps.conversations.update(conversationId, { handoff: { ...handoff, customerLeftAt: chats.now() } });
    await chats.tell(left, 'customerLeft');
    chats.deps.events.publish('handoff.customerLeft', { conversationId, agentId: handoff.agentId });
  });
}

/** See `HandoffService.customerReturned`. */
export function customerReturned(chats: HandoffContext, conversationId: string): Promise<void> {
  return chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if ((record.status !== 'active' && record.status !== 'waiting') || !handoff?.customerLeftAt) return;
    const { customerLeftAt: _left, ...back } = handoff;
    await chats.deps.conversations.update(conversationId, { handoff: back });
    chats.deps.events.publish('handoff.customerReturned', { conversationId, ...(handoff.agentId ? { agentId: handoff.agentId } : {}) });
  });
}

/** Only the agent who has a chat, or an admin, may hand it back or close it. */
function assertMayEnd(record: ConversationRecord, agent: AgentRef): void {
  if (record.status === 'active' && record.handoff?.agentId !== agent.id && !agent.canOverride) {
    throw forbidden(`${record.handoff?.agentName ?? 'another agent'} has this conversation`);
  }
}

/** The handoff ends (its time-out with it) and the customer is told. */
async function end(chats: HandoffContext, record: ConversationRecord, status: 'bot' | 'closed', line: SystemLine, params: Record<string, string> = {}): Promise<ConversationRecord> {
  chats.pending.cancel(record.id);
  const ended = await chats.deps.conversations.update(record.id, {
    status,
    ...(record.handoff ? { handoff: { ...record.handoff, endedAt: chats.now() } } : {}),
  });
  await chats.tell(ended, line, params);
  return ended;
}
