import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredActivity, TranscriptStore } from '../ports.js';
import { fileNameFor } from './file-names.js';

export interface JsonlTranscriptOptions {
  /** fsync each append: survives power loss too, at a cost per message (see README). */
  fsync?: boolean;
}

/**
 * Transcripts as append-only JSON Lines, one file per conversation
 * (`<dir>/<conversationId>.jsonl`). An append writes one line; nothing is rewritten on
 * the hot path. A last line cut short by a crash is skipped when reading.
 */
export class JsonlTranscriptStore implements TranscriptStore {
  private readonly created: Promise<unknown>;
  /** Appends to one file are chained so lines land in the order they were given. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly options: JsonlTranscriptOptions = {},
  ) {
    this.created = mkdir(dir, { recursive: true });
  }

  private fileOf(conversationId: string): string {
    return path.join(this.dir, `${fileNameFor(conversationId)}.jsonl`);
  }

  private chain(conversationId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(conversationId) ?? this.created.then(() => undefined)).then(work);
    const settled = next.catch(() => undefined);
    this.tails.set(conversationId, settled);
    void settled.then(() => {
      if (this.tails.get(conversationId) === settled) this.tails.delete(conversationId);
    });
    return next;
  }

  append(conversationId: string, activity: StoredActivity): Promise<void> {
    const line = `${JSON.stringify(activity)}\n`;
    return this.chain(conversationId, async () => {
      const handle = await open(this.fileOf(conversationId), 'a');
      try {
        await handle.write(line);
        if (this.options.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
    });
  }

  async read(conversationId: string): Promise<StoredActivity[]> {
    await this.created;
    await this.tails.get(conversationId);
    let text: string;
    try {
      text = await readFile(this.fileOf(conversationId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const activities: StoredActivity[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        activities.push(JSON.parse(line) as StoredActivity);
      } catch {
        // Only a crash mid-append leaves a partial line, and only as the last one.
      }
    }
    return activities;
  }

  replace(conversationId: string, activities: StoredActivity[]): Promise<void> {
    return this.chain(conversationId, async () => {
      const file = this.fileOf(conversationId);
      const temp = `${file}.tmp`;
      await writeFile(temp, activities.map((activity) => `${JSON.stringify(activity)}\n`).join(''));
      await rename(temp, file);
    });
  }

  delete(conversationId: string): Promise<void> {
    return this.chain(conversationId, async () => {
      await unlink(this.fileOf(conversationId)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    });
  }
}
