import { describe, expect, it } from 'vitest';
import { moodTrend, wordOf } from '../../../src/web/console/mood.js';

describe("the customer's mood in the console's side panel", () => {
  it('goes by the latest messages against as many before them: worse, steady or better', () => {
    expect(moodTrend([])).toBeNull();
    expect(moodTrend([-0.8])).toBeNull();
    expect(moodTrend([0.6, -0.5])).toBe('worsening');
    expect(moodTrend([-0.5, 0.1])).toBe('improving');
    expect(moodTrend([0.1, 0])).toBe('steady');
    // Happy, upset, upset, then "I want to talk to a person": worse than before.
    expect(moodTrend([0.7, -0.4, -0.6, 0])).toBe('worsening');
    // Only the latest three against the three before: an angry start long ago does not count.
    expect(moodTrend([-0.9, -0.9, 0.3, 0.3, 0.3, 0.2, 0.3, 0.2])).toBe('steady');
  });

  it('names a running score as the temperature does: at or below -0.25 upset, at or above 0.25 happy', () => {
    expect([-0.6, -0.25, -0.09, 0.24, 0.25].map(wordOf)).toEqual(['negative', 'negative', 'neutral', 'neutral', 'positive']);
  });
});
