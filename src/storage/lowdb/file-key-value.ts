import { mkdir, opendir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyValueStore } from '../ports.js';
import { readTextIfExists, withDescriptor } from './file-descriptors.js';
import { fileNameFor } from './file-names.js';
import { OpenFiles } from './open-files.js';
import { appendAll } from './sync-append.js';
import { copyOf } from './copy.js';

/** Documents kept in memory after their first read or write; the least recently used go first. */
const CACHED_KEYS = 2000;
/** Versions a key's file may hold before it is rewritten with the latest one only. */
const MAX_VERSIONS = 32;
/** Files of recently written keys are kept open: a write is then one append, not open + append + close. */
const OPEN_FILES = 128;

interface KeyFile {
  /** The latest document (`null`: absent). */
  value: unknown;
  /** Complete lines in the file, when known. */
  versions: number;
  /** The file ends in a complete line: the next append needs no separator. */
  cleanTail: boolean;
}

/**
 * One small file per key under `<dir>/<name>/`: `<key>.jsonl`, each line a whole version of
 * the document, the last complete line the current one. Writing one conversation's dialog
 * state never touches another's.
 *
 * Why versions appended rather than the file replaced: a bot turn writes its turn log and
 * insights (and often its dialog state), and replacing a file (temp + rename) makes ext4 flush
 * it — about half a millisecond, one at a time for the whole disk — which capped turns per
 * second. An append is about twenty microseconds; every `MAX_VERSIONS` writes the file is
 * replaced once (atomically) with its latest line. A line cut short by a crash was never
 * acknowledged and is skipped, and the next append starts on a fresh line.
 *
 * Recently used documents are also kept in memory, so a turn's reads cost no file reads. Writes
 * reach the file before they resolve; operations on one key run in order. A write of a key held
 * in memory with nothing queued before it is appended at once, synchronously (see sync-append.ts).
 */
export class FileKeyValueStore implements KeyValueStore {
  private readonly created: Promise<unknown>;
  /** Known keys, in least-recently-used order. */
  private readonly cache = new Map<string, KeyFile>();
  private readonly tails = new Map<string, Promise<void>>();
  /** Open append descriptors; each is only touched in its key's order. */
  private readonly fds: OpenFiles;

  /** Whether the folder holds any legacy `<key>.json` file: if not, a missing key costs one failed open, not two. */
  private readonly legacy: Promise<boolean>;

  constructor(private readonly dir: string) {
    this.created = mkdir(dir, { recursive: true });
    this.fds = new OpenFiles(OPEN_FILES, (key) => this.fileOf(key), { busy: (key) => this.tails.has(key), after: (key, work) => this.inOrder(key, work) });
    this.legacy = this.created.then(() => holdsLegacyFiles(dir));
  }

  private fileOf(key: string, extension = 'jsonl'): string {
    return path.join(this.dir, `${fileNameFor(key)}.${extension}`);
  }

  private remember(key: string, entry: KeyFile): KeyFile {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > CACHED_KEYS) this.cache.delete(this.cache.keys().next().value as string);
    return entry;
  }

  /** Run `work` after every earlier operation on `key`. */
  private inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? this.created).then(work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** The key's entry, from memory or its file (inside the key's order). */
  private async load(key: string): Promise<KeyFile> {
    const cached = this.cache.get(key);
    if (cached) return this.remember(key, cached);
    const text = await readTextIfExists(this.fileOf(key));
    if (text === undefined) {
      // Data written before versions were appended: one JSON document per file.
      const legacy = (await this.legacy) ? await readTextIfExists(this.fileOf(key, 'json')) : undefined;
      return this.remember(key, { value: parseOrNull(legacy), versions: 0, cleanTail: true });
    }
    const lines = text.split('\n');
    const tail = lines.pop();
    let value: unknown = null;
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const parsed = lines[i] ? parseOrUndefined(lines[i]!) : undefined;
      if (parsed !== undefined) {
        value = parsed;
        break;
      }
    }
    return this.remember(key, { value, versions: lines.length, cleanTail: !tail });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const cached = this.cache.get(key);
    const entry = cached && !this.tails.has(key) ? this.remember(key, cached) : await this.inOrder(key, () => this.load(key));
    return entry.value === null ? undefined : (copyOf(entry.value) as T);
  }

  async set(key: string, value: unknown, options: { forgetEarlier?: boolean } = {}): Promise<void> {
    const copy = copyOf(value);
    const line = `${JSON.stringify(copy)}\n`;
    const cached = this.cache.get(key);
    const fd = this.fds.get(key);
    if (cached && fd !== undefined && cached.versions < MAX_VERSIONS && !this.tails.has(key) && !options.forgetEarlier) {
      // Known key, file open, nothing queued on it, no rewrite due: one append, done before this returns.
      this.append(key, fd, this.remember(key, cached), line, copy);
      return;
    }
    await this.inOrder(key, async () => {
      const entry = await this.load(key);
      // The file is replaced with this one version (atomically) when due, or when earlier ones must go.
      if (entry.versions >= MAX_VERSIONS || options.forgetEarlier) {
        this.fds.release(key);
        const temp = path.join(this.dir, `.${fileNameFor(key)}.jsonl.tmp`);
        await withDescriptor(() => writeFile(temp, line));
        await rename(temp, this.fileOf(key));
        entry.versions = 1;
        entry.value = copy;
        entry.cleanTail = true;
      } else {
        this.append(key, await this.fds.open(key), entry, line, copy);
      }
    });
  }

  /** Append a version to the key's file (in its order) and make it the current one. */
  private append(key: string, fd: number, entry: KeyFile, line: string, value: unknown): void {
    this.fds.touch(key, fd);
    appendAll(fd, entry.cleanTail ? line : `\n${line}`);
    entry.versions += 1;
    entry.value = value;
    entry.cleanTail = true;
  }

  async delete(key: string): Promise<void> {
    await this.inOrder(key, async () => {
      this.fds.release(key);
      this.cache.delete(key);
      await Promise.all([removeFile(this.fileOf(key)), removeFile(this.fileOf(key, 'json'))]);
    });
  }
}

/** Any `.json` file (data from before versions were appended) in `dir`; read once, at start. */
async function holdsLegacyFiles(dir: string): Promise<boolean> {
  for await (const entry of await opendir(dir)) {
    if (entry.name.endsWith('.json')) return true;
  }
  return false;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A legacy file cut short by a crash is treated as absent rather than stopping the bot. */
function parseOrNull(text: string | undefined): unknown {
  return text === undefined ? null : (parseOrUndefined(text) ?? null);
}

async function removeFile(file: string): Promise<void> {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
