import { handoffsOf } from '../conversations/index.js';
import type { ActivityFacts, ConversationFacts, HandoffFacts } from './types.js';

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

/** One agent's time with a chat, within one request for a person. */
export interface Holding {
  /** The request, as `handoffsOf` lists them. */
  handoff: number;
  agentId: string;
  name: string;
  /** Seconds from when the chat became theirs (the request, or the previous holder's pass) to their first line. */
  firstResponseSeconds?: number;
  /** They passed it on to a colleague or the queue. */
  passedOn: boolean;
}

/**
 * Every agent's time with each request for a person: the earlier holders (`heldBefore`), then the
 * one who has it. A record from before `heldBefore` was kept names only its last passer (`passedBy`).
 */
export function holdingsOf(record: ConversationFacts, transcript: readonly ActivityFacts[]): Holding[] {
  const handoffs = handoffsOf(record);
  return handoffs.flatMap((handoff, n) => {
    const next = n + 1 < handoffs.length ? Date.parse(handoffs[n + 1]!.requestedAt) : Infinity;
    const earlier: NonNullable<HandoffFacts['heldBefore']> =
      handoff.heldBefore ?? (handoff.passedBy && handoff.passedAt ? [{ ...handoff.passedBy, claimedAt: handoff.requestedAt, passedAt: handoff.passedAt }] : []);
    const spans = [
      ...earlier.map((held) => ({ id: held.id, name: held.name, until: Date.parse(held.passedAt), passedOn: !held.left })),
      ...(handoff.agentId && handoff.claimedAt ? [{ id: handoff.agentId, name: handoff.agentName ?? handoff.agentId, until: next, passedOn: false }] : []),
    ];
    let since = Date.parse(handoff.requestedAt);
    return spans.map((span) => {
      const first = transcript.find((activity) => senderOf(activity) === 'agent' && (activity.from as { id?: string } | undefined)?.id === `agent_${span.id}` && timeOf(activity) >= since && timeOf(activity) < span.until);
      const holding: Holding = { handoff: n, agentId: span.id, name: span.name, passedOn: span.passedOn };
      if (first && Number.isFinite(since)) holding.firstResponseSeconds = Math.round((timeOf(first) - since) / 100) / 10;
      since = span.until;
      return holding;
    });
  });
}
