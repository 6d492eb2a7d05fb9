import type { Collection, Identified, KeyValueStore, StoredActivity } from '../storage/ports.js';
import type { InsightStore } from './conversation-insights.js';
import type { CustomerDataHolder, DataSubject } from './privacy.js';
import type { ProfileService } from './profile-service.js';
import type { ProfileStore } from './profile-store.js';

/** The profile and the per-conversation insights of a customer. */
export function profileDataHolder(profiles: ProfileService, store: ProfileStore, insights: InsightStore): CustomerDataHolder {
  return {
    name: 'profile',
    async exportCustomer(subject) {
      const profile = await profiles.get(subject.customerId);
      const perConversation = [];
      for (const id of subject.conversationIds) {
        const insight = await insights.get(id);
        if (insight) perConversation.push(insight);
      }
      return { profile: profile ?? null, conversations: perConversation };
    },
    async eraseCustomer(subject) {
      let count = (await profiles.get(subject.customerId)) ? 1 : 0;
      await store.delete(subject.customerId);
      for (const id of subject.conversationIds) {
        if (await insights.get(id)) count += 1;
        await insights.delete(id);
      }
      return count;
    },
  };
}

/** The conversations module's stores, as seen by erasure (structural, so no import of it). */
export interface ConversationStores {
  transcripts: { all(conversationId: string): Promise<StoredActivity[]>; delete(conversationId: string): Promise<void> };
  records: Collection<Identified & { customerId: string }>;
  /** Dialog state, and the key a conversation's state is stored under. */
  dialogState: KeyValueStore;
  dialogStateKey: (conversationId: string) => string;
  /** Questions the bot could not answer, which quote the customer. */
  unanswered: Collection<Identified & { conversationId: string }>;
}

/**
 * Transcripts, dialog state, unanswered questions and conversation records. The records go
 * last: they are how the other stores find the customer's conversations.
 */
export function conversationDataHolder(stores: ConversationStores): CustomerDataHolder {
  const unansweredOf = async (subject: DataSubject) => {
    const ids = new Set(subject.conversationIds);
    return (await stores.unanswered.all()).filter((question) => ids.has(question.conversationId));
  };
  return {
    name: 'conversations',
    async exportCustomer(subject) {
      const conversations = [];
      for (const id of subject.conversationIds) {
        conversations.push({ record: await stores.records.get(id), transcript: await stores.transcripts.all(id) });
      }
      return { conversations, unanswered: await unansweredOf(subject) };
    },
    async eraseCustomer(subject) {
      let count = 0;
      for (const question of await unansweredOf(subject)) count += (await stores.unanswered.delete(question.id)) ? 1 : 0;
      for (const id of subject.conversationIds) {
        await stores.transcripts.delete(id);
        await stores.dialogState.delete(stores.dialogStateKey(id));
        count += (await stores.records.delete(id)) ? 1 : 0;
      }
      return count;
    },
  };
}

/** A store keyed by conversation id (analytics turns …): its documents for the customer's conversations. */
export function perConversationHolder(
  name: string,
  store: { read(conversationId: string): Promise<unknown>; delete(conversationId: string): Promise<unknown> },
): CustomerDataHolder {
  const isStored = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  return {
    name,
    async exportCustomer(subject) {
      const found: Record<string, unknown> = {};
      for (const id of subject.conversationIds) {
        const value = await store.read(id);
        if (isStored(value)) found[id] = value;
      }
      return found;
    },
    async eraseCustomer(subject) {
      let count = 0;
      for (const id of subject.conversationIds) {
        if (isStored(await store.read(id))) count += 1;
        await store.delete(id);
      }
      return count;
    },
  };
}

/** The records of a collection that belong to the customer (agents' notes, answer feedback …). */
export function collectionHolder<T extends Identified>(
  name: string,
  collection: Collection<T>,
  belongs: (item: T, subject: DataSubject) => boolean,
): CustomerDataHolder {
  const mine = async (subject: DataSubject) => (await collection.all()).filter((item) => belongs(item, subject));
  return {
    name,
    exportCustomer: mine,
    async eraseCustomer(subject) {
      let count = 0;
      for (const item of await mine(subject)) count += (await collection.delete(item.id)) ? 1 : 0;
      return count;
    },
  };
}
