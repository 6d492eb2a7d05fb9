import type { Stat } from './types.js';

export function statOf(values: readonly number[]): Stat {
  if (values.length === 0) return { count: 0, average: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { count: values.length, average: round(values.reduce((sum, value) => sum + value, 0) / values.length), median: round(median) };
}

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function top<T extends string>(counts: Map<T, number>, limit: number): [T, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

/** Where an answer to "how likely are you to recommend us? (0–10)" puts a customer: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export const npsKind = (score: number): 'promoter' | 'passive' | 'detractor' => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** Net Promoter Score: promoters minus detractors, as a whole percentage of the answers; null without answers. */
export function netPromoterScore(scores: readonly number[]): { count: number; promoters: number; passives: number; detractors: number; score: number | null } {
  const valid = scores.filter((score) => Number.isInteger(score) && score >= 0 && score <= 10);
  const promoters = valid.filter((score) => npsKind(score) === 'promoter').length;
  const detractors = valid.filter((score) => npsKind(score) === 'detractor').length;
  const count = valid.length;
  return { count, promoters, passives: count - promoters - detractors, detractors, score: count === 0 ? null : Math.round(((promoters - detractors) / count) * 100) };
}
