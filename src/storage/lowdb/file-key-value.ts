import { type FileHandle, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyValueStore } from '../ports.js';
import { fileNameFor } from './file-names.js';

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
 * reach the file before they resolve; operations on one key run in order.
 */
export class FileKeyValueStore implements KeyValueStore {
  private readonly created: Promise<unknown>;
  /** Known keys, in least-recently-used order. */
  private readonly cache = new Map<string, KeyFile>();
  private readonly tails = new Map<string, Promise<void>>();
  /** Open append handles, least recently used first; each is only touched in its key's order. */
  private readonly handles = new Map<string, FileHandle>();

  constructor(private readonly dir: string) {
    this.created = mkdir(dir, { recursive: true });
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
    const text = await readText(this.fileOf(key));
    if (text === undefined) {
      // Data written before versions were appended: one JSON document per file.
      const legacy = await readText(this.fileOf(key, 'json'));
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
    return entry.value === null ? undefined : (structuredClone(entry.value) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    const copy = structuredClone(value);
    const line = `${JSON.stringify(copy)}\n`;
    await this.inOrder(key, async () => {
      const entry = await this.load(key);
      if (entry.versions >= MAX_VERSIONS) {
        await this.release(key);
        const temp = path.join(this.dir, `.${fileNameFor(key)}.jsonl.tmp`);
        await writeFile(temp, line);
        await rename(temp, this.fileOf(key));
        entry.versions = 1;
      } else {
        await (await this.handleOf(key)).write(entry.cleanTail ? line : `\n${line}`);
        entry.versions += 1;
      }
      entry.value = copy;
      entry.cleanTail = true;
    });
  }

  /** The key's open append handle (in its order); the least recently used one is closed in its own order. */
  private async handleOf(key: string): Promise<FileHandle> {
    let handle = this.handles.get(key);
    if (handle) {
      this.handles.delete(key);
    } else {
      handle = await open(this.fileOf(key), 'a');
      if (this.handles.size >= OPEN_FILES) {
        const [oldestKey, oldest] = this.handles.entries().next().value as [string, FileHandle];
        this.handles.delete(oldestKey);
        void this.inOrder(oldestKey, () => oldest.close()).catch(() => undefined);
      }
    }
    this.handles.set(key, handle);
    return handle;
  }

  /** Close a key's handle before its file is replaced or removed (in its order). */
  private async release(key: string): Promise<void> {
    const handle = this.handles.get(key);
    if (!handle) return;
    this.handles.delete(key);
    await handle.close();
  }

  async delete(key: string): Promise<void> {
    await this.inOrder(key, async () => {
      await this.release(key);
      this.cache.delete(key);
      await Promise.all([removeFile(this.fileOf(key)), removeFile(this.fileOf(key, 'json'))]);
    });
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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
