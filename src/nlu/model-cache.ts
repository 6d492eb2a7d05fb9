import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_VERSION, loadRecognizer, trainRecognizer, type TrainOptions, type TrainedRecognizer } from './recognizer.js';
import type { TrainingExample } from './types.js';

export interface CacheOptions extends TrainOptions {
  /** Told when the cache could not be used (missing, corrupt, unwritable); never throws. */
  onCacheMiss?: (reason: string) => void;
  /** How many models to keep (MODELS_KEPT unless told). */
  keepModels?: number;
}

/**
 * How many trained models the cache keeps, the most recently used. Every draft an admin tries
 * is trained and cached (about 6 MB each for the default knowledge base), so without a bound an
 * afternoon of editing left hundreds of megabytes in DATA_DIR/models for good. A model pruned
 * away is only retrained when needed again (a restore of an old version): seconds, not data.
 */
export const MODELS_KEPT = 20;

/** A cached model just used: the newest for pruning. Best effort: a read-only cache still serves. */
export async function markModelUsed(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
}

/** Remove all but the `keep` most recently used models, and temporary files a crash left over an hour ago. */
export async function pruneModelCache(cacheDir: string, keep = MODELS_KEPT): Promise<string[]> {
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => name.startsWith('nlu-model-'));
  const files = (await Promise.all(names.map(async (name) => ({ name, modified: (await stat(path.join(cacheDir, name)).catch(() => undefined))?.mtimeMs })))).filter(
    (file): file is { name: string; modified: number } => file.modified !== undefined,
  );
  const models = files.filter((file) => file.name.endsWith('.json')).sort((a, b) => b.modified - a.modified);
  const leftovers = files.filter((file) => file.name.endsWith('.tmp') && Date.now() - file.modified > 3_600_000);
  const removed = [...models.slice(keep), ...leftovers].map((file) => file.name);
  // Another process may prune the same folder at once: a file already gone is fine.
  await Promise.all(removed.map((name) => rm(path.join(cacheDir, name), { force: true })));
  return removed;
}

/** The cache key of a training set: SHA-256 of the model version, seed and examples in order. */
export function modelCacheKey(examples: readonly TrainingExample[], seed = 1): string {
  const hash = createHash('sha256');
  hash.update(`parley-nlu-model-v${MODEL_VERSION}\0seed ${seed}\0`);
  for (const { text, intent } of examples) hash.update(`${intent}\0${text}\0`);
  return hash.digest('hex');
}

/**
 * The recognizer for these examples, from `cacheDir` when a model trained on exactly these
 * examples (and this model version) is there, otherwise trained and written there, so a
 * restart does not retrain. A corrupt cache file is ignored and rewritten; the write goes to a
 * temporary file that is then renamed, so a crash never leaves a half-written model.
 */
export async function loadOrTrainRecognizer(
  examples: readonly TrainingExample[],
  cacheDir: string,
  options: CacheOptions = {},
): Promise<TrainedRecognizer> {
  const key = modelCacheKey(examples, options.seed ?? 1);
  const file = path.join(cacheDir, `nlu-model-${key.slice(0, 32)}.json`);
  try {
    const json = JSON.parse(await readFile(file, 'utf8'));
    if (json?.key !== key) throw new Error('cache key differs');
    const recognizer = loadRecognizer(json.model);
    await markModelUsed(file);
    return recognizer;
  } catch (error) {
    options.onCacheMiss?.((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not cached' : `unusable cache: ${(error as Error).message}`);
  }
  const recognizer = trainRecognizer(examples, options);
  try {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify({ key, model: recognizer.toJSON() }));
    await rename(temporary, file);
    await pruneModelCache(cacheDir, options.keepModels);
  } catch (error) {
    options.onCacheMiss?.(`could not write cache: ${(error as Error).message}`);
  }
  return recognizer;
}
