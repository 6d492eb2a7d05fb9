import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TrainingExample } from '../../../src/nlu/index.js';

/** A small bilingual online-store training set (6 intents, 12 English + 12 Chinese each). */
export function miniStore(): TrainingExample[] {
  const file = fileURLToPath(new URL('../../fixtures/nlu/mini-store.jsonl', import.meta.url));
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as TrainingExample);
}
