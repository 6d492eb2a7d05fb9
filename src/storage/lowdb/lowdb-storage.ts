import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Collection, Identified, KeyValueStore, Storage } from '../ports.js';
import { checkDataFormat } from './data-format.js';
import { FileKeyValueStore } from './file-key-value.js';
import { JsonlTranscriptStore } from './jsonl-transcripts.js';
import { LowdbCollection } from './lowdb-collection.js';

export interface LowdbStorageOptions {
  fsync?: boolean;
}

/**
 * The default storage: plain files under `dataDir`.
 * - `<name>.json`: one lowdb snapshot per collection (users, conversations, tickets …), with
 *   `<name>.journal.jsonl` holding the changes since the last snapshot;
 * - `<name>/<key>.json`: one file per key (dialog state);
 * - `transcripts/<conversation>.jsonl`: append-only chat logs;
 * - `format.json`: the data format (data-format.ts); a newer one than this release's is refused.
 */
export function createLowdbStorage(dataDir: string, options: LowdbStorageOptions = {}): Storage {
  mkdirSync(dataDir, { recursive: true });
  checkDataFormat(dataDir);
  const collections = new Map<string, LowdbCollection<Identified>>();
  const stores = new Map<string, FileKeyValueStore>();
  const transcripts = new JsonlTranscriptStore(path.join(dataDir, 'transcripts'), { fsync: options.fsync });
  return {
    collection<T extends Identified>(name: string): Collection<T> {
      if (!collections.has(name)) collections.set(name, new LowdbCollection(dataDir, name, { fsync: options.fsync }));
      return collections.get(name) as unknown as Collection<T>;
    },
    keyValue(name: string): KeyValueStore {
      if (!stores.has(name)) stores.set(name, new FileKeyValueStore(path.join(dataDir, name)));
      return stores.get(name)!;
    },
    transcripts,
    async flush() {
      await Promise.all([...collections.values()].map((collection) => collection.flush()));
      await transcripts.close();
    },
  };
}
