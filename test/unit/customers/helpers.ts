import { type CustomerProfile, emptyProfile } from '../../../src/customers/index.js';

export const NOW = new Date('2025-03-31T12:00:00.000Z');

/** `days` days before NOW, as stored timestamps are. */
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** A consenting customer's profile with nothing in it yet; override what a test needs. */
export function profile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return { ...emptyProfile('cu_test', daysAgo(90)), updatedAt: daysAgo(0), ...overrides };
}

/** A complaint `days` days ago, in its own conversation. */
export const complaint = (days: number) => ({ at: daysAgo(days), conversationId: `conv-${days}` });

/** Sentiment points, oldest first, one a day ending today. */
export function scores(...values: number[]) {
  return values.map((score, i) => ({
    at: daysAgo(values.length - 1 - i),
    score,
    label: score <= -0.25 ? ('negative' as const) : score >= 0.25 ? ('positive' as const) : ('neutral' as const),
    conversationId: 'conv1',
  }));
}
