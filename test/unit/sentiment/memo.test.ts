import { describe, expect, it } from 'vitest';
import { analyzeSentiment, rememberingAnalyzer } from '../../../src/sentiment/index.js';

describe('the remembering analyser', () => {
  it('gives the same answers as the analyser, analysing each text once', () => {
    let calls = 0;
    const counted = (text: string, language?: 'en' | 'zh') => {
      calls += 1;
      return analyzeSentiment(text, language);
    };
    const remembering = rememberingAnalyzer(counted, 2);
    expect(remembering('still waiting. terrible.', 'en')).toEqual(analyzeSentiment('still waiting. terrible.', 'en'));
    remembering('still waiting. terrible.', 'en');
    expect(calls).toBe(1);
    expect(remembering('太差了', 'zh').label).toBe('negative');
    remembering('thanks so much', 'en');
    // Only the last two answers are kept: the first text is analysed again.
    remembering('still waiting. terrible.', 'en');
    expect(calls).toBe(4);
  });
});
