import { randomUUID } from 'node:crypto';
import type { Collection } from '../storage/ports.js';

/** What an admin did to the knowledge base or its review queue. */
export type AuditAction =
  | 'knowledge.seeded'
  | 'intent.created'
  | 'intent.updated'
  | 'intent.renamed'
  | 'intent.deleted'
  | 'knowledge.imported'
  | 'utterances.imported'
  | 'knowledge.published'
  | 'knowledge.restored'
  | 'unanswered.added'
  | 'unanswered.dismissed';

/** One change: who, when, what. */
export interface AuditEntry {
  id: string;
  at: string;
  /** The admin's e-mail, or `system` for what Parley did itself. */
  who: string;
  action: AuditAction;
  /** The intent or version the change was about. */
  target?: string;
  /** One line a reader understands without the rest. */
  detail: string;
}

/** Append-only record of every knowledge change. */
export class AuditLog {
  constructor(
    private readonly entries: Collection<AuditEntry>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
    const stored: AuditEntry = { id: randomUUID(), at: this.clock().toISOString(), ...entry };
    await this.entries.put(stored);
    return stored;
  }

  /** Newest first. */
  async list(limit = 200): Promise<AuditEntry[]> {
    const all = await this.entries.all();
    return all.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, limit);
  }
}
