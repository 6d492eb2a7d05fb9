import type { Storage as BotStorage, StoreItems } from './botbuilder-lite.js';
import type { KeyValueStore } from '../storage/ports.js';

interface Stored {
  eTag: string;
  [key: string]: unknown;
}

/**
 * botbuilder's `Storage` (read / write / delete with eTags) on top of a key-value store, so
 * dialog state lives in Parley's storage, one small document per conversation.
 * Optimistic concurrency: a write with a stale eTag is refused, as botbuilder expects.
 *
 * Most conversations never leave the main dialog mid-turn: their state after every turn is an
 * empty dialog stack, which is also what botbuilder makes of no stored state at all. Such a
 * state is not written for a conversation that has none stored (one file fewer per chat).
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
      if (!current && isEmptyDialogState(change)) continue;
      const next = Number.parseInt(current?.eTag ?? '0', 10) + 1;
      await this.store.set(key, { ...change, eTag: String(next) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(key);
  }
}

/** `{ dialogState: { dialogStack: [] } }` (and its eTag): the state botbuilder starts from when none is stored. */
function isEmptyDialogState(change: Partial<Stored> | undefined): boolean {
  if (!change) return false;
  const keys = Object.keys(change).filter((key) => key !== 'eTag');
  if (keys.length !== 1 || keys[0] !== 'dialogState') return false;
  const dialogState = change.dialogState as { dialogStack?: unknown } | null;
  return typeof dialogState === 'object' && dialogState !== null && Object.keys(dialogState).length === 1 && Array.isArray(dialogState.dialogStack) && dialogState.dialogStack.length === 0;
}
