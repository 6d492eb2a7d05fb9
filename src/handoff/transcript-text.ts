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

/** A ticket's description for a chat nobody took: why, then the whole (masked) transcript. */
export function unclaimedChatDescription(askedBecause: string, reason: 'no_agent_online' | 'not_claimed', activities: readonly ChatActivity[]): string {
  const why = reason === 'no_agent_online' ? 'no agent was online' : 'no agent claimed the chat in time';
  return `The customer asked for a person (${askedBecause}), but ${why}.\n\nTranscript:\n${transcriptText(activities)}`;
}
