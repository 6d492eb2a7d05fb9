import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A new empty directory under the system's temp folder (real files, no mocks). */
export function tempDir(prefix = 'parley-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Temp directories for the tests of one `describe` (call it there): each call of the function
 * returned makes one, and all are removed after those tests, whether they passed or not.
 */
export function tempDirs(prefix?: string): () => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await tempDir(prefix);
    made.push(dir);
    return dir;
  };
}
