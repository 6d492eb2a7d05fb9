/**
 * Runs in a worker thread: trains (or loads from the model cache) a recognizer and sends it
 * back packed (`PackedModel`: cheap for the chat thread to receive), so the chat thread never
 * waits on training.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadOrTrainRecognizer } from '../nlu/model-cache.js';
import { packModel } from '../nlu/recognizer.js';
import type { TrainingExample } from '../nlu/types.js';

const { examples, modelDir } = workerData as { examples: TrainingExample[]; modelDir: string };
const recognizer = await loadOrTrainRecognizer(examples, modelDir);
const { packed, transfer } = packModel(recognizer.toJSON());
parentPort!.postMessage(packed, transfer);
