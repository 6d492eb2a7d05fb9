import { fmt, type ProfileFacts } from './profile-facts.js';
import type { ChurnRisk } from './types.js';

/** A churn early-warning signal: its weight in the risk score and when it fires. */
interface SignalRule {
  name: string;
  weight: number;
  /** The evidence when the signal is active, `null` when it is not. */
  check: (facts: ProfileFacts) => string | null;
}

/** A fall of the recent mood against the earlier one that counts as "falling". */
export const FALLING_BY = 0.3;
/** CSAT at or below this (on 1–5) is a low rating. */
export const LOW_CSAT = 2;
/** Days without contact after a cold conversation that count as a long silence. */
export const SILENT_DAYS = 14;

/**
 * The signals the seeds list, each with its weight. The risk score is the sum of the
 * weights of the active signals, capped at 1, so an agent can add it up by eye.
 */
export const CHURN_SIGNALS: readonly SignalRule[] = [
  {
    name: 'falling-sentiment',
    weight: 0.25,
    check: ({ recentMood, earlierMood }) =>
      recentMood !== null && earlierMood !== null && earlierMood - recentMood >= FALLING_BY
        ? `mood fell from ${fmt(earlierMood)} to ${fmt(recentMood)} over the last messages`
        : null,
  },
  {
    name: 'repeated-complaints',
    weight: 0.2,
    check: ({ complaints30d }) => (complaints30d >= 2 ? `${complaints30d} complaints in the last 30 days` : null),
  },
  {
    name: 'unresolved-tickets',
    weight: 0.15,
    check: ({ unresolvedTickets }) => (unresolvedTickets.length > 0 ? `unresolved: ${unresolvedTickets.join(', ')}` : null),
  },
  {
    name: 'overdue-tickets',
    weight: 0.15,
    check: ({ overdueTickets }) => (overdueTickets.length > 0 ? `past due: ${overdueTickets.join(', ')}` : null),
  },
  {
    name: 'cancel-intent',
    weight: 0.3,
    check: ({ cancelRequests30d }) =>
      cancelRequests30d > 0 ? `asked to cancel or close the account ${cancelRequests30d}× in the last 30 days` : null,
  },
  {
    name: 'low-csat',
    weight: 0.2,
    check: ({ lastCsat }) => (lastCsat && lastCsat.score <= LOW_CSAT ? `last satisfaction rating ${lastCsat.score}/5` : null),
  },
  {
    name: 'silence-after-bad-experience',
    weight: 0.15,
    check: ({ daysSinceLastContact, lastContactTemperature }) =>
      daysSinceLastContact !== undefined && daysSinceLastContact >= SILENT_DAYS && (lastContactTemperature ?? 0) <= -0.25
        ? `no contact for ${daysSinceLastContact} days since a cold conversation (${fmt(lastContactTemperature ?? 0)})`
        : null,
  },
];

/** The churn risk of a customer: every signal, active or not, with its weight. */
export function churnRisk(facts: ProfileFacts): ChurnRisk {
  const signals = CHURN_SIGNALS.map((rule) => {
    const evidence = rule.check(facts);
    return { name: rule.name, weight: rule.weight, active: evidence !== null, evidence: evidence ?? '' };
  });
  const sum = signals.filter((signal) => signal.active).reduce((total, signal) => total + signal.weight, 0);
  return { score: Math.min(1, Math.round(sum * 100) / 100), signals };
}
