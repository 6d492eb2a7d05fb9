import { chmodSync, statSync } from 'node:fs';

/** What start-up found of other users' access to `DATA_DIR`, and did about it. */
export type DataDirAccess = { closed: true; from: string; to: string } | { closed: false; mode: string; owner: number };

/**
 * Take other users' access to `dataDir` away, if it has any: transcripts, profiles and password
 * hashes are not theirs to read. Parley creates its files for its own user alone (umask 077), but
 * a folder made by an earlier release, or by hand with the usual umask, is 0755 and its older
 * files 0644. Closing the folder closes everything in it. The group's access is left as it is:
 * an operator may have given it to a backup user on purpose. A folder Parley's user does not own
 * (`root:parley 0775`) cannot be changed by it: that is said, not a reason to refuse to start.
 * Returns null when nobody else could enter the folder.
 */
export function closeDataDirToOthers(dataDir: string): DataDirAccess | null {
  const { mode: full, uid } = statSync(dataDir);
  const mode = full & 0o777;
  if ((mode & 0o007) === 0) return null;
  const tightened = mode & 0o770;
  try {
    chmodSync(dataDir, tightened);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    return { closed: false, mode: octalMode(mode), owner: uid };
  }
  return { closed: true, from: octalMode(mode), to: octalMode(tightened) };
}

/** A file mode's permission bits as `ls` and chmod write them: `0755`. */
export const octalMode = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
