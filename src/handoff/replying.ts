import type { ChatActivity } from '../conversations/index.js';
import { conflict } from '../errors.js';
import type { HandoffContext } from './handoff-context.js';
import { agentActivity, conversationLanguage } from './system-lines.js';
import type { AgentRef } from './types.js';

/** See `HandoffService.reply`. */
export async function reply(chats: HandoffContext, conversationId: string, agent: AgentRef, text: string): Promise<ChatActivity> {
  const { conversations, log, events } = chats.deps;
  const record = await conversations.get(conversationId);
  if (record.status !== 'active' || record.handoff?.agentId !== agent.id) throw conflict('not_claimed', 'claim the conversation before replying');
  const masked = chats.deps.redact ? chats.deps.redact(text) : text;
  const activity = await log.append(conversationId, await chats.forReader(record, agentActivity(agent, masked, conversationLanguage(record))));
  events.publish('conversation.activity', { conversationId, activity });
  if (!record.handoff?.repliedAt) await noteFirstReply(chats, conversationId, record.handoff?.claimedAt, activity.timestamp);
  return activity;
}

/** The agent's first reply in this handoff (unless the chat moved on meanwhile). */
function noteFirstReply(chats: HandoffContext, conversationId: string, claimedAt: string | undefined, at: string): Promise<void> {
  return chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if (record.status !== 'active' || !handoff || handoff.claimedAt !== claimedAt || handoff.repliedAt) return;
    await chats.deps.conversations.update(conversationId, { handoff: { ...handoff, repliedAt: at } });
  });
}
