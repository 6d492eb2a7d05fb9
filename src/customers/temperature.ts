import type { Temperature } from './types.js';

/** How much the newest message counts in a running mood (exponential weighting). */
export const MOOD_WEIGHT = 0.4;

/** A running mood after one more message: recent messages count more than old ones. */
export function nextMood(previous: number | null, score: number, weight = MOOD_WEIGHT): number {
  if (previous === null) return round(score);
  return round(previous + weight * (score - previous));
}

export interface ServiceFacts {
  turns: number;
  answered: number;
  fallbacks: number;
  escalated: boolean;
  waitedSeconds: number;
}

/** Ten minutes of waiting for a human costs as much as a conversation of fallbacks. */
const WAIT_FOR_FULL_PENALTY_SECONDS = 600;

/**
 * How the service went, in [-1, 1]: answers warm it, fallbacks chill it, an escalation
 * costs a little (the bot could not finish alone) and waiting for a human costs more the
 * longer it lasts.
 */
export function serviceScore(facts: ServiceFacts): number {
  if (facts.turns === 0) return 0;
  const handled = (facts.answered - facts.fallbacks) / facts.turns;
  const escalation = facts.escalated ? 0.2 : 0;
  const waiting = Math.min(1, facts.waitedSeconds / WAIT_FOR_FULL_PENALTY_SECONDS) * 0.5;
  return round(clamp(handled - escalation - waiting));
}

/**
 * The touchpoint temperature of a conversation: the customer's emotion weighs more than
 * how the service went, because a right answer does not warm a customer who stays angry.
 */
export function touchpointTemperature(mood: number, facts: ServiceFacts): Temperature {
  const service = serviceScore(facts);
  const score = round(clamp(0.6 * mood + 0.4 * service));
  const label = score <= -0.25 ? 'cold' : score >= 0.25 ? 'warm' : 'cool';
  return { score, label, emotion: round(mood), service };
}

const clamp = (value: number) => Math.max(-1, Math.min(1, value));
const round = (value: number) => Math.round(value * 1000) / 1000;
