import type { Collection, KeyValueStore } from '../storage/ports.js';
import type { GuardRailWarning } from './guard-rails.js';
import type { KnowledgeDiff } from './knowledge-diff.js';
import type { Intent } from './schema.js';

/** One published version: who published it, when, and what changed from the one before. */
export interface VersionRecord {
  /** The version number as a string (the collection's key). */
  id: string;
  number: number;
  at: string;
  /** The admin's e-mail, or `system` for the first load of `KNOWLEDGE_DIR`. */
  by: string;
  note?: string;
  /** Set when this version restores an older one. */
  restoredFrom?: number;
  intentCount: number;
  changes: KnowledgeDiff;
  summary: string;
  warnings: GuardRailWarning[];
  /** Check-set accuracy of this version's recognizer, when the knowledge base has a check set. */
  checkAccuracy?: { correct: number; total: number };
}

/** The knowledge being edited, not yet what customers get. */
export interface Draft {
  /** The published version the draft started from. */
  baseVersion: number;
  intents: Intent[];
  updatedAt: string;
  updatedBy: string;
}

const DRAFT_KEY = 'draft';
const versionKey = (number: number) => `version-${number}`;

/** Where versions, their intents and the draft are kept (ports only: lowdb or memory). */
export class KnowledgeStore {
  constructor(
    private readonly versions: Collection<VersionRecord>,
    private readonly documents: KeyValueStore,
  ) {}

  /** Oldest first. */
  async listVersions(): Promise<VersionRecord[]> {
    return (await this.versions.all()).sort((a, b) => a.number - b.number);
  }

  getVersion(number: number): Promise<VersionRecord | undefined> {
    return this.versions.get(String(number));
  }

  async intentsOf(number: number): Promise<Intent[] | undefined> {
    return (await this.documents.get<{ intents: Intent[] }>(versionKey(number)))?.intents;
  }

  /** The intents are written first: a version record never points at missing intents. */
  async saveVersion(record: VersionRecord, intents: readonly Intent[]): Promise<void> {
    await this.documents.set(versionKey(record.number), { intents });
    await this.versions.put(record);
  }

  loadDraft(): Promise<Draft | undefined> {
    return this.documents.get<Draft>(DRAFT_KEY);
  }

  saveDraft(draft: Draft): Promise<void> {
    return this.documents.set(DRAFT_KEY, draft);
  }
}
