import type { ChatActivity } from '../conversations/index.js';
import { conflict } from '../errors.js';
import type { HandoffContext } from './handoff-context.js';
import { agentActivity, conversationLanguage } from './system-lines.js';
import type { AgentRef } from './types.js';

/**
 * See `HandoffService.reply`. It runs as a transition of the chat does, alone: a reply racing a
 * pass to a colleague (or a hand-back) finds who holds the chat after it, never lands under the
 * previous agent's name once the chat has moved on.
 */
export function reply(chats: HandoffContext, conversationId: string, agent: AgentRef, text: string): Promise<ChatActivity> {
  const { conversations, log, events } = chats.deps;
  return chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if (record.status !== 'active' || handoff?.agentId !== agent.id) throw conflict('not_claimed', 'claim the conversation before replying');
    const masked = chats.deps.redact ? chats.deps.redact(text) : text;
    const activity = await log.append(conversationId, await chats.forReader(record, agentActivity(agent, masked, conversationLanguage(record))));
    events.publish('conversation.activity', { conversationId, activity });
    // The agent's first reply in this handoff.
    if (!handoff.repliedAt) await conversations.update(conversationId, { handoff: { ...handoff, repliedAt: activity.timestamp } });
    return activity;
  });
}
