import { describe, expect, it } from 'vitest';
import { nextMood, serviceScore, touchpointTemperature } from '../../../src/customers/index.js';

const facts = (change: Partial<Parameters<typeof serviceScore>[0]> = {}) => ({
  turns: 4,
  answered: 4,
  fallbacks: 0,
  escalated: false,
  waitedSeconds: 0,
  ...change,
});

describe('touchpoint temperature', () => {
  it('a calm customer answered every time leaves warm', () => {
    expect(touchpointTemperature(0.1, facts())).toMatchObject({ label: 'warm', service: 1 });
  });

  it('the same answers to an angry customer still make a cold conversation: emotion weighs more', () => {
    const temperature = touchpointTemperature(-0.9, facts());
    expect(temperature.score).toBeCloseTo(0.6 * -0.9 + 0.4 * 1);
    expect(temperature.label).toBe('cool');
    expect(touchpointTemperature(-0.9, facts({ answered: 2, fallbacks: 2 })).label).toBe('cold');
  });

  it('fallbacks, an escalation and waiting for a human each chill the service', () => {
    const base = serviceScore(facts());
    const withFallbacks = serviceScore(facts({ answered: 2, fallbacks: 2 }));
    const escalated = serviceScore(facts({ answered: 2, fallbacks: 2, escalated: true }));
    const waited = serviceScore(facts({ answered: 2, fallbacks: 2, escalated: true, waitedSeconds: 300 }));
    expect(base).toBeGreaterThan(withFallbacks);
    expect(withFallbacks).toBeGreaterThan(escalated);
    expect(escalated).toBeGreaterThan(waited);
    expect(serviceScore(facts({ answered: 0, fallbacks: 4, escalated: true, waitedSeconds: 3600 }))).toBe(-1);
  });

  it('an empty conversation is neutral', () => {
    expect(touchpointTemperature(0, facts({ turns: 0, answered: 0 }))).toEqual({ score: 0, label: 'cool', emotion: 0, service: 0 });
  });

  it('the running mood follows recent messages more than old ones', () => {
    let mood: number | null = null;
    for (const score of [0, 0, -0.8, -0.8]) mood = nextMood(mood, score);
    expect(mood).toBeLessThan(-0.3);
    expect(nextMood(mood, 0.9)).toBeGreaterThan(mood!);
  });
});
