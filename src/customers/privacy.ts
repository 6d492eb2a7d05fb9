import { notFound } from '../errors.js';
import type { ConversationDirectory } from './customer-view.js';

/** Who an export or an erasure is about: the customer and the ids their data is filed under. */
export interface DataSubject {
  customerId: string;
  conversationIds: string[];
  /** Channel user ids of the customer's conversations (they appear in transcripts). */
  userIds: string[];
}

/**
 * Anything that keeps data about customers. The tickets module implements it for tickets
 * (erasing the personal fields: contact, description, customer text in the history), the
 * handoff module for its queue; each registers with `PrivacyService.register`.
 */
export interface CustomerDataHolder {
  /** The key of this holder's part of an export, e.g. `tickets`. */
  readonly name: string;
  exportCustomer(subject: DataSubject): Promise<unknown>;
  /** Remove (or anonymise) everything about the subject; resolves with how many records changed. */
  eraseCustomer(subject: DataSubject): Promise<number>;
}

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  data: Record<string, unknown>;
}

/** Nothing in it: null, an empty list, or an object whose every field is empty. */
const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.values(value).every(isEmpty));

/**
 * Export and erasure of one customer's data (the right of access and the right to be
 * forgotten). Holders run in order; the conversation records, which say which conversations
 * are the customer's, are erased last, so a failure half-way can be retried.
 */
export class PrivacyService {
  private readonly holders: CustomerDataHolder[];

  constructor(
    private readonly deps: {
      conversations: ConversationDirectory;
      holders: CustomerDataHolder[];
      clock?: () => Date;
      /** Told after an erasure, so that modules can drop what they hold in memory. */
      onErased?: (subject: DataSubject) => void;
    },
  ) {
    this.holders = [...deps.holders];
  }

  /** Add a holder; it runs before the ones given at construction (which end with the conversations). */
  register(holder: CustomerDataHolder): void {
    this.holders.unshift(holder);
  }

  async subject(customerId: string): Promise<DataSubject> {
    const conversations = await this.deps.conversations.conversationsOf(customerId);
    return {
      customerId,
      conversationIds: conversations.map((each) => each.id),
      userIds: [...new Set(conversations.map((each) => each.userId))],
    };
  }

  /** Everything stored about the customer, by holder; 404 when nothing is. */
  async export(customerId: string): Promise<CustomerExport> {
    const subject = await this.subject(customerId);
    const data: Record<string, unknown> = {};
    for (const holder of this.holders) data[holder.name] = await holder.exportCustomer(subject);
    if (Object.values(data).every(isEmpty)) throw notFound('customer');
    return { customerId, exportedAt: (this.deps.clock?.() ?? new Date()).toISOString(), data };
  }

  /** Erase the customer everywhere; resolves with what each holder changed. 404 when nothing is stored. */
  async erase(customerId: string): Promise<{ customerId: string; erased: Record<string, number> }> {
    const subject = await this.subject(customerId);
    const erased: Record<string, number> = {};
    for (const holder of this.holders) erased[holder.name] = await holder.eraseCustomer(subject);
    if (Object.values(erased).every((count) => count === 0)) throw notFound('customer');
    this.deps.onErased?.(subject);
    return { customerId, erased };
  }
}
