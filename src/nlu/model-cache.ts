import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_VERSION, loadRecognizer, trainRecognizer, type TrainOptions, type TrainedRecognizer } from './recognizer.js';
import type { TrainingExample } from './types.js';

export interface CacheOptions extends TrainOptions {
  /** Told when the cache could not be used (missing, corrupt, unwritable); never throws. */
  onCacheMiss?: (reason: string) => void;
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
    return loadRecognizer(json.model);
  } catch (error) {
    options.onCacheMiss?.((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not cached' : `unusable cache: ${(error as Error).message}`);
  }
  const recognizer = trainRecognizer(examples, options);
  try {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify({ key, model: recognizer.toJSON() }));
    await rename(temporary, file);
  } catch (error) {
    options.onCacheMiss?.(`could not write cache: ${(error as Error).message}`);
  }
  return recognizer;
}
