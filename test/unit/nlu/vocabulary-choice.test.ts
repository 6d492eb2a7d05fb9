import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeDir, toTrainingExamples } from '../../../src/kb/index.js';
import { trainRecognizer, type TrainedRecognizer, type TrainingExample } from '../../../src/nlu/index.js';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Questions about delivery times to a few more cities: what a shop adds to its knowledge base as it goes. */
const MORE: TrainingExample[] = [
  ...['how long does delivery usually take to boston', 'when would a parcel reach denver', 'days to ship to ohio', 'delivery estimate for seattle', 'how quick is delivery to miami', 'shipping duration to dallas', 'how many days to reach austin', 'eta for delivery to portland'],
  ...['寄到杭州几天', '发到成都要多久', '广州几天能到', '寄北京要几天', '深圳多久能送到', '南京几天到货', '武汉要几天', '寄到西安多久', '重庆几天能收到'],
].map((text) => ({ text, intent: 'shipping_time' }));

function answeredRight(recognizer: TrainedRecognizer, tests: { text: string; intent: string }[]): number {
  return tests.filter((test) => (recognizer.recognize(test.text).intent ?? 'oos') === test.intent).length / tests.length;
}

describe('a knowledge base that grows past 2,000 examples', () => {
  it('keeps the words seen in one example, and answers its blind held-out questions about as well, where dropping those words cost it points at once', async () => {
    // The shipped examples, cut to just under 2,000 (the default knowledge base is about that size).
    const shipped = toTrainingExamples(await loadKnowledgeDir(here('../../../knowledge'))).slice(0, 1990);
    expect(shipped.length + MORE.length).toBeGreaterThanOrEqual(2000);
    const tests = readFileSync(here('../../fixtures/kb-blind-test.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { text: string; intent: string });
    const small = trainRecognizer(shipped);
    const grown = trainRecognizer([...shipped, ...MORE]);
    // It still knows the words seen in one example only: dropping them halved the vocabulary.
    const words = (recognizer: TrainedRecognizer) => recognizer.toJSON().vectorizer.features.length;
    expect(words(grown)).toBeGreaterThanOrEqual(words(small));
    // And answers about as well (a training seed moves this by a point either way; dropping them cost about three).
    expect(answeredRight(grown, tests)).toBeGreaterThanOrEqual(answeredRight(small, tests) - 0.02);
  }, 120_000);
});
