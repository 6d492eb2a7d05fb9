import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadOrTrainRecognizer, markModelUsed, modelCacheKey } from '../nlu/model-cache.js';
import { nextTurn } from '../concurrency.js';
import { loadRecognizerInSteps, type PackedModel, type TrainedRecognizer } from '../nlu/recognizer.js';
import type { TrainingExample } from '../nlu/types.js';

/** Trains recognizers for the knowledge service. */
export interface Trainer {
  train(examples: readonly TrainingExample[]): Promise<TrainedRecognizer>;
}

export interface TrainerOptions {
  /** Where trained models are cached by their training set: a restore of a known version loads instantly. */
  modelDir: string;
  /**
   * `worker`: train in a worker thread (training the default knowledge base takes about a
   * second of CPU, which would stall every chat); `inline`: in this thread (small tests).
   */
  mode: 'worker' | 'inline';
  /** Told when a recognizer must be trained, not loaded from the cache: seconds of work, worth saying at a first start. */
  onTraining?: (examples: number) => void;
}

/**
 * Source files run under tsx (`node --import tsx`, vitest): the worker registers tsx's loader
 * itself before importing the TypeScript worker (Node 20 does not pass loader hooks on).
 */
function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./training-worker.js', import.meta.url), { workerData });
  // The ESM build of the API (require.resolve names the CommonJS one, which cannot be imported).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./training-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/** A model the cache already holds (same file and key as `loadOrTrainRecognizer`): no worker needed. */
async function cached(examples: readonly TrainingExample[], modelDir: string): Promise<TrainedRecognizer | undefined> {
  const key = modelCacheKey(examples);
  try {
    const file = path.join(modelDir, `nlu-model-${key.slice(0, 32)}.json`);
    const json = JSON.parse(await readFile(file, 'utf8'));
    if (json?.key !== key) return undefined;
    const recognizer = await loadRecognizerInSteps(json.model, nextTurn);
    await markModelUsed(file);
    return recognizer;
  } catch {
    return undefined;
  }
}

async function trainInWorker(examples: readonly TrainingExample[], modelDir: string, onTraining?: (examples: number) => void): Promise<TrainedRecognizer> {
  const model = await cached(examples, modelDir);
  if (model) return model;
  onTraining?.(examples.length);
  return trainInNewWorker(examples, modelDir);
}

function trainInNewWorker(examples: readonly TrainingExample[], modelDir: string): Promise<TrainedRecognizer> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ examples, modelDir });
    let settled = false;
    worker.once('message', (packed: PackedModel) => {
      settled = true;
      // Loaded here, on the chat thread, in steps: customers chatting meanwhile are not held up.
      loadRecognizerInSteps(packed, nextTurn).then(resolve, reject);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`training worker stopped with code ${code}`));
    });
  });
}

/**
 * A trainer that remembers the last few recognizers by training set, so "try it" after
 * "try it" on an unchanged draft, or a publish right after its dry run, does not retrain.
 */
export function createTrainer(options: TrainerOptions): Trainer {
  const recent = new Map<string, Promise<TrainedRecognizer>>();
  return {
    train(examples) {
      const key = createHash('sha256').update(JSON.stringify(examples)).digest('hex');
      const known = recent.get(key);
      if (known) return known;
      const training =
        options.mode === 'worker' ? trainInWorker(examples, options.modelDir, options.onTraining) : loadOrTrainRecognizer(examples, options.modelDir);
      recent.set(key, training);
      training.catch(() => recent.delete(key));
      while (recent.size > 4) recent.delete(recent.keys().next().value!);
      return training;
    },
  };
}
