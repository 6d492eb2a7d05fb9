/**
 * Builds the front ends into dist/web: the demo site is copied, the widget is bundled with
 * esbuild into one minified file, the agent console and the admin pages get their scripts
 * bundled beside their pages.
 */
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { stagingFor, swapInto } from './swap-dir.js';

const root = path.resolve(import.meta.dirname, '..');
const target = path.join(root, 'dist', 'web');
// Built beside dist/web and swapped in at the end: a running Parley keeps serving the old files until then.
const out = stagingFor(target);

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
/** A page served under `/<route>`: its HTML and styles copied, its script bundled. */
async function buildPage(source: string, route: string, files: string[], script: string): Promise<void> {
  const dir = path.join(root, 'src', 'web', source);
  if (!(await exists(path.join(dir, 'main.ts')))) return;
  await mkdir(path.join(out, route), { recursive: true });
  for (const file of files) await cp(path.join(dir, file), path.join(out, route, file));
  await build({
    entryPoints: [path.join(dir, 'main.ts')],
    outfile: path.join(out, route, script),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}

await buildPage('console', 'agent', ['index.html', 'console.css'], 'console.js');
await buildPage('admin', 'admin', ['index.html', 'admin.css'], 'admin.js');
await swapInto(target, out);
process.stderr.write(`web: built ${path.relative(root, target)}\n`);
