import { type FileHandle, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
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
/** Transcripts of recently active conversations are kept open: an append is then one write, not open + write + close. */
const OPEN_FILES = 256;

export class JsonlTranscriptStore implements TranscriptStore {
  private readonly created: Promise<unknown>;
  /** Appends to one file are chained so lines land in the order they were given. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Open append handles, least recently used first; each is only touched inside its conversation's chain. */
  private readonly handles = new Map<string, FileHandle>();
  /** Transcripts whose last line was cut short by a crash: the next append starts a fresh line, or it would be lost with it. */
  private readonly cutShort = new Set<string>();

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
      const handle = await this.handleOf(conversationId);
      await handle.write(this.cutShort.delete(conversationId) ? `\n${line}` : line);
      if (this.options.fsync) await handle.datasync();
    });
  }

  /** The open handle of a transcript (inside its chain); the least recently used one is closed in its own chain. */
  private async handleOf(conversationId: string): Promise<FileHandle> {
    let handle = this.handles.get(conversationId);
    if (handle) {
      this.handles.delete(conversationId);
    } else {
      handle = await open(this.fileOf(conversationId), 'a');
      if (this.handles.size >= OPEN_FILES) {
        const [oldestId, oldest] = this.handles.entries().next().value as [string, FileHandle];
        this.handles.delete(oldestId);
        void this.chain(oldestId, () => oldest.close()).catch(() => undefined);
      }
    }
    this.handles.set(conversationId, handle);
    return handle;
  }

  /** Close a transcript's handle before the file is replaced or removed (inside its chain). */
  private async release(conversationId: string): Promise<void> {
    const handle = this.handles.get(conversationId);
    if (!handle) return;
    this.handles.delete(conversationId);
    await handle.close();
  }

  /** Close every open transcript (shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.handles.keys()].map((id) => this.chain(id, () => this.release(id))));
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
    if (text && !text.endsWith('\n')) this.cutShort.add(conversationId);
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
      await this.release(conversationId);
      const file = this.fileOf(conversationId);
      const temp = `${file}.tmp`;
      await writeFile(temp, activities.map((activity) => `${JSON.stringify(activity)}\n`).join(''));
      await rename(temp, file);
    });
  }

  delete(conversationId: string): Promise<void> {
    return this.chain(conversationId, async () => {
      await this.release(conversationId);
      await unlink(this.fileOf(conversationId)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    });
  }
}
