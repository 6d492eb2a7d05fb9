import { fmt, type ProfileFacts } from './profile-facts.js';
import type { ChurnRisk, Evidence } from './types.js';

type Facts = Evidence['facts'];

/** A churn early-warning signal: its weight in the risk score and when it fires. */
interface SignalRule {
  name: string;
  weight: number;
  /** The evidence as data when the signal is active, `null` when it is not. */
  check: (facts: ProfileFacts) => Facts | null;
  /** The evidence in an English sentence. */
  explain: (facts: Facts) => string;
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
      recentMood !== null && earlierMood !== null && earlierMood - recentMood >= FALLING_BY ? { from: fmt(earlierMood), to: fmt(recentMood) } : null,
    explain: ({ from, to }) => `mood fell from ${from} to ${to} over the last messages`,
  },
  {
    name: 'repeated-complaints',
    weight: 0.2,
    check: ({ complaints30d }) => (complaints30d >= 2 ? { count: complaints30d } : null),
    explain: ({ count }) => `${count} complaints in the last 30 days`,
  },
  {
    name: 'unresolved-tickets',
    weight: 0.15,
    check: ({ unresolvedTickets }) => (unresolvedTickets.length > 0 ? { tickets: unresolvedTickets.join(', ') } : null),
    explain: ({ tickets }) => `unresolved: ${tickets}`,
  },
  {
    name: 'overdue-tickets',
    weight: 0.15,
    check: ({ overdueTickets }) => (overdueTickets.length > 0 ? { tickets: overdueTickets.join(', ') } : null),
    explain: ({ tickets }) => `past due: ${tickets}`,
  },
  {
    name: 'cancel-intent',
    weight: 0.3,
    check: ({ cancelRequests30d }) => (cancelRequests30d > 0 ? { count: cancelRequests30d } : null),
    explain: ({ count }) => `asked to cancel or close the account ${count}× in the last 30 days`,
  },
  {
    name: 'low-csat',
    weight: 0.2,
    check: ({ lastCsat }) => (lastCsat && lastCsat.score <= LOW_CSAT ? { score: lastCsat.score } : null),
    explain: ({ score }) => `last satisfaction rating ${score}/5`,
  },
  {
    name: 'silence-after-bad-experience',
    weight: 0.15,
    check: ({ daysSinceLastContact, lastContactTemperature }) =>
      daysSinceLastContact !== undefined && daysSinceLastContact >= SILENT_DAYS && (lastContactTemperature ?? 0) <= -0.25
        ? { days: daysSinceLastContact, temperature: fmt(lastContactTemperature ?? 0) }
        : null,
    explain: ({ days, temperature }) => `no contact for ${days} days since a cold conversation (${temperature})`,
  },
];

/** The churn risk of a customer: every signal, active or not, with its weight. */
export function churnRisk(facts: ProfileFacts): ChurnRisk {
  const signals = CHURN_SIGNALS.map((rule) => {
    const found = rule.check(facts);
    const base = { name: rule.name, weight: rule.weight };
    return found === null ? { ...base, active: false, evidence: '' } : { ...base, active: true, evidence: rule.explain(found), because: { because: rule.name, facts: found } };
  });
  const sum = signals.filter((signal) => signal.active).reduce((total, signal) => total + signal.weight, 0);
  return { score: Math.min(1, Math.round(sum * 100) / 100), signals };
}
