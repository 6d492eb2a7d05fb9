import { closeSync, type Dirent, fdatasync, fstatSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { LOCK_FILE } from './data-dir-lock.js';
import { FORMAT_FILE } from './data-format.js';

export interface BackupOptions {
  /** Folders under the data folder not to copy (the model cache: rebuilt at start). */
  leaveOut?: string[];
  /** Called now and then while files are copied. */
  onProgress?: (progress: BackupProgress) => void;
  /** Called between opening the collections and reading them (tests use it to change them meanwhile). */
  beforeCollectionsRead?: () => void;
}

export interface BackupProgress {
  files: number;
  totalFiles: number;
  bytes: number;
}

export interface BackupSummary {
  files: number;
  bytes: number;
  /** Collections (`<name>.json` + `<name>.journal.jsonl`), copied together at one instant. */
  collections: number;
  transcripts: number;
  /** Passes it took to find an instant at which no collection changed (1 when Parley was quiet). */
  collectionPasses: number;
  /** Folders left out, relative to the data folder. */
  leftOut: string[];
}

/** A collection could not be caught standing still: Parley changed its collections during every pass. */
export class BackupBusyError extends Error {}

const JOURNAL_SUFFIX = '.journal.jsonl';
/** How long to keep looking for an instant at which no collection changes. */
const COLLECTIONS_WITHIN_MS = 10_000;

/**
 * Copy `dataDir` into `target` (an empty folder) while Parley keeps writing to it, as one
 * consistent data folder that Parley starts on like any other. Folders are created `0700` and
 * files `0600`; `parley.pid`, temporary files and `leaveOut` are not copied.
 *
 * What "consistent" means, given how Parley writes (see README, Storage and durability):
 * - A transcript or a per-conversation document (`state/`, `analytics-turns/` …) is appended
 *   line by line or replaced whole by a rename: each is copied as it was when it was read, up to
 *   its last complete line. They are copied first.
 * - A collection is its snapshot (replaced by rename) plus its journal (appended; deleted after
 *   the next snapshot holds it). The collections are copied last, all as they were at one single
 *   instant (see `copyCollections`). So everything a transcript refers to (its conversation's
 *   record, a ticket it announces) is in the copy, and two collections written one after the
 *   other (a ticket number's counter, then the ticket) agree.
 * Every file is thus as a crash at some instant during the backup would have left it, which Parley
 * recovers from by itself; a chat written in during the backup may come back with its records a
 * moment ahead of its transcript. Everything written before the backup began is in it.
 */
export function backupDataDir(dataDir: string, target: string, options: BackupOptions = {}): BackupSummary {
  const leaveOut = new Set((options.leaveOut ?? []).map((dir) => path.resolve(dir)));
  const top = readdirSync(dataDir, { withFileTypes: true });
  const collections = new Set<string>();
  const plain: string[] = [];
  const folders: string[] = [];
  const leftOut: string[] = [];
  let collectionFiles = 0;
  for (const entry of top) {
    const name = entry.name;
    const kind = kindOf(path.join(dataDir, name), entry);
    if (kind === 'folder') {
      if (leaveOut.has(path.resolve(dataDir, name))) leftOut.push(name);
      else folders.push(name);
    } else if (kind === 'file' && !skipped(name)) {
      const collection = name.endsWith(JOURNAL_SUFFIX) ? name.slice(0, -JOURNAL_SUFFIX.length) : name.endsWith('.json') && name !== FORMAT_FILE ? name.slice(0, -'.json'.length) : undefined;
      if (collection === undefined) plain.push(name);
      else {
        collections.add(collection);
        collectionFiles += 1;
      }
    }
  }
  const files = folders.flatMap((folder) => filesUnder(dataDir, folder));
  const progress: BackupProgress = { files: 0, totalFiles: plain.length + files.filter((file) => !file.endsWith(path.sep)).length + collectionFiles, bytes: 0 };
  const copied = (bytes: number) => {
    progress.files += 1;
    progress.bytes += bytes;
    options.onProgress?.(progress);
  };
  // Written once (secret.key, format.json): whole.
  for (const name of plain) copyFile(dataDir, target, name, false, copied);
  for (const folder of folders) mkdirSync(path.join(target, folder), { mode: 0o700 });
  for (const file of files) {
    if (file.endsWith(path.sep)) mkdirSync(path.join(target, file), { mode: 0o700 });
    else copyFile(dataDir, target, file, file.endsWith('.jsonl'), copied);
  }
  const passes = copyCollections(dataDir, target, [...collections].sort(), options.beforeCollectionsRead, copied);
  return {
    files: progress.files,
    bytes: progress.bytes,
    collections: collections.size,
    transcripts: files.filter((file) => file.startsWith(`transcripts${path.sep}`) && file.endsWith('.jsonl')).length,
    collectionPasses: passes,
    leftOut,
  };
}

/** Never copied: the lock (it names the running server's process) and half-written temporary files, which nothing reads. */
const skipped = (name: string) => name === LOCK_FILE || name.endsWith('.tmp');

/**
 * Files (and folders, ending in a separator) under `dataDir/folder`, relative to `dataDir`, parents
 * first. A folder linked from inside itself or from a folder below it (a link to `..`, made by
 * mistake) is not gone into again: it would copy the data folder into itself forty times over, or
 * with two such links never finish.
 */
function filesUnder(dataDir: string, folder: string, above: ReadonlySet<string> = new Set([folderId(dataDir)])): string[] {
  const here = folderId(path.join(dataDir, folder));
  if (above.has(here)) return [];
  const inside = new Set([...above, here]);
  const found: string[] = [];
  for (const entry of readdirSync(path.join(dataDir, folder), { withFileTypes: true })) {
    const relative = path.join(folder, entry.name);
    const kind = kindOf(path.join(dataDir, relative), entry);
    if (kind === 'folder') {
      if (inside.has(folderId(path.join(dataDir, relative)))) continue;
      found.push(`${relative}${path.sep}`, ...filesUnder(dataDir, relative, inside));
    } else if (kind === 'file' && !skipped(entry.name)) found.push(relative);
  }
  return found;
}

/** A folder's identity, whichever path (or link) leads to it. */
function folderId(folder: string): string {
  try {
    const { dev, ino } = statSync(folder);
    return `${dev}:${ino}`;
  } catch {
    return `gone:${folder}`;
  }
}

/** A symbolic link counts as what it points to (a transcripts folder moved to another disk is still copied). */
function kindOf(file: string, entry: Dirent): 'file' | 'folder' | 'other' {
  if (entry.isSymbolicLink()) {
    try {
      const target = statSync(file);
      return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
    } catch {
      return 'other';
    }
  }
  return entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
}

/** Copy one file as it is now (whole, or up to its last complete line); one deleted meanwhile (erasure, retention) is left out. */
function copyFile(dataDir: string, target: string, relative: string, lines: boolean, copied: (bytes: number) => void): void {
  const fd = openIfThere(path.join(dataDir, relative));
  if (fd === undefined) return;
  let data: Buffer;
  try {
    data = readFrom(fd, 0);
  } finally {
    closeSync(fd);
  }
  if (lines) data = completeLines(data);
  writeFileSync(path.join(target, relative), data, { mode: 0o600, flag: 'wx' });
  copied(data.length);
}

/** Everything from `position` to the end of the file open as `fd` (which may still be growing). */
function readFrom(fd: number, position: number): Buffer {
  // Sized from the file, with room for lines appended meanwhile: one allocation for most files.
  let buffer = Buffer.allocUnsafe(Math.max(0, fstatSync(fd).size - position) + 64 * 1024);
  let length = 0;
  for (;;) {
    if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const read = readSync(fd, buffer, length, buffer.length - length, position + length);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

/** Up to the last newline: a line still being written (or cut short by a crash) was never acknowledged. */
function completeLines(data: Buffer): Buffer {
  return data.subarray(0, data.lastIndexOf(0x0a) + 1);
}

function openIfThere(file: string): number | undefined {
  try {
    return openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function inodeOf(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** One collection's files as opened: the snapshot's inode never changes (it is replaced by rename), the journal grows. */
interface OpenCollection {
  name: string;
  snapshotFd: number | undefined;
  snapshotIno: number | undefined;
  journalFd: number | undefined;
  journal: Buffer[];
  journalBytes: number;
}

function openCollection(dataDir: string, name: string): OpenCollection {
  // The journal before the snapshot: a snapshot rewrite renames the new snapshot into place and
  // only then deletes the journal it holds, so a journal opened first is the snapshot's own or,
  // if the rewrite came in between, one whose every line the newer snapshot holds (which is also
  // what a crash between the rename and the delete leaves: replaying it changes nothing Parley
  // acknowledged). Opened the other way round, an older snapshot could meet a newer journal and
  // the changes between them would be missing.
  const journalFd = openIfThere(path.join(dataDir, `${name}${JOURNAL_SUFFIX}`));
  const snapshotFd = openIfThere(path.join(dataDir, `${name}.json`));
  return { name, snapshotFd, snapshotIno: snapshotFd === undefined ? undefined : fstatSync(snapshotFd).ino, journalFd, journal: [], journalBytes: 0 };
}

function closeCollection(collection: OpenCollection): void {
  if (collection.snapshotFd !== undefined) closeSync(collection.snapshotFd);
  if (collection.journalFd !== undefined) closeSync(collection.journalFd);
}

/** Whether the files at the collection's paths are still the ones opened (no snapshot rewrite, no journal deleted or started since). */
function isSameFiles(dataDir: string, collection: OpenCollection): boolean {
  if (inodeOf(path.join(dataDir, `${collection.name}.json`)) !== collection.snapshotIno) return false;
  if (collection.journalFd === undefined) return inodeOf(path.join(dataDir, `${collection.name}${JOURNAL_SUFFIX}`)) === undefined;
  return fstatSync(collection.journalFd).nlink > 0;
}

/** Read what was appended to the journal since the last read; the number of bytes. */
function readNewLines(collection: OpenCollection): number {
  if (collection.journalFd === undefined) return 0;
  const added = readFrom(collection.journalFd, collection.journalBytes);
  if (added.length > 0) {
    collection.journal.push(added);
    collection.journalBytes += added.length;
  }
  return added.length;
}

/**
 * Copy every collection as they all were at one instant. Each is opened (journal first), then
 * passes go over them all: a collection whose snapshot was rewritten or whose journal was deleted
 * or started is opened afresh, and a journal's new lines are read, until a pass finds nothing
 * changed. Each collection then stood still from its last read (in the pass before) to its check
 * (in this pass), so at the instant this pass began every one held exactly what was read. A pass
 * is two system calls per collection, so under load one soon falls between Parley's writes.
 * Returns the number of passes.
 */
function copyCollections(dataDir: string, target: string, names: string[], beforeRead: (() => void) | undefined, copied: (bytes: number) => void): number {
  const open = names.map((name) => openCollection(dataDir, name));
  beforeRead?.();
  try {
    const deadline = Date.now() + COLLECTIONS_WITHIN_MS;
    for (let passes = 1; ; passes += 1) {
      let changed = false;
      for (let i = 0; i < open.length; i += 1) {
        if (!isSameFiles(dataDir, open[i]!)) {
          closeCollection(open[i]!);
          open[i] = openCollection(dataDir, open[i]!.name);
          changed = true;
        }
        if (readNewLines(open[i]!) > 0) changed = true;
      }
      if (!changed) {
        for (const collection of open) writeCollection(target, collection, copied);
        return passes;
      }
      if (Date.now() > deadline) throw new BackupBusyError(`the collections of ${dataDir} changed during every pass for ${COLLECTIONS_WITHIN_MS / 1000} s`);
    }
  } finally {
    for (const collection of open) closeCollection(collection);
  }
}

function writeCollection(target: string, collection: OpenCollection, copied: (bytes: number) => void): void {
  if (collection.snapshotFd !== undefined) {
    const snapshot = readFrom(collection.snapshotFd, 0);
    writeFileSync(path.join(target, `${collection.name}.json`), snapshot, { mode: 0o600, flag: 'wx' });
    copied(snapshot.length);
  }
  if (collection.journalFd !== undefined) {
    const journal = completeLines(Buffer.concat(collection.journal));
    writeFileSync(path.join(target, `${collection.name}${JOURNAL_SUFFIX}`), journal, { mode: 0o600, flag: 'wx' });
    copied(journal.length);
  }
}

const fdatasyncAsync = promisify(fdatasync);

/**
 * Put every file and folder of a finished backup on disk (fsync), a few at a time so the disk
 * can take them in one journal commit: a backup reported done survives a power cut.
 */
export async function syncTree(dir: string): Promise<void> {
  const paths = [dir, ...readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => path.join(entry.parentPath, entry.name))];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const fd = openSync(paths[next++]!, 'r');
      try {
        await fdatasyncAsync(fd);
      } finally {
        closeSync(fd);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}
