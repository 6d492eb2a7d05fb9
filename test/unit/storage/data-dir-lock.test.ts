import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import { dataDirError } from '../../../src/startup-errors.js';
import { DataDirInUseError, lockDataDir } from '../../../src/storage/index.js';
import { tempDir } from '../../support/temp.js';

describe('DATA_DIR/parley.pid: one Parley per data folder', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await tempDir('parley-lock-');
    file = path.join(dir, 'parley.pid');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('names this process while it holds the folder, and is gone once released', async () => {
    const release = lockDataDir(dir);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, startedAt: expect.any(String) });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a folder a running process holds, and says which', async () => {
    // The parent of this test process is running for as long as the test does.
    await writeFile(file, JSON.stringify({ pid: process.ppid, startedAt: '2026-12-01T08:00:00.000Z' }));
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ pid: process.ppid, startedAt: '2026-12-01T08:00:00.000Z' }) as Error);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('takes over a file left by a process that is gone, or cut short by a crash', async () => {
    for (const left of [JSON.stringify({ pid: 2 ** 22 + 1 }), '{"pid": 12', '']) {
      await writeFile(file, left);
      const release = lockDataDir(dir);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
      release();
    }
  });

  it('a full disk at start is one line naming DATA_DIR', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const error = dataDirError(full, '/srv/parley');
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('DATA_DIR /srv/parley is on a full disk: free space there, then start Parley again');
  });
});
