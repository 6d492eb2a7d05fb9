import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../../scripts/build-server.js';
import { repoRoot } from '../../support/child-server.js';

describe('rebuilding dist/server while Parley runs from it', () => {
  it('never leaves the files a running server still loads missing (npm run knowledge / nlu / users rebuild first)', async () => {
    const worker = path.join(repoRoot, 'dist', 'server', 'src', 'kb', 'training-worker.js');
    expect(existsSync(worker)).toBe(true);
    let checks = 0;
    let missing = 0;
    let building = true;
    const watching = (async () => {
      while (building) {
        checks++;
        if (!existsSync(worker)) missing++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await buildServer();
    building = false;
    await watching;
    expect(checks).toBeGreaterThan(10);
    expect(missing).toBe(0);
    // Nothing of the build is left beside it.
    expect(readdirSync(path.join(repoRoot, 'dist')).filter((name) => name.startsWith('server')).sort()).toEqual(['server']);
  });
});
