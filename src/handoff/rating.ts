import type { ConversationRecord } from '../conversations/index.js';
import { badRequest, conflict } from '../errors.js';
import type { HandoffContext } from './handoff-context.js';

/** See `HandoffService.rate`. */
export async function rate(chats: HandoffContext, conversationId: string, score: number, comment?: string): Promise<ConversationRecord> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw badRequest('bad_rating', 'a rating is a whole number from 1 to 5');
  return chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if (!handoff?.claimedAt || !handoff.endedAt) throw conflict('not_rateable', 'only a chat an agent handed back can be rated');
    const rating = { score, at: chats.now(), ...(comment ? { comment } : {}) };
    const rated = await chats.deps.conversations.update(conversationId, { handoff: { ...handoff, rating } });
    // A comment added to the same score is not another answer.
    if (handoff.rating?.score !== score) chats.deps.events.publish('handoff.rated', { conversationId, customerId: record.customerId, score, ...(handoff.agentId ? { agentId: handoff.agentId } : {}) });
    return rated;
  });
}
