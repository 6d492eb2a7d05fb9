import type { ConversationRecord, HandoffInfo } from '../conversations/index.js';
import { conflict } from '../errors.js';
import { waitForClaim } from './claim-timeouts.js';
import type { HandoffContext } from './handoff-context.js';
import { byUrgency, queueStatusOf, requestPriority } from './queue.js';
import type { AgentRef, HandoffPriority, QueueStatus } from './types.js';

/** Handoffs kept per conversation beside the latest: enough for any real chat, bounded for a hostile one. */
const MAX_EARLIER_HANDOFFS = 20;

/** bot → waiting: the chat joins the queue (see `HandoffService.request`). */
export function request(chats: HandoffContext, conversationId: string, reason: string, options: { announce?: boolean; priority?: HandoffPriority } = {}): Promise<QueueStatus> {
  return chats.withChat(conversationId, async (record) => {
    if (record.status === 'waiting' || record.status === 'active') return queueStatus(chats, record);
    const handoff: HandoffInfo = { reason, requestedAt: chats.now(), priority: requestPriority(reason, options.priority) };
    const waiting = await chats.deps.conversations.update(conversationId, { status: 'waiting', handoff, ...earlierOf(record) });
    // With nobody online the chat times out at once: the customer reads that outcome alone, not
    // "waiting for an agent" first (which the widget would show, then take back).
    const nobodyOnline = chats.deps.presence.count() === 0;
    if (!nobodyOnline) await chats.tell(waiting, 'requested');
    if (options.announce !== false) chats.deps.events.publish('handoff.requested', { conversationId, reason });
    return queueStatus(chats, await waitForClaim(chats, waiting, { nobodyOnline }));
  });
}

/** waiting (or bot) → active: an agent takes the chat over; `409` when another agent holds it or it is closed. */
export function claim(chats: HandoffContext, conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
  return chats.withChat(conversationId, async (record) => {
    if (record.status === 'closed') throw conflict('conversation_closed', 'this conversation is closed');
    if (record.status === 'active') {
      if (record.handoff?.agentId === agent.id) return record;
      throw conflict('already_claimed', `${record.handoff?.agentName ?? 'another agent'} has taken this conversation`);
    }
    const now = chats.now();
    const earlier = record.status === 'waiting' ? record.handoff : undefined;
    // A chat passed back to the queue waited since it was passed, not since the customer first asked.
    if (earlier) chats.waits.recordClaim(Date.parse(now) - Date.parse(earlier.passedAt ?? earlier.requestedAt));
    chats.pending.cancel(conversationId);
    const handoff: HandoffInfo = {
      ...(earlier ?? { reason: 'agent_joined', requestedAt: now, priority: 'normal' }),
      agentId: agent.id,
      agentName: agent.name,
      claimedAt: now,
    };
    const claimed = await chats.deps.conversations.update(conversationId, { status: 'active', handoff, ...(earlier ? {} : earlierOf(record)) });
    await chats.tell(claimed, 'claimed', { agent: agent.name });
    chats.deps.events.publish('handoff.claimed', { conversationId, agentId: agent.id, agentName: agent.name });
    return claimed;
  });
}

/** Waiting conversations, most urgent first. */
export async function waitingChats(chats: HandoffContext): Promise<ConversationRecord[]> {
  return (await chats.deps.conversations.all()).filter((record) => record.status === 'waiting').sort(byUrgency);
}

/** Where the chat stands, as its customer is told (see `queueStatusOf`). */
export async function queueStatus(chats: HandoffContext, record: ConversationRecord): Promise<QueueStatus> {
  const agentsOnline = chats.deps.presence.count();
  const waiting = record.status === 'waiting' ? await waitingChats(chats) : [];
  return queueStatusOf(record, waiting, { agentsOnline, waits: chats.waits, claimTimeoutMs: chats.deps.claimTimeoutMs, now: chats.clock().getTime() });
}

/** A new handoff is starting: the one before it (if any) joins the conversation's earlier ones. */
export function earlierOf(record: Pick<ConversationRecord, 'handoff' | 'earlierHandoffs'>): Pick<ConversationRecord, 'earlierHandoffs'> {
  if (!record.handoff) return {};
  return { earlierHandoffs: [...(record.earlierHandoffs ?? []), record.handoff].slice(-MAX_EARLIER_HANDOFFS) };
}
