import '../quiet-dotenv.js';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { BackupBusyError, backupDataDir, type BackupProgress, syncTree } from '../storage/index.js';

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

/** DIR may be new or an empty folder (say, a freshly mounted disk); anything else is refused. */
function checkTarget(target: string, dataDir: string): 'new' | 'empty' {
  const relative = path.relative(dataDir, target);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new ConfigError(`${target} is inside DATA_DIR ${dataDir}: give a folder outside it (Parley would carry every backup into the next one)`);
  }
  if (!existsSync(target)) return 'new';
  if (!statSync(target).isDirectory()) throw new ConfigError(`${target} exists and is not a folder: give a new folder, e.g. ${path.join(path.dirname(target), 'parley-YYYY-MM-DD')}`);
  if (readdirSync(target).length > 0) throw new ConfigError(`${target} exists and is not empty: give a new or empty folder (nothing was written)`);
  return 'empty';
}

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
  const state = checkTarget(target, dataDir);
  const started = performance.now();
  mkdirSync(target, { recursive: true, mode: 0o700 });
  chmodSync(target, 0o700);
  try {
    const summary = backupDataDir(dataDir, target, { leaveOut: [modelDir], onProgress: progressReporter() });
    await syncTree(target);
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    process.stdout.write(
      `${JSON.stringify({ backup: target, dataDir, files: summary.files, bytes: summary.bytes, transcripts: summary.transcripts, collections: summary.collections, leftOut: summary.leftOut, seconds })}\n`,
    );
  } catch (error) {
    // No half backup that looks like a whole one: DIR goes back to how it was (absent, or empty).
    if (state === 'new') rmSync(target, { recursive: true, force: true });
    else for (const entry of readdirSync(target)) rmSync(path.join(target, entry), { recursive: true, force: true });
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
