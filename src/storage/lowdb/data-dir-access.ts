import { chmodSync, statSync } from 'node:fs';

/**
 * Take other users' access to `dataDir` away, if it has any: transcripts, profiles and password
 * hashes are not theirs to read. Parley creates its files for its own user alone (umask 077), but
 * a folder made by an earlier release, or by hand with the usual umask, is 0755 and its older
 * files 0644. Closing the folder closes everything in it. The group's access is left as it is:
 * an operator may have given it to a backup user on purpose. Returns the modes, when changed.
 */
export function closeDataDirToOthers(dataDir: string): { from: string; to: string } | null {
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o007) === 0) return null;
  const tightened = mode & 0o770;
  chmodSync(dataDir, tightened);
  const octal = (value: number) => `0${value.toString(8).padStart(3, '0')}`;
  return { from: octal(mode), to: octal(tightened) };
}
