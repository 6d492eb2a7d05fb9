/**
 * Transpiles the server (src/ without the front ends, and dialogs/) into dist/server with
 * esbuild, file for file: `npm start` and the CLIs run plain JavaScript. Running through the
 * tsx loader costs every process ~35 MB of memory (Node 20 runs loader hooks on a thread of
 * their own) and a slower start. Types are checked by `npm test` (tsc --noEmit), not here.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { stagingFor, swapInto } from './swap-dir.js';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist', 'server');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(root, 'src', 'web') + path.sep));
}

/** Every server source: src/ without the front ends, and dialogs/. */
const serverSources = async () => [...(await sources('src')), ...(await sources('dialogs'))];

/**
 * The NLU benchmark and the bench/ files it imports: built beside the server, so it measures the
 * recognizer as `npm run nlu` runs it (the other benchmarks run through tsx).
 */
const benchSources = ['nlu.ts', 'report.ts'].map((name) => path.join(root, 'bench', name));

/** Build dist/server afresh; resolves with the path of the entry point (`dist/server/src/index.js`). */
export async function buildServer(): Promise<string> {
  const started = performance.now();
  const entryPoints = [...(await serverSources()), ...benchSources];
  const staging = stagingFor(out);
  await rm(staging, { recursive: true, force: true });
  await build({ entryPoints, outdir: staging, outbase: root, bundle: false, format: 'esm', platform: 'node', target: ['node20'], logLevel: 'warning' });
  await swapInto(out, staging);
  process.stderr.write(`server: built ${entryPoints.length} files into ${path.relative(root, out)} in ${Math.round(performance.now() - started)} ms\n`);
  return path.join(out, 'src', 'index.js');
}

/**
 * The built entry point, after checking that no server source is newer than the build: tools that
 * start Parley as a child process run what `npm start` runs, never a stale copy.
 */
export async function builtServer(): Promise<string> {
  const entry = path.join(out, 'src', 'index.js');
  const builtAt = await stat(entry).then((s) => s.mtimeMs, () => 0);
  const sourceFiles = await serverSources();
  const changed = (await Promise.all(sourceFiles.map(async (file) => ((await stat(file)).mtimeMs > builtAt ? file : null)))).find(Boolean);
  if (builtAt === 0 || changed) throw new Error(`dist/server is ${builtAt === 0 ? 'missing' : `older than ${path.relative(root, changed!)}`}: run \`npm run build\` (npm test and npm start do)`);
  return entry;
}

if (process.argv[1] === import.meta.filename) await buildServer();
