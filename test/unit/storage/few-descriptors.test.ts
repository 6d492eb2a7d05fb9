import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'few-descriptors.child.ts');

describe('storage in a process with few file descriptors', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes and then reads back, all at once, far more conversations than the process may open files', async () => {
    dir = await tempDir('parley-fds-');
    // `ulimit -n` caps soft and hard limits: Node cannot raise it again.
    const run = spawnSync('bash', ['-c', `ulimit -n 96 && exec "${process.execPath}" --import tsx "${child}" "${dir}" 600`], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ profilesRead: 600, transcriptsRead: 600 });
  });
});
