/**
 * The customer's mood as an agent in a hurry reads it: a word (upset, neutral, happy) and which
 * way it is going, not the analyser's scores (QA: "-0.09", "+0.17 · mood -0.09, service +0.55"
 * told an agent nothing at a glance). Pure, so it is tested without a browser.
 */
export type MoodWord = 'negative' | 'neutral' | 'positive';
export type MoodTrend = 'worsening' | 'steady' | 'improving';

/** How far the mean of the latest messages must move from the ones before to be a trend. */
export const TREND_BY = 0.25;
/** At most this many latest messages are weighed against as many before them. */
const TREND_WINDOW = 3;

/**
 * Which way the mood goes over the customer's latest messages (scores in [-1, 1], oldest first):
 * the mean of the last few against the mean of as many before them; `null` with fewer than two.
 */
export function moodTrend(scores: readonly number[]): MoodTrend | null {
  const size = Math.min(TREND_WINDOW, Math.floor(scores.length / 2));
  if (size === 0) return null;
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const change = mean(scores.slice(-size)) - mean(scores.slice(-2 * size, -size));
  return change <= -TREND_BY ? 'worsening' : change >= TREND_BY ? 'improving' : 'steady';
}

/**
 * A running score (a conversation's mood, how its service went) as a word, at the bounds the
 * touchpoint temperature uses for cold and warm.
 */
export function wordOf(score: number): MoodWord {
  return score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
}
