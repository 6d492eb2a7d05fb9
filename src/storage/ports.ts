/**
 * Storage ports: one small interface per kind of data. Domain code depends on these only;
 * `lowdb/` holds the default adapters on real files, `memory/` the adapters for unit tests.
 */

/** A record with a string id. */
export interface Identified {
  id: string;
}

/** A small collection of records (users, conversations, tickets …), each read and written whole. */
export interface Collection<T extends Identified> {
  get(id: string): Promise<T | undefined>;
  all(): Promise<T[]>;
  /** The records `wanted` accepts (it sees the stored records: it must only read them). */
  filter(wanted: (item: Readonly<T>) => boolean): Promise<T[]>;
  put(item: T): Promise<void>;
  /** Resolves `true` when something was deleted (and its earlier versions are gone from disk). */
  delete(id: string): Promise<boolean>;
  /** Delete several records at once (one snapshot rewrite, not one per record); resolves with how many existed. */
  deleteMany(ids: Iterable<string>): Promise<number>;
  /** No earlier version of any record remains on disk (after records were anonymised in place by `put`). */
  purge(): Promise<void>;
}

/** Documents addressed by key, each stored on its own (dialog state, per-conversation data). */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** `forgetEarlier`: no earlier version of the document remains on disk (data the customer withdrew). */
  set(key: string, value: unknown, options?: { forgetEarlier?: boolean }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A stored chat activity: plain JSON with an id. */
export type StoredActivity = Identified & Record<string, unknown>;

/**
 * Append-only transcripts, one per conversation. `append` resolves once the activity is
 * handed to the operating system (it survives a crash of the process).
 */
export interface TranscriptStore {
  append(conversationId: string, activity: StoredActivity): Promise<void>;
  read(conversationId: string): Promise<StoredActivity[]>;
  /** Replace a whole transcript (redaction, erasure of one customer's data). */
  replace(conversationId: string, activities: StoredActivity[]): Promise<void>;
  delete(conversationId: string): Promise<void>;
}

/** Everything the application stores, by kind. */
export interface Storage {
  collection<T extends Identified>(name: string): Collection<T>;
  keyValue(name: string): KeyValueStore;
  transcripts: TranscriptStore;
  /** Wait for pending writes (used on shutdown and in tests). */
  flush(): Promise<void>;
}
