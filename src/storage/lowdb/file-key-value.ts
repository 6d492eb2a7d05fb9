import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import type { KeyValueStore } from '../ports.js';
import { fileNameFor } from './file-names.js';

/**
 * One small JSON file per key under `<dir>/<name>/`, written atomically through lowdb's
 * JSONFile adapter. Writing one conversation's dialog state never touches another's.
 */
export class FileKeyValueStore implements KeyValueStore {
  private readonly files = new Map<string, JSONFile<unknown>>();
  private readonly created: Promise<unknown>;

  constructor(private readonly dir: string) {
    this.created = mkdir(dir, { recursive: true });
  }

  private fileOf(key: string): JSONFile<unknown> {
    let file = this.files.get(key);
    if (!file) {
      file = new JSONFile(path.join(this.dir, `${fileNameFor(key)}.json`));
      this.files.set(key, file);
    }
    return file;
  }

  async get<T>(key: string): Promise<T | undefined> {
    await this.created;
    try {
      return ((await this.fileOf(key).read()) ?? undefined) as T | undefined;
    } catch (error) {
      // A file cut short by a crash is treated as absent rather than stopping the bot.
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.created;
    await this.fileOf(key).write(value);
  }

  async delete(key: string): Promise<void> {
    this.files.delete(key);
    await unlink(path.join(this.dir, `${fileNameFor(key)}.json`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
