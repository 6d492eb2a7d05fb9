import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredActivity, TranscriptStore } from '../ports.js';
import { readTextIfExists, withDescriptor } from './file-descriptors.js';
import { fileNameFor } from './file-names.js';
import { OpenFiles } from './open-files.js';
import { appendAll, datasync } from './sync-append.js';

export interface JsonlTranscriptOptions {
  /** fsync each append: survives power loss too, at a cost per message (see README). */
  fsync?: boolean;
}

/**
 * Transcripts as append-only JSON Lines, one file per conversation
 * (`<dir>/<conversationId>.jsonl`). An append writes one line; nothing is rewritten on
 * the hot path. A last line cut short by a crash is skipped when reading. An append with nothing
 * queued before it on its transcript is written at once, synchronously (see sync-append.ts).
 */
/** Transcripts of recently active conversations are kept open: an append is then one write, not open + write + close. */
const OPEN_FILES = 256;

export class JsonlTranscriptStore implements TranscriptStore {
  private readonly created: Promise<unknown>;
  /** The directory exists: appends may skip the wait for `created`. */
  private ready = false;
  /** Work on one file is chained so lines land in the order they were given. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Open append descriptors; each is only touched in its conversation's order. */
  private readonly fds: OpenFiles;
  /** Transcripts whose last line was cut short by a crash: the next append starts a fresh line, or it would be lost with it. */
  private readonly cutShort = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly options: JsonlTranscriptOptions = {},
  ) {
    this.created = mkdir(dir, { recursive: true }).then(() => {
      this.ready = true;
    });
    this.fds = new OpenFiles(OPEN_FILES, (id) => this.fileOf(id), { busy: (id) => this.tails.has(id), after: (id, work) => this.chain(id, work) });
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
    const fd = this.fds.get(conversationId);
    if (fd !== undefined && this.ready && !this.options.fsync && !this.tails.has(conversationId)) {
      // Open, and nothing queued on this transcript: the line is in the file before this returns.
      try {
        this.write(conversationId, fd, line);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.chain(conversationId, async () => {
      const opened = await this.fds.open(conversationId);
      this.write(conversationId, opened, line);
      if (this.options.fsync) await datasync(opened);
    });
  }

  /** Append a line (in the transcript's order). */
  private write(conversationId: string, fd: number, line: string): void {
    this.fds.touch(conversationId, fd);
    appendAll(fd, this.cutShort.delete(conversationId) ? `\n${line}` : line);
  }

  /** Close every open transcript (shutdown). */
  async close(): Promise<void> {
    await Promise.all(this.fds.keys().map((id) => this.chain(id, async () => this.fds.release(id))));
  }

  async read(conversationId: string): Promise<StoredActivity[]> {
    await this.created;
    await this.tails.get(conversationId);
    const file = this.fileOf(conversationId);
    const text = await readTextIfExists(file);
    if (text === undefined) return [];
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
      this.fds.release(conversationId);
      const file = this.fileOf(conversationId);
      const temp = `${file}.tmp`;
      await withDescriptor(() => writeFile(temp, activities.map((activity) => `${JSON.stringify(activity)}\n`).join('')));
      await rename(temp, file);
    });
  }

  delete(conversationId: string): Promise<void> {
    return this.chain(conversationId, async () => {
      this.fds.release(conversationId);
      await unlink(this.fileOf(conversationId)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    });
  }
}
