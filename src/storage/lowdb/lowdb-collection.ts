import { open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Collection, Identified } from '../ports.js';
import { readTextIfExists } from './file-descriptors.js';
import { appendAll, closeFd, datasync, openForAppend } from './sync-append.js';
import { copyOf } from './copy.js';

interface CollectionFile<T> {
  items: Record<string, T>;
}

/** A journal line: a record written whole, or the id of a deleted one. */
type JournalEntry<T> = { p: T } | { d: string };

export interface LowdbCollectionOptions {
  /** fsync each journal append and each snapshot. */
  fsync?: boolean;
  /** How often to consider rewriting the snapshot while the journal has lines (default 1 s). */
  compactAfterMs?: number;
  /** The longest a change waits in the journal before the snapshot holds it (default 60 s). */
  maxUnsavedMs?: number;
}

/** A journal this small is never worth a rewrite on its own (a quarter of the snapshot is the rule). */
const MIN_JOURNAL_BYTES = 64 * 1024;

/**
 * A collection held in memory and kept on disk as a lowdb snapshot (`<dir>/<name>.json`,
 * `{ items }`) plus a journal of the changes since (`<name>.journal.jsonl`, one line each).
 *
 * Why the journal: rewriting the whole snapshot on every change meant serialising all 10,000
 * conversation records (megabytes) each time a customer opened a chat, on the event loop. A
 * change is now one appended line, on disk before `put` resolves. The snapshot is rewritten
 * (atomically, through lowdb) when the journal has grown to a quarter of it (at least 64 KB:
 * rewriting 2 MB of records once a second under load cost CPU and memory churn for nothing), a
 * minute after the oldest unsaved change at the latest, on `flush`, at start, and at once after
 * a delete or a `purge`, so erased data does not linger in the journal; a restart replays at most a quarter
 * of the snapshot's bytes. Replaying the journal over a snapshot that already holds its changes
 * gives the same records, so a crash at any point of a rewrite loses nothing; a last line cut short by a crash was never acknowledged and is skipped.
 * A journal line with no file operation queued before it is written at once, synchronously
 * (see sync-append.ts).
 */
export class LowdbCollection<T extends Identified> implements Collection<T> {
  private readonly db: Low<CollectionFile<T>>;
  private readonly snapshotFile: string;
  private readonly journalFile: string;
  private loaded: Promise<void> | undefined;
  /** Every file operation, in order: appends and snapshot rewrites never interleave. */
  private tail: Promise<void> = Promise.resolve();
  /** File operations queued and not yet finished. */
  private queued = 0;
  /** The journal's open descriptor. */
  private journal: number | undefined;
  private journalLines = 0;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** When the oldest change not yet in the snapshot was journalled. */
  private oldestUnsaved = 0;
  private compactTimer: NodeJS.Timeout | undefined;

  constructor(
    dir: string,
    name: string,
    private readonly options: LowdbCollectionOptions = {},
  ) {
    // Not JSONFilePreset: it silently swaps in a memory adapter when NODE_ENV=test.
    this.snapshotFile = path.join(dir, `${name}.json`);
    this.db = new Low(new JSONFile<CollectionFile<T>>(this.snapshotFile), { items: {} });
    this.journalFile = path.join(dir, `${name}.journal.jsonl`);
  }

