import type { ChatActivity } from '../conversations/index.js';
import type { Language } from '../nlu/types.js';

/** Who wrote a transcript line, as the console and tickets name it. */
export type Sender = 'customer' | 'bot' | 'agent' | 'system';

export function senderOf(activity: ChatActivity): Sender {
  const parley = (activity.channelData as { parley?: { sender?: Sender } } | undefined)?.parley;
  if (parley?.sender) return parley.sender;
  return activity.from.role === 'bot' ? 'bot' : 'customer';
}

const SENDER_NAMES: Record<Language, Record<Sender, string>> = {
  en: { customer: 'customer', bot: 'bot', agent: 'agent', system: 'system' },
  zh: { customer: '客户', bot: '机器人', agent: '客服', system: '系统' },
};

/** The transcript as plain text lines (already masked), for a ticket's description, its senders named in `language`. */
export function transcriptText(activities: readonly ChatActivity[], language: Language = 'en'): string {
  return activities
    .filter((activity) => activity.type === 'message' && typeof activity.text === 'string')
    .map((activity) => {
      const sender = senderOf(activity);
      const name = SENDER_NAMES[language][sender];
      const who = sender === 'agent' && activity.from.name ? `${name} ${activity.from.name}` : name;
      return `[${activity.timestamp}] ${who}: ${String(activity.text)}`;
    })
    .join('\n');
}

/** Why a chat went to the agents, as a ticket tells it. */
const ASKED_BECAUSE: Record<Language, Record<string, string>> = {
  en: {
    customer_asked: 'The customer asked for a person',
    negative_sentiment: 'The customer seemed upset and was offered a person',
    repeated_fallback: 'The bot could not answer the customer several times in a row and offered a person',
    urgent_complaint: 'The customer made an urgent complaint',
    agent_left: 'The agent who had the chat left, and it went back to the queue',
  },
  zh: {
    customer_asked: '客户要求转人工',
    negative_sentiment: '客户情绪不佳，机器人为其转接了人工',
    repeated_fallback: '机器人连续几次没能回答客户，为其转接了人工',
    urgent_complaint: '客户提出了紧急投诉',
    agent_left: '原先接待的客服离开了，对话回到了排队中',
  },
};

const UNCLAIMED: Record<Language, { fallback: string; no_agent_online: string; not_claimed: string; transcript: string; join: (asked: string, why: string) => string }> = {
  en: { fallback: 'The chat was handed to the agents', no_agent_online: 'no agent was online', not_claimed: 'no agent took the chat in time', transcript: 'Transcript:', join: (asked, why) => `${asked}, but ${why}.` },
  zh: { fallback: '对话已转给人工客服', no_agent_online: '当时没有客服在线', not_claimed: '没有客服及时接待', transcript: '对话记录：', join: (asked, why) => `${asked}，但${why}。` },
};

/**
 * A ticket's description for a chat nobody took: why, in words, then the whole (masked)
 * transcript; in the chat's language, which is what the agents who take it up read it in.
 */
export function unclaimedChatDescription(askedBecause: string, reason: 'no_agent_online' | 'not_claimed', activities: readonly ChatActivity[], language: Language = 'en'): string {
  const words = UNCLAIMED[language];
  const asked = ASKED_BECAUSE[language][askedBecause] ?? words.fallback;
  return `${words.join(asked, words[reason])}\n\n${words.transcript}\n${transcriptText(activities, language)}`;
}

/** What the customer wrote in a chat, one message a line: what a ticket filed from it is about. */
export function customerWords(activities: readonly ChatActivity[]): string {
  return activities
    .filter((activity) => activity.type === 'message' && typeof activity.text === 'string' && senderOf(activity) === 'customer')
    .map((activity) => String(activity.text))
    .join('\n');
}
