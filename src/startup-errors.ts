/**
 * Start-up failures an operator causes and can fix, turned into one line that names the setting
 * (README: "a bad value stops the server with a message naming it") instead of Node's stack
 * trace. Anything else is a bug and keeps its stack.
 */
import { ConfigError } from './config.js';
import { KnowledgeError } from './kb/index.js';
import { DATA_FORMAT, DataDirInUseError, DataFormatError } from './storage/index.js';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** What went wrong reading KNOWLEDGE_DIR (only read on the first start of a DATA_DIR). */
export function knowledgeDirError(error: unknown, dir: string): unknown {
  const code = codeOf(error);
  if (code === 'ENOENT') return new ConfigError(`KNOWLEDGE_DIR ${dir} does not exist: set KNOWLEDGE_DIR to the folder of knowledge files to load on the first start`);
  if (code === 'ENOTDIR') return new ConfigError(`KNOWLEDGE_DIR ${dir} is not a folder: set KNOWLEDGE_DIR to the folder of knowledge files to load on the first start`);
  if (code === 'EACCES') return new ConfigError(`KNOWLEDGE_DIR ${dir} cannot be read by this user`);
  // The loader's message names the file and the JSON path already.
  if (error instanceof KnowledgeError) return new ConfigError(`KNOWLEDGE_DIR: ${error.message}`);
  return error;
}

/** What stopped Parley from opening DATA_DIR: not a folder, not writable, a full disk, in use by another Parley, or data of a newer release. */
export function dataDirError(error: unknown, dir: string): unknown {
  const code = codeOf(error);
  if (code === 'EEXIST' || code === 'ENOTDIR') return new ConfigError(`DATA_DIR ${dir} is not a folder: set DATA_DIR to a folder Parley may create or write in`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ConfigError(`DATA_DIR ${dir} cannot be written by this user: give it write access, or set DATA_DIR to a folder it may write in`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ConfigError(`DATA_DIR ${dir} is on a full disk: free space there, then start Parley again`);
  if (error instanceof DataDirInUseError) {
    const since = error.startedAt ? `, started ${error.startedAt}` : '';
    return new ConfigError(
      `DATA_DIR ${dir} is in use by another Parley (process ${error.pid}${since}): two on one folder overwrite each other's data; stop that one first, or give this one its own DATA_DIR (if no Parley runs, delete ${error.file})`,
    );
  }
  if (error instanceof DataFormatError && error.found !== undefined) {
    return new ConfigError(
      `DATA_DIR ${dir} holds data format ${error.found}, written by a newer Parley; this release reads format ${DATA_FORMAT} and older: run the newer release, or restore the backup taken before upgrading`,
    );
  }
  if (error instanceof DataFormatError) return new ConfigError(`DATA_DIR: ${error.file} does not name a data format (${DATA_FORMAT} for this release): restore it from a backup of this DATA_DIR`);
  return error;
}

/** Why the HTTP server could not listen on PORT at HOST. */
export function listenError(error: unknown, port: number, host: string): unknown {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new ConfigError(`PORT ${port} is already in use on ${host}: stop what listens there, or set PORT to a free port`);
    case 'EACCES':
      return new ConfigError(`PORT ${port} needs privileges this process does not have on ${host}: set PORT to 1024 or above`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError(`HOST ${host} is not an address of this machine: set HOST to one it has (127.0.0.1 or 0.0.0.0)`);
    default:
      return error;
  }
}
