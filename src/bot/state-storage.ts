import type { Storage as BotStorage, StoreItems } from 'botbuilder';
import type { KeyValueStore } from '../storage/ports.js';

interface Stored {
  eTag: string;
  [key: string]: unknown;
}

/**
 * botbuilder's `Storage` (read / write / delete with eTags) on top of a key-value store, so
 * dialog state lives in Parley's storage, one small document per conversation.
 * Optimistic concurrency: a write with a stale eTag is refused, as botbuilder expects.
 */
export class BotStateStorage implements BotStorage {
  constructor(private readonly store: KeyValueStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const value = await this.store.get<Stored>(key);
      if (value !== undefined) items[key] = value;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const current = await this.store.get<Stored>(key);
      const eTag = typeof change?.eTag === 'string' ? change.eTag : '*';
      if (current && eTag !== '*' && eTag !== current.eTag) {
        throw new Error(`Storage: the eTag of "${key}" changed since it was read`);
      }
      const next = Number.parseInt(current?.eTag ?? '0', 10) + 1;
      await this.store.set(key, { ...change, eTag: String(next) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(key);
  }
}
