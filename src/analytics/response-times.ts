import { handoffsOf } from '../conversations/index.js';
import type { ActivityFacts, ConversationFacts } from './types.js';

const senderOf = (activity: ActivityFacts) => (activity.channelData as { parley?: { sender?: string } } | undefined)?.parley?.sender;
const timeOf = (activity: ActivityFacts) => (typeof activity.timestamp === 'string' ? Date.parse(activity.timestamp) : NaN);
const isBot = (activity: ActivityFacts) => (activity.from as { role?: string } | undefined)?.role === 'bot';

/** Milliseconds from each customer message to the bot's first reply to it. */
export function botResponseTimes(transcript: readonly ActivityFacts[]): number[] {
  const asked = new Map<string, number>();
  const times: number[] = [];
  for (const activity of transcript) {
    if (activity.type !== 'message') continue;
    if (!isBot(activity)) asked.set(activity.id, timeOf(activity));
    else if (typeof activity.replyToId === 'string' && asked.has(activity.replyToId) && !senderOf(activity)) {
      const delay = timeOf(activity) - asked.get(activity.replyToId)!;
      asked.delete(activity.replyToId);
      if (Number.isFinite(delay) && delay >= 0) times.push(delay);
    }
  }
  return times;
}


/**
 * For each request for a human (as `handoffsOf` lists them), the seconds to the first message
 * of an agent before the next request, if one came.
 */
export function agentFirstResponses(record: ConversationFacts, transcript: readonly ActivityFacts[]): (number | undefined)[] {
  const handoffs = handoffsOf(record);
  return handoffs.map((handoff, n) => {
    const requested = Date.parse(handoff.requestedAt);
    const next = n + 1 < handoffs.length ? Date.parse(handoffs[n + 1]!.requestedAt) : Infinity;
    if (!Number.isFinite(requested)) return undefined;
    const first = transcript.find((activity) => activity.type === 'message' && senderOf(activity) === 'agent' && timeOf(activity) >= requested && timeOf(activity) < next);
    if (!first) return undefined;
    return Math.round((timeOf(first) - requested) / 100) / 10;
  });
}
