import type { Collection, Identified, KeyValueStore, Storage, StoredActivity, TranscriptStore } from '../ports.js';

const clone = <T>(value: T): T => structuredClone(value);

class MemoryCollection<T extends Identified> implements Collection<T> {
  private readonly items = new Map<string, T>();
  async get(id: string) {
    const item = this.items.get(id);
    return item && clone(item);
  }
  async all() {
    return [...this.items.values()].map(clone);
  }
  async filter(wanted: (item: Readonly<T>) => boolean) {
    return [...this.items.values()].filter(wanted).map(clone);
  }
  async put(item: T) {
    this.items.set(item.id, clone(item));
  }
  async delete(id: string) {
    return this.items.delete(id);
  }
  async deleteMany(ids: Iterable<string>) {
    let count = 0;
    for (const id of ids) if (this.items.delete(id)) count += 1;
    return count;
  }
  async purge() {}
}

class MemoryKeyValue implements KeyValueStore {
  private readonly items = new Map<string, unknown>();
  async get<T>(key: string) {
    return clone(this.items.get(key)) as T | undefined;
  }
  async set(key: string, value: unknown, _options?: { forgetEarlier?: boolean }) {
    this.items.set(key, clone(value));
  }
  async delete(key: string) {
    this.items.delete(key);
  }
}

class MemoryTranscripts implements TranscriptStore {
  private readonly logs = new Map<string, StoredActivity[]>();
  async append(conversationId: string, activity: StoredActivity) {
    const log = this.logs.get(conversationId) ?? [];
    log.push(clone(activity));
    this.logs.set(conversationId, log);
  }
  async read(conversationId: string) {
    return (this.logs.get(conversationId) ?? []).map(clone);
  }
  async replace(conversationId: string, activities: StoredActivity[]) {
    this.logs.set(conversationId, activities.map(clone));
  }
  async delete(conversationId: string) {
    this.logs.delete(conversationId);
  }
}

/** Storage that lives and dies with the process: for unit tests. */
export function createMemoryStorage(): Storage {
  const collections = new Map<string, MemoryCollection<Identified>>();
  const stores = new Map<string, MemoryKeyValue>();
  return {
    collection<T extends Identified>(name: string) {
      if (!collections.has(name)) collections.set(name, new MemoryCollection());
      return collections.get(name) as unknown as Collection<T>;
    },
    keyValue(name: string) {
      if (!stores.has(name)) stores.set(name, new MemoryKeyValue());
      return stores.get(name)!;
    },
    transcripts: new MemoryTranscripts(),
    flush: async () => {},
  };
}
