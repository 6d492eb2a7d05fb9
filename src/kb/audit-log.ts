import { randomUUID } from 'node:crypto';
import type { Language } from '../nlu/types.js';
import type { Collection } from '../storage/ports.js';
import type { ChangedNames } from './knowledge-diff.js';
import type { UtteranceImportChange } from './utterance-csv.js';

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
  | 'unanswered.added';

/**
 * What each kind of entry is about, as data: the admin pages word it in their own language
 * (`detail` is the English line for API readers and logs).
 */
export interface AuditFacts {
  'knowledge.seeded': { count: number };
  'intent.created': Record<string, never>;
  'intent.updated': { fields: string[] };
  'intent.renamed': { from: string };
  'intent.deleted': Record<string, never>;
  'knowledge.imported': { count: number };
  'utterances.imported': { changes: Omit<UtteranceImportChange, 'total'>[] };
  'knowledge.published': { version: number; changes: ChangedNames };
  'knowledge.restored': { version: number; restoredFrom: number; changes: ChangedNames };
  'unanswered.added': { text: string; language: Language };
}

type ActionAndFacts = { [A in AuditAction]: { action: A; facts?: AuditFacts[A] } }[AuditAction];

/** One change: who, when, what (`facts`: absent from entries written before they were kept). */
export type AuditEntry = ActionAndFacts & {
  id: string;
  at: string;
  /** The admin's e-mail, or `system` for what Parley did itself. */
  who: string;
  /** The intent or version the change was about. */
  target?: string;
  /** One line, in English, a reader understands without the rest. */
  detail: string;
};

/** Append-only record of every knowledge change. */
export class AuditLog {
  constructor(
    private readonly entries: Collection<AuditEntry>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record<A extends AuditAction>(entry: { who: string; action: A; target?: string; detail: string; facts: AuditFacts[A] }): Promise<AuditEntry> {
    const stored = { id: randomUUID(), at: this.clock().toISOString(), ...entry } as AuditEntry;
    await this.entries.put(stored);
    return stored;
  }

  /** Newest first. */
  async list(limit = 200): Promise<AuditEntry[]> {
    const all = await this.entries.all();
    return all.sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, limit);
  }
}
