import type { ConversationRecord } from '../conversations/index.js';
import type { Language } from '../nlu/types.js';

/** Where and how a ticket's news reaches its customer. */
export interface NoticeDestination {
  conversationId: string;
  language: Language;
  /** The time zone the customer's client gave with their last message there (Bot Framework's `localTimezone`), if any. */
  timeZone?: string;
}

export interface NoticeDestinationDeps {
  /** The customer's conversations. */
  conversationsOf: (customerId: string) => Promise<ConversationRecord[]>;
  /** When the customer last wrote in a conversation (undefined: never). */
  lastWroteAt: (conversationId: string) => Promise<string | undefined>;
  /** The `localTimezone` of the customer's latest message in a conversation that carried one. */
  timeZoneIn?: (conversationId: string) => Promise<string | undefined>;
}

/**
 * A ticket's news goes to the customer's most recent conversation that is not closed (after
 * "Start a new conversation" they are there, not in the chat the complaint was filed in),
 * else to the ticket's own; in the language the customer last wrote in, else the ticket's.
 * Undefined when the ticket's conversation is gone too: an erased customer's ticket keeps
 * `[erased]` for both, and its news must not be written into a conversation nobody has (where
 * it would pile up with every other erased customer's, outside retention and erasure).
 */
export async function noticeDestination(deps: NoticeDestinationDeps, ticket: { customerId: string; conversationId: string; language: Language }): Promise<NoticeDestination | undefined> {
  const records = await deps.conversationsOf(ticket.customerId);
  const startedAt = (record: ConversationRecord) => record.startedAt ?? record.createdAt;
  const newest = records.filter((record) => record.status !== 'closed' && record.startedAt).sort((a, b) => startedAt(b).localeCompare(startedAt(a)))[0];
  const written = await Promise.all(records.filter((record) => record.language).map(async (record) => ({ record, at: await deps.lastWroteAt(record.id) })));
  const lastWritten = written.filter((each) => each.at).sort((a, b) => b.at!.localeCompare(a.at!))[0]?.record;
  const conversationId = newest?.id ?? records.find((record) => record.id === ticket.conversationId)?.id;
  if (!conversationId) return undefined;
  // Due times are told in the customer's own time, as the bot does in their turns, not the shop's.
  const timeZone = (await deps.timeZoneIn?.(conversationId)) ?? (lastWritten && lastWritten.id !== conversationId ? await deps.timeZoneIn?.(lastWritten.id) : undefined);
  return { conversationId, language: lastWritten?.language ?? ticket.language, ...(timeZone ? { timeZone } : {}) };
}
