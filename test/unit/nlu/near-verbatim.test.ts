import { describe, expect, it } from 'vitest';
import { chooseVerbatimDistance, closestVerbatim } from '../../../src/nlu/near-verbatim.js';
import { trainRecognizer } from '../../../src/nlu/index.js';
import { miniStore, shippedOutOfScope } from './helpers.js';

describe('near-verbatim matching with fuse.js', () => {
  const utterances = ['where is my order', 'i want a refund for my order', '我的快递到哪了'];

  it('finds an utterance typed with a slip or two, and the exact one at distance 0', () => {
    expect(closestVerbatim('where is my order', utterances)).toEqual({ index: 0, distance: 0 });
    const typo = closestVerbatim('whre is my oder', utterances);
    expect(typo?.index).toBe(0);
    expect(typo!.distance).toBeGreaterThan(0);
    expect(typo!.distance).toBeLessThan(0.3);
    expect(closestVerbatim('我的快递到那了', utterances)?.index).toBe(2);
  });

  it('does not take a short message for a long utterance that merely contains it', () => {
    expect(closestVerbatim('refund', utterances)).toBeNull();
    expect(closestVerbatim('my order', utterances)).toBeNull();
    expect(closestVerbatim('', utterances)).toBeNull();
  });

  it('only looks as far as it is told', () => {
    expect(closestVerbatim('whre is my oder', utterances, 0)).toBeNull();
    expect(closestVerbatim('where is my order', utterances, 0)?.distance).toBe(0);
  });

  it('chooses the widest distance at which matches are right as often as asked', () => {
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => ({ distance: i / 100, correct: true })),
      ...Array.from({ length: 10 }, (_, i) => ({ distance: 0.2 + i / 100, correct: i % 2 === 0 })),
    ];
    const chosen = chooseVerbatimDistance(samples, 0.9);
    expect(chosen.distance).toBeGreaterThanOrEqual(0.09);
    expect(chosen.distance).toBeLessThan(0.25);
    expect(chosen.precision).toBeGreaterThanOrEqual(0.9);
    expect(chooseVerbatimDistance([{ distance: 0.1, correct: false }], 0.9).distance).toBe(0);
  });
});

describe('out-of-scope questions', () => {
  const recognizer = trainRecognizer(miniStore(), { seed: 7 });
  // Parley's default knowledge base carries off-topic examples; a knowledge base without any
  // (six intents here) answers "what is the capital of France" with its nearest intent, which
  // is why publishing one warns about it (guard rails).
  const withOutOfScope = trainRecognizer([...miniStore(), ...shippedOutOfScope()], { seed: 7 });

  it('says it is not sure about off-topic questions in both languages, and still answers its own', () => {
    for (const text of ['who painted the mona lisa', 'what is the capital of france', 'tell me a joke', '火星上的天气怎么样', '帮我写一首关于春天的诗']) {
      expect(withOutOfScope.recognize(text), text).toMatchObject({ intent: null, decision: 'fallback' });
    }
    for (const [text, intent] of [['where is my order', 'order_status'], ['我的快递到哪了', 'order_status'], ['i want my money back', 'refund']]) {
      expect(withOutOfScope.recognize(text!), text).toMatchObject({ intent, decision: 'answer' });
    }
  });

  it('keeps its thresholds, near-verbatim distance included, through a save/load round trip', () => {
    const { thresholds } = recognizer.toJSON();
    expect(thresholds).toEqual(recognizer.thresholds);
    expect(thresholds.nearVerbatim).toBeGreaterThanOrEqual(0);
    expect(thresholds.nearVerbatimPrecision).toBeGreaterThan(0.5);
  });
});
