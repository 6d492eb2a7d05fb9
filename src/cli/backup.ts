import '../quiet-dotenv.js';
import { closeSync, constants, existsSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { BackupBusyError, backupDataDir, type BackupProgress, octalMode, syncTree } from '../storage/index.js';

const usage = `usage: npm run backup -- DIR

Copy DATA_DIR (the same settings as npm start; default ./data) into DIR, a new or empty folder,
while Parley keeps running and serving chats. Everything written before the backup began is in
it, each file whole (see README, Backup and restore); the model cache (DATA_DIR/models) is left
out, as a start rebuilds it. To restore, start Parley with DATA_DIR set to a copy of DIR.

Progress goes to stderr; the last line on stdout is one JSON object:
  { backup, dataDir, files, bytes, transcripts, collections, leftOut, seconds }`;

class UsageError extends Error {}

// As the server does (src/index.ts): the copy holds transcripts, profiles and password hashes.
process.umask(0o077);

/** Progress on stderr once a backup has taken a second, then every second. */
function progressReporter(): (progress: BackupProgress) => void {
  const started = Date.now();
  let shown = started;
  return (progress) => {
    const now = Date.now();
    if (now - shown < 1000) return;
    shown = now;
    process.stderr.write(`backup: ${progress.files} of ${progress.totalFiles} files, ${megabytes(progress.bytes)} MB (${Math.round((now - started) / 1000)} s)\n`);
  };
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** `target` with every symbolic link in it resolved (the part that does not exist yet kept as given). */
function realPath(target: string): string {
  let existing = target;
  const rest: string[] = [];
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync(existing), ...rest);
}

/** Whether `inner` is `outer` or lies inside it (`..name` is a folder inside, not a way out). */
function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** A folder, identified by its inode: DIR while the backup writes it. */
interface Folder {
  dev: number;
  ino: number;
}

/**
 * DIR may be new or an empty folder (say, a freshly mounted disk); anything else is refused. It
 * is checked where it really is (links resolved): not inside DATA_DIR, and out of other users'
 * reach. The backup runs as Parley's user, or root, and writes by path: another user who owned
 * DIR, or could rename entries in a folder above it, could swap DIR for a link while it is
 * written, so that the copy, or the clean-up of a failed one, went wherever they pointed it.
 */
function checkTarget(target: string, dataDir: string): { real: string; state: 'new' | 'empty'; folder?: Folder } {
  const real = realPath(target);
  if (isInside(realPath(dataDir), real) || isInside(dataDir, target)) {
    throw new ConfigError(`${target} is inside DATA_DIR ${dataDir}: give a folder outside it (Parley would carry every backup into the next one)`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined) {
    for (let folder = path.dirname(real); ; folder = path.dirname(folder)) {
      if (existsSync(folder)) {
        const { uid: owner, mode } = lstatSync(folder);
        const othersMayChange = (mode & 0o022) !== 0 && (mode & 0o1000) === 0;
        if ((owner !== uid && owner !== 0) || othersMayChange) {
          throw new ConfigError(`${folder} may be changed by other users (${owner !== uid && owner !== 0 ? `owner uid ${owner}` : `mode ${octalMode(mode)}`}): give a folder only the user Parley runs as (or root) may change (nothing was written)`);
        }
      }
      if (path.dirname(folder) === folder) break;
    }
  }
  if (!existsSync(real)) return { real, state: 'new' };
  const stat = statSync(real);
  if (!stat.isDirectory()) throw new ConfigError(`${target} exists and is not a folder: give a new folder, e.g. ${path.join(path.dirname(target), 'parley-YYYY-MM-DD')}`);
  if (uid !== undefined && stat.uid !== uid) throw new ConfigError(`${target} belongs to another user (uid ${stat.uid}): give a folder of the user Parley runs as (nothing was written)`);
  if (readdirSync(real).length > 0) throw new ConfigError(`${target} exists and is not empty: give a new or empty folder (nothing was written)`);
  return { real, state: 'empty', folder: { dev: stat.dev, ino: stat.ino } };
}

/** Open DIR itself (never a link in its place), make it `0700`; refused if it is no longer the folder checked. */
function claimTarget(real: string, target: string, checked: Folder | undefined): Folder {
  const fd = openSync(real, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    const { dev, ino } = fstatSync(fd);
    if (checked && (checked.dev !== dev || checked.ino !== ino)) throw new ConfigError(`${target} was replaced after it was checked; nothing was written`);
    fchmodSync(fd, 0o700);
    return { dev, ino };
  } finally {
    closeSync(fd);
  }
}

/** Whether the folder at `real` is still the one the backup wrote into (not a link put in its place). */
function isSameFolder(real: string, folder: Folder): boolean {
  try {
    const stat = lstatSync(real);
    return stat.isDirectory() && stat.dev === folder.dev && stat.ino === folder.ino;
  } catch {
    return false;
  }
}

class ReplacedError extends ConfigError {}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const [dir, ...extra] = argv;
  if (dir === undefined) throw new UsageError('missing DIR, the folder to write the backup into');
  if (dir.startsWith('-')) throw new UsageError(`unknown option "${dir}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const { dataDir, modelDir } = loadConfig();
  try {
    readdirSync(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new ConfigError(`cannot read DATA_DIR ${dataDir} (permission denied): run the backup as the user Parley runs as`);
    if (code !== 'ENOENT') throw error;
  }
  // As npm run users: a mistyped DATA_DIR is named, not backed up as an empty folder.
  if (!existsSync(path.join(dataDir, 'format.json')) && !existsSync(path.join(dataDir, 'users.json')) && !existsSync(path.join(dataDir, 'users.journal.jsonl'))) {
    throw new ConfigError(`DATA_DIR ${dataDir} holds no Parley data: set DATA_DIR to the folder Parley runs on`);
  }
  const target = path.resolve(dir);
  const { real, state, folder: checked } = checkTarget(target, dataDir);
  const started = performance.now();
  // A new DIR is made here and now (its parents as needed): one that appeared meanwhile is refused.
  if (state === 'new') {
    mkdirSync(path.dirname(real), { recursive: true, mode: 0o700 });
    try {
      mkdirSync(real, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigError(`${target} appeared while the backup began; nothing was written, run it again`);
      throw error;
    }
  }
  const folder = claimTarget(real, target, checked);
  try {
    const summary = backupDataDir(dataDir, real, { leaveOut: [modelDir], onProgress: progressReporter() });
    await syncTree(real);
    if (!isSameFolder(real, folder)) throw new ReplacedError(`${target} was replaced while the backup was written`);
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    process.stdout.write(
      `${JSON.stringify({ backup: target, dataDir, files: summary.files, bytes: summary.bytes, transcripts: summary.transcripts, collections: summary.collections, leftOut: summary.leftOut, seconds })}\n`,
    );
  } catch (error) {
    // Whatever DIR's path leads to now is not the backup's to delete: a link put in its place may lead anywhere.
    if (error instanceof ReplacedError || !isSameFolder(real, folder)) {
      throw new ConfigError(`${target} was replaced while the backup was written (by a link, or another folder); nothing was removed, look at what is there now`);
    }
    // No half backup that looks like a whole one: DIR goes back to how it was (absent, or empty).
    if (state === 'new') rmSync(real, { recursive: true, force: true });
    else for (const entry of readdirSync(real)) rmSync(path.join(real, entry), { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new ConfigError(`the disk of ${target} is full; nothing was kept`);
    if (code === 'EACCES' || code === 'EROFS') throw new ConfigError(`${(error as Error).message}; nothing was kept (run it as the user Parley runs as)`);
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`backup: ${error.message}\n${usage}\n`);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`backup: ${error.message}\n`);
  } else if (error instanceof BackupBusyError) {
    process.stderr.write(`backup: ${error.message}; nothing was kept, try again\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
});
