import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Collection, Identified } from '../ports.js';

interface CollectionFile<T> {
  items: Record<string, T>;
}

/**
 * A collection kept in one lowdb file (`<dir>/<name>.json`), loaded once and held in memory.
 * lowdb rewrites the whole file on each write (atomically: temp file + rename), so this is
 * for small collections that change far less often than chat messages arrive.
 */
export class LowdbCollection<T extends Identified> implements Collection<T> {
  private readonly db: Low<CollectionFile<T>>;
  private loaded: Promise<void> | undefined;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(dir: string, name: string) {
    // Not JSONFilePreset: it silently swaps in a memory adapter when NODE_ENV=test.
    this.db = new Low(new JSONFile<CollectionFile<T>>(path.join(dir, `${name}.json`)), { items: {} });
  }

  private async ready(): Promise<Record<string, T>> {
    this.loaded ??= this.db.read();
    await this.loaded;
    this.db.data.items ??= {};
    return this.db.data.items;
  }

  async get(id: string): Promise<T | undefined> {
    const items = await this.ready();
    const item = Object.hasOwn(items, id) ? items[id] : undefined;
    return item && structuredClone(item);
  }

  async all(): Promise<T[]> {
    return Object.values(await this.ready()).map((item) => structuredClone(item));
  }

  async put(item: T): Promise<void> {
    const items = await this.ready();
    // defineProperty, not assignment: an id such as "__proto__" must stay an ordinary key.
    Object.defineProperty(items, item.id, { value: structuredClone(item), enumerable: true, writable: true, configurable: true });
    await this.write();
  }

  async delete(id: string): Promise<boolean> {
    const items = await this.ready();
    if (!Object.hasOwn(items, id)) return false;
    delete items[id];
    await this.write();
    return true;
  }

  private write(): Promise<void> {
    this.lastWrite = this.db.write();
    return this.lastWrite;
  }

  /** Resolves once the latest write is on disk. */
  flush(): Promise<void> {
    return this.lastWrite;
  }
}
