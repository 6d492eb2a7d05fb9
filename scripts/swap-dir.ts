/**
 * Put a freshly built folder's files in place of the old ones, each by a rename over it, instead of
 * `rm -rf` and a rebuild: a Parley running from `dist/` (while `npm run knowledge`, `npm run nlu`
 * or a refused second `npm start` rebuilds it) would otherwise find its files gone for the length
 * of a build, and a publish starting its training worker then failed. A rename over a file is
 * atomic, so every file a running server may still load is there at every moment.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** A folder beside `target` to build into, then give to `swapInto`. */
export const stagingFor = (target: string) => `${target}.building-${process.pid}`;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

export async function swapInto(target: string, built: string): Promise<void> {
  const fresh = await filesUnder(built);
  for (const file of fresh) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await rename(path.join(built, file), path.join(target, file));
  }
  // Files of sources since deleted go last, once nothing new refers to them.
  const kept = new Set(fresh);
  for (const file of await filesUnder(target)) if (!kept.has(file)) await rm(path.join(target, file), { force: true });
  await rm(built, { recursive: true, force: true });
}
