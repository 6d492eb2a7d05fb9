import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `DATA_DIR/parley.pid`: which process has the folder open; removed when it stops. */
export const LOCK_FILE = 'parley.pid';

/** Another Parley process, still running, has this `DATA_DIR` open. */
export class DataDirInUseError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
    readonly startedAt: string | undefined,
  ) {
    super(`${file}: process ${pid} has this folder open`);
  }
}

interface LockOwner {
  pid: number;
  host?: string;
  startedAt?: string;
}

/**
 * Take `dataDir` for this process, or throw DataDirInUseError when a running Parley has it.
 *
 * Two processes on one folder would each rewrite the collections' snapshots from what they
 * alone hold, dropping the other's tickets, users and knowledge edits. A file left by a process
 * that is gone (`kill -9`, a power cut) is taken over; so is one naming this very process, which
 * is what a container restart looks like (the same pid again). Returns `release`, which removes
 * the file; it is also removed when the process exits (a failed start included).
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const owner = ownerOf(file);
  if (owner && owner.pid !== process.pid && isRunning(owner.pid)) throw new DataDirInUseError(file, owner.pid, owner.startedAt);
  if (owner) unlinkSync(file);
  const mine: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  try {
    // 'wx': of two processes starting at the same instant, one gets EEXIST here instead of both starting.
    writeFileSync(file, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DataDirInUseError(file, ownerOf(file)?.pid ?? 0, ownerOf(file)?.startedAt);
    // A full disk leaves the file created but empty: not a lock anyone should have to delete.
    rmSync(file, { force: true });
    throw error;
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (ownerOf(file)?.pid === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return release;
}

function ownerOf(file: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner> | null;
    if (Number.isInteger(parsed?.pid) && parsed!.pid! > 0) return parsed as LockOwner;
  } catch {
    // cut short by a crash while it was written: nobody holds it
  }
  return { pid: 0 };
}

function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // A zombie (exited, not yet reaped by its parent) answers signal 0 but holds nothing.
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}
