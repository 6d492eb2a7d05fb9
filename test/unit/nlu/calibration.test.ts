import { describe, expect, it } from 'vitest';
import { chooseThresholds, fitTemperature, type Judged } from '../../../src/nlu/calibration.js';
import { trainRecognizer } from '../../../src/nlu/index.js';
import { createRandom } from '../../../src/nlu/prng.js';
import { miniStore } from './helpers.js';

describe('thresholds and calibration come from the data', () => {
  it('turns away at most the budgeted share of questions it would have answered right', () => {
    const random = createRandom(3);
    const judged: Judged[] = Array.from({ length: 1000 }, () => {
      const top = 0.2 + 0.8 * random();
      return { top, second: (1 - top) / 2, inScope: Math.log(top), correct: random() < top, known: true };
    });
    const { fallback } = chooseThresholds(judged, { inScopeLossBudget: 0.02, maxClarifyRate: 0.05, clarifyMaxAccuracy: 0.6 });
    const lost = judged.filter((item) => item.correct && item.inScope < fallback).length;
    expect(lost).toBeLessThanOrEqual(20);
    expect(fallback).toBeGreaterThan(Math.log(0.2));
  });

  it('fits a temperature that softens over-confident scores and sharpens timid ones', () => {
    const overconfident = Array.from({ length: 200 }, (_, i) => ({
      scores: Float64Array.from([i % 2 === 0 ? 20 : 0, i % 2 === 0 ? 0 : 20]),
      label: i % 4 === 0 ? 1 : 0, // right only half the time
    }));
    expect(fitTemperature(overconfident)).toBeGreaterThan(5);
    const timid = Array.from({ length: 200 }, () => ({ scores: Float64Array.from([0.1, 0]), label: 0 }));
    expect(fitTemperature(timid)).toBeLessThan(0.1);
  });

  it('learns a stricter "not sure" threshold from a cleanly labelled set than from a noisy one', () => {
    const clean = miniStore();
    const random = createRandom(11);
    const intents = [...new Set(clean.map((example) => example.intent))];
    const noisy = clean.map((example) =>
      random() < 0.35 ? { ...example, intent: intents[Math.floor(random() * intents.length)]! } : example,
    );
    const fromClean = trainRecognizer(clean, { seed: 1 });
    const fromNoisy = trainRecognizer(noisy, { seed: 1 });
    expect(fromClean.thresholds).not.toEqual(fromNoisy.thresholds);
    expect(fromClean.thresholds.fallback).toBeGreaterThan(fromNoisy.thresholds.fallback);
    expect(fromClean.toJSON().thresholds).toEqual(fromClean.thresholds);
  });
});