  private async ready(): Promise<Record<string, T>> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.db.data.items;
  }

  private async load(): Promise<void> {
    await this.db.read();
    this.snapshotBytes = await sizeOf(this.snapshotFile);
    this.db.data.items ??= {};
    const text = (await readTextIfExists(this.journalFile)) ?? '';
    for (const line of text.split('\n')) {
      if (!line) continue;
      let entry: JournalEntry<T>;
      try {
        entry = JSON.parse(line) as JournalEntry<T>;
      } catch {
        continue;
      }
      this.apply(entry);
      this.journalLines += 1;
    }
    // Any journal left goes into a new snapshot and away, even one whose only line a crash cut
    // short: the next change appended onto that cut line would be lost with it at the next start.
    if (text !== '') await this.enqueue(() => this.compact(true));
  }

  private apply(entry: JournalEntry<T>): void {
    const items = this.db.data.items;
    if ('d' in entry) {
      delete items[entry.d];
      return;
    }
    // defineProperty, not assignment: an id such as "__proto__" must stay an ordinary key.
    Object.defineProperty(items, entry.p.id, { value: entry.p, enumerable: true, writable: true, configurable: true });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queued += 1;
    const next = this.tail.then(work);
    this.tail = next.then(
      () => void (this.queued -= 1),
      () => void (this.queued -= 1),
    );
    return next;
  }

  async get(id: string): Promise<T | undefined> {
    const items = await this.ready();
    const item = Object.hasOwn(items, id) ? items[id] : undefined;
    return item && copyOf(item);
  }

  async all(): Promise<T[]> {
    return Object.values(await this.ready()).map((item) => copyOf(item));
  }

  /** Only the records wanted are copied: a customer's tickets out of thousands cost a scan, not thousands of copies. */
  async filter(wanted: (item: Readonly<T>) => boolean): Promise<T[]> {
    return Object.values(await this.ready())
      .filter(wanted)
      .map((item) => copyOf(item));
  }

  async put(item: T): Promise<void> {
    await this.ready();
    const entry = { p: copyOf(item) };
    this.apply(entry);
    await this.append(entry);
  }

  async delete(id: string): Promise<boolean> {
    const items = await this.ready();
    if (!Object.hasOwn(items, id)) return false;
    this.apply({ d: id });
    await this.append({ d: id });
    await this.enqueue(() => this.compact());
    return true;
  }

  async deleteMany(ids: Iterable<string>): Promise<number> {
    const items = await this.ready();
    let count = 0;
    for (const id of new Set(ids)) {
      if (!Object.hasOwn(items, id)) continue;
      this.apply({ d: id });
      await this.append({ d: id });
      count += 1;
    }
    if (count > 0) await this.enqueue(() => this.compact());
    return count;
  }

  /** The journal's earlier versions leave the disk now: the snapshot is rewritten from memory. */
  async purge(): Promise<void> {
    if (!this.loaded) return;
    await this.loaded;
    await this.enqueue(() => this.compact());
  }

  private append(entry: JournalEntry<T>): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    if (this.journal !== undefined && this.queued === 0 && !this.options.fsync) {
      // Journal open, no file operation under way: the line is in the journal before this returns.
      try {
        this.writeJournal(this.journal, line);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.enqueue(async () => {
      this.journal ??= await openForAppend(this.journalFile);
      this.writeJournal(this.journal, line);
      if (this.options.fsync) await datasync(this.journal);
    });
  }

  /** Append a line to the journal (in the queue's order) and plan the next snapshot. */
  private writeJournal(fd: number, line: string): void {
    appendAll(fd, line);
    if (this.journalLines === 0) this.oldestUnsaved = Date.now();
    this.journalLines += 1;
    this.journalBytes += Buffer.byteLength(line);
    this.planCompaction();
  }

  /** Every `compactAfterMs` while the journal has lines: rewrite the snapshot once it is worth it or due. */
  private planCompaction(): void {
    if (this.compactTimer) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = undefined;
      if (this.journalLines === 0) return;
      const big = this.journalBytes >= Math.max(MIN_JOURNAL_BYTES, this.snapshotBytes / 4);
      const due = Date.now() - this.oldestUnsaved >= (this.options.maxUnsavedMs ?? 60_000);
      if (big || due) void this.enqueue(() => this.compact()).catch(() => undefined);
      else this.planCompaction();
    }, this.options.compactAfterMs ?? 1000);
    this.compactTimer.unref?.();
  }

  /** Rewrite the snapshot from memory, then empty the journal (`always`: even one with no change in it). Runs inside the queue. */
  private async compact(always = false): Promise<void> {
    if (this.journalLines === 0 && !always) return;
    await this.db.write();
    if (this.options.fsync) await syncFile(this.snapshotFile);
    this.snapshotBytes = await sizeOf(this.snapshotFile);
    if (this.journal !== undefined) closeFd(this.journal);
    this.journal = undefined;
    await unlink(this.journalFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.journalLines = 0;
    this.journalBytes = 0;
  }

  /** Resolves once every change is in the snapshot (shutdown, tests that read the file). */
  async flush(): Promise<void> {
    if (!this.loaded) return;
    await this.loaded;
    clearTimeout(this.compactTimer);
    this.compactTimer = undefined;
    await this.enqueue(() => this.compact());
  }
}

const sizeOf = (file: string) => stat(file).then((info) => info.size, () => 0);

/** fsync a snapshot lowdb has just renamed into place. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
