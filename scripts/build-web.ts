/**
 * Builds the front ends into dist/web: the demo site is copied, the widget is bundled with
 * esbuild into one minified file.
 */
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'web');

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(path.join(root, 'src', 'web', 'site'), path.join(out, 'site'), { recursive: true });

const widgetEntry = path.join(root, 'src', 'web', 'widget', 'index.ts');
if (await exists(widgetEntry)) {
  await build({
    entryPoints: [widgetEntry],
    outfile: path.join(out, 'widget.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
// The agent console: its page and styles copied, its script bundled (served at /agent).
const consoleDir = path.join(root, 'src', 'web', 'console');
if (await exists(path.join(consoleDir, 'main.ts'))) {
  await mkdir(path.join(out, 'agent'), { recursive: true });
  for (const file of ['index.html', 'console.css']) await cp(path.join(consoleDir, file), path.join(out, 'agent', file));
  await build({
    entryPoints: [path.join(consoleDir, 'main.ts')],
    outfile: path.join(out, 'agent', 'console.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
// The admin pages: page and styles copied, script bundled (served at /admin).
const adminDir = path.join(root, 'src', 'web', 'admin');
if (await exists(path.join(adminDir, 'main.ts'))) {
  await mkdir(path.join(out, 'admin'), { recursive: true });
  for (const file of ['index.html', 'admin.css']) await cp(path.join(adminDir, file), path.join(out, 'admin', file));
  await build({
    entryPoints: [path.join(adminDir, 'main.ts')],
    outfile: path.join(out, 'admin', 'admin.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
process.stderr.write(`web: built ${path.relative(root, out)}\n`);
