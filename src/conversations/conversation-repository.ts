import { randomBytes } from 'node:crypto';
import { notFound } from '../errors.js';
import type { Collection } from '../storage/ports.js';
import type { ConversationRecord } from './types.js';

/** Conversation ids are random and unguessable: 16 bytes, base64url. */
export const newConversationId = (): string => randomBytes(16).toString('base64url');

/** Conversation records, on top of a storage collection. */
export class ConversationRepository {
  constructor(
    private readonly records: Collection<ConversationRecord>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(userId: string, locale?: string, customerId = userId): Promise<ConversationRecord> {
    const record: ConversationRecord = {
      id: newConversationId(),
      userId,
      customerId,
      createdAt: this.clock().toISOString(),
      status: 'bot',
      ...(locale ? { locale } : {}),
    };
    await this.records.put(record);
    return record;
  }

  find(id: string): Promise<ConversationRecord | undefined> {
    return this.records.get(id);
  }

  async get(id: string): Promise<ConversationRecord> {
    const record = await this.records.get(id);
    if (!record) throw notFound('conversation');
    return record;
  }

  async update(id: string, change: Partial<Omit<ConversationRecord, 'id'>>): Promise<ConversationRecord> {
    const record = { ...(await this.get(id)), ...change };
    await this.records.put(record);
    return record;
  }

  /** One customer's conversations. */
  ofCustomer(customerId: string): Promise<ConversationRecord[]> {
    return this.records.filter((record) => record.customerId === customerId);
  }

  all(): Promise<ConversationRecord[]> {
    return this.records.all();
  }

  /** No earlier version of any record stays on disk (after text was taken out of records in place). */
  forgetEarlierVersions(): Promise<void> {
    return this.records.purge();
  }
}
