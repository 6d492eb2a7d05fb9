import { SILENT_DAYS } from './churn-signals.js';
import { fmt, type ProfileFacts } from './profile-facts.js';
import type { ChurnRisk, Evidence, Tag } from './types.js';

/** Rolling sentiment below this makes a customer `frustrated`; above `HAPPY_ABOVE`, `happy`. */
export const FRUSTRATED_BELOW = -0.3;
export const HAPPY_ABOVE = 0.3;
/** Churn risk at or above this makes a customer `at-risk`. */
export const AT_RISK_FROM = 0.5;

interface TagRule {
  name: string;
  /** The rule in words, shown beside the tag. */
  rule: string;
  /** The evidence as data when the tag applies (`because` defaults to the tag's name), `null` when it does not. */
  check: (facts: ProfileFacts, churn: ChurnRisk) => (Partial<Evidence> & Pick<Evidence, 'facts'>) | null;
  /** The evidence in an English sentence. */
  explain: (facts: Evidence['facts']) => string;
}

/**
 * The dynamic tags: recomputed from the profile on every relevant event, never typed in.
 * One row per tag; a tag applies while its check finds evidence.
 */
export const TAG_RULES: readonly TagRule[] = [
  {
    name: 'frustrated',
    rule: `rolling sentiment below ${FRUSTRATED_BELOW}`,
    check: ({ rolling, messages }) => (rolling !== null && rolling < FRUSTRATED_BELOW ? { facts: { rolling: fmt(rolling), messages } } : null),
    explain: ({ rolling, messages }) => `rolling sentiment ${rolling} over ${messages} messages`,
  },
  {
    name: 'repeat-complainer',
    rule: '2 or more complaints in 30 days',
    check: ({ complaints30d }) => (complaints30d >= 2 ? { facts: { count: complaints30d } } : null),
    explain: ({ count }) => `${count} complaints in the last 30 days`,
  },
  {
    name: 'at-risk',
    rule: `churn risk ${AT_RISK_FROM} or more`,
    check: (_facts, churn) =>
      churn.score >= AT_RISK_FROM ? { facts: { risk: fmt(churn.score), signals: churn.signals.filter((signal) => signal.active).map((signal) => signal.name).join(', ') } } : null,
    explain: ({ risk, signals }) => `churn risk ${risk}: ${signals}`,
  },
  {
    name: 'silent',
    rule: `no contact for ${SILENT_DAYS} days after a cold conversation`,
    check: ({ daysSinceLastContact, lastContactTemperature }) =>
      daysSinceLastContact !== undefined && daysSinceLastContact >= SILENT_DAYS && (lastContactTemperature ?? 0) <= -0.25
        ? { facts: { days: daysSinceLastContact, temperature: fmt(lastContactTemperature ?? 0) } }
        : null,
    explain: ({ days, temperature }) => `last contact ${days} days ago, temperature ${temperature}`,
  },
  {
    name: 'happy',
    rule: `rolling sentiment above ${HAPPY_ABOVE} and no complaint in 30 days`,
    check: ({ rolling, complaints30d, messages }) => (rolling !== null && rolling > HAPPY_ABOVE && complaints30d === 0 ? { facts: { rolling: fmt(rolling), messages } } : null),
    explain: ({ rolling, messages }) => `rolling sentiment ${rolling} over ${messages} messages`,
  },
  {
    name: 'vip',
    rule: 'set by an admin or by the host site (signed)',
    check: ({ vip }) => (vip ? { because: vip.by === 'admin' ? 'vip-admin' : 'vip-site', facts: { date: vip.at.slice(0, 10), by: vip.by === 'admin' ? 'an admin' : 'the host site' } } : null),
    explain: ({ by, date }) => `set by ${by} on ${date}`,
  },
];

/** The tags that apply now, each with its rule and evidence. */
export function evaluateTags(facts: ProfileFacts, churn: ChurnRisk): Tag[] {
  return TAG_RULES.flatMap((tag) => {
    const found = tag.check(facts, churn);
    return found === null ? [] : [{ name: tag.name, reason: tag.explain(found.facts), rule: tag.rule, because: found.because ?? tag.name, facts: found.facts }];
  });
}
