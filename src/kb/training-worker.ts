/**
 * Runs in a worker thread: trains (or loads from the model cache) a recognizer and sends it
 * back as JSON, so the chat threads never wait on training.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadOrTrainRecognizer } from '../nlu/model-cache.js';
import type { TrainingExample } from '../nlu/types.js';

const { examples, modelDir } = workerData as { examples: TrainingExample[]; modelDir: string };
const recognizer = await loadOrTrainRecognizer(examples, modelDir);
parentPort!.postMessage(recognizer.toJSON());
