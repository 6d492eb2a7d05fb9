import type { Collection } from '../storage/ports.js';
import type { CustomerProfile } from './types.js';

/**
 * Profiles held in memory and written to their collection in batches: the collection is one
 * file rewritten whole on each write, so a chat message must not rewrite it. A change is
 * written within `delayMs`, on `flush()` and on shutdown. (Per-message sentiment is written
 * at once to the conversation's own small record; a profile lost in a crash can be rebuilt
 * from those.)
 */
export class ProfileStore {
  /** `null`: known not to exist. */
  private readonly cache = new Map<string, CustomerProfile | null>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Writes and deletes go one after another, so a late batch cannot resurrect a deleted profile. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: Collection<CustomerProfile>,
    private readonly delayMs = 1000,
  ) {}

  async get(id: string): Promise<CustomerProfile | undefined> {
    await this.load(id);
    const profile = this.cache.get(id);
    return profile ? structuredClone(profile) : undefined;
  }

  /**
   * Read, change and keep a profile with nothing in between (once loaded, the profile is in
   * memory), so two changes at once (two tabs, a ticket event) never lose one another.
   * `change` returns the new profile, or `undefined` to leave it as it is.
   */
  async update(id: string, change: (current: CustomerProfile | undefined) => CustomerProfile | undefined): Promise<CustomerProfile | undefined> {
    await this.load(id);
    const current = this.cache.get(id) ?? undefined;
    const next = change(current ? structuredClone(current) : undefined);
    if (next) this.put(next);
    return next ?? current;
  }

  /** Every profile, with changes not yet written: what the file will hold after the next batch. */
  async all(): Promise<CustomerProfile[]> {
    const stored = await this.collection.all();
    const seen = new Set(stored.map((profile) => profile.id));
    const current = stored.flatMap((profile) => {
      const cached = this.cache.get(profile.id);
      return cached === undefined ? [profile] : cached ? [structuredClone(cached)] : [];
    });
    for (const [id, cached] of this.cache) if (cached && !seen.has(id)) current.push(structuredClone(cached));
    return current;
  }

  private async load(id: string): Promise<void> {
    if (this.cache.has(id)) return;
    const stored = (await this.collection.get(id)) ?? null;
    // Another caller may have loaded (and changed) it meanwhile: theirs is newer.
    if (!this.cache.has(id)) this.cache.set(id, stored);
  }

  /** Keep a changed profile; it reaches the file with the next batch. */
  put(profile: CustomerProfile): void {
    this.cache.set(profile.id, structuredClone(profile));
    this.dirty.add(profile.id);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref?.();
  }

  /** Remove a profile from memory and from the file now. */
  delete(id: string): Promise<void> {
    this.cache.set(id, null);
    this.dirty.delete(id);
    return this.enqueue(async () => {
      await this.collection.delete(id);
    });
  }

  /** Write every pending change; resolves once they are stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ids = [...this.dirty];
    this.dirty.clear();
    return this.enqueue(async () => {
      for (const id of ids) {
        const profile = this.cache.get(id);
        if (profile) await this.collection.put(profile);
      }
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
