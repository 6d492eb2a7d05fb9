import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

describe('what dist/server holds', () => {
  it('every file a built file imports is built too (npm run bench:nlu failed on a missing bench/report.js)', async () => {
    await buildServer();
    const out = path.join(repoRoot, 'dist', 'server');
    const built = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.js'));
    const missing: string[] = [];
    let imports = 0;
    for (const entry of built) {
      const file = path.join(entry.parentPath, entry.name);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"]+)['"]/g)) {
        imports++;
        const target = path.resolve(path.dirname(file), match[1]!);
        if (!existsSync(target)) missing.push(`${path.relative(out, file)} → ${match[1]}`);
      }
    }
    expect(imports).toBeGreaterThan(200);
    expect(missing).toEqual([]);
    expect(existsSync(path.join(out, 'bench', 'nlu.js'))).toBe(true);
  });
});
