import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A new empty directory under the system's temp folder (real files, no mocks). */
export function tempDir(prefix = 'parley-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}
