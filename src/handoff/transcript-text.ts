import type { ChatActivity } from '../conversations/index.js';

/** Who wrote a transcript line, as the console and tickets name it. */
export type Sender = 'customer' | 'bot' | 'agent' | 'system';

export function senderOf(activity: ChatActivity): Sender {
  const parley = (activity.channelData as { parley?: { sender?: Sender } } | undefined)?.parley;
  if (parley?.sender) return parley.sender;
  return activity.from.role === 'bot' ? 'bot' : 'customer';
}

/** The transcript as plain text lines (already masked), for a ticket's description. */
export function transcriptText(activities: readonly ChatActivity[]): string {
  return activities
    .filter((activity) => activity.type === 'message' && typeof activity.text === 'string')
    .map((activity) => {
      const sender = senderOf(activity);
      const who = sender === 'agent' ? `agent ${activity.from.name ?? ''}`.trim() : sender;
      return `[${activity.timestamp}] ${who}: ${String(activity.text)}`;
    })
    .join('\n');
}

/** Why a chat went to the agents, as a ticket tells it. */
const ASKED_BECAUSE: Record<string, string> = {
  customer_asked: 'The customer asked for a person',
  negative_sentiment: 'The customer seemed upset and was offered a person',
  repeated_fallback: 'The bot could not answer the customer several times in a row and offered a person',
  urgent_complaint: 'The customer made an urgent complaint',
  agent_left: 'The agent who had the chat left, and it went back to the queue',
};

/** A ticket's description for a chat nobody took: why, in words, then the whole (masked) transcript. */
export function unclaimedChatDescription(askedBecause: string, reason: 'no_agent_online' | 'not_claimed', activities: readonly ChatActivity[]): string {
  const asked = ASKED_BECAUSE[askedBecause] ?? 'The chat was handed to the agents';
  const why = reason === 'no_agent_online' ? 'no agent was online' : 'no agent took the chat in time';
  return `${asked}, but ${why}.\n\nTranscript:\n${transcriptText(activities)}`;
}

/** What the customer wrote in a chat, one message a line: what a ticket filed from it is about. */
export function customerWords(activities: readonly ChatActivity[]): string {
  return activities
    .filter((activity) => activity.type === 'message' && typeof activity.text === 'string' && senderOf(activity) === 'customer')
    .map((activity) => String(activity.text))
    .join('\n');
}
