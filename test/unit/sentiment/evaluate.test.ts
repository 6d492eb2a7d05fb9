import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/metrics.js';
import { parseLabelledJsonl, scorePredictions } from '../../../src/sentiment/evaluate.js';

describe('scorePredictions', () => {
  it('counts a neutral prediction as wrong on a negative/positive set', () => {
    const scores = scorePredictions(['negative', 'positive'], ['neutral', 'positive']);
    expect(scores.accuracy).toBe(0.5);
    expect(Object.keys(scores.perLabel)).toEqual(['negative', 'positive']);
    // negative: recall 0 → F1 0; positive: one right, none wrong → F1 1.
    expect(scores.macroF1).toBe(0.5);
  });

  it('is perfect when every label is right', () => {
    const gold = ['negative', 'neutral', 'positive'] as const;
    expect(scorePredictions(gold, gold)).toMatchObject({ n: 3, accuracy: 1, macroF1: 1 });
  });
});

describe('parseLabelledJsonl', () => {
  it('names the line that is wrong', () => {
    expect(() => parseLabelledJsonl('{"text":"a","label":"positive"}\n{"text":"b","label":"meh"}', 'x.jsonl')).toThrow(
      'x.jsonl:2',
    );
  });

  it('skips blank lines', () => {
    expect(parseLabelledJsonl('\n{"text":"a","label":"neutral"}\n\n', 'x')).toHaveLength(1);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([], 99)).toBe(0);
  });
});
