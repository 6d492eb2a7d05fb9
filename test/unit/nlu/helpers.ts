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

/** The out-of-scope examples Parley ships in its default knowledge base (knowledge/out-of-scope.json), as `oos` lines. */
export function shippedOutOfScope(): TrainingExample[] {
  const file = fileURLToPath(new URL('../../../knowledge/out-of-scope.json', import.meta.url));
  const { intents } = JSON.parse(readFileSync(file, 'utf8')) as { intents: { name: string; utterances: Record<'en' | 'zh', string[]> }[] };
  return intents.flatMap((intent) => [...intent.utterances.en, ...intent.utterances.zh].map((text) => ({ text, intent: intent.name })));
}
