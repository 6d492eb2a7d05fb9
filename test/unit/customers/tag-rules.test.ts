import { describe, expect, it } from 'vitest';
import { churnRisk, evaluateTags, profileFacts, TAG_RULES, type CustomerProfile, type TicketSummary } from '../../../src/customers/index.js';
import { complaint, daysAgo, NOW, profile, scores } from './helpers.js';

function tagsOf(customer: CustomerProfile, tickets: TicketSummary[] = []) {
  const facts = profileFacts(customer, tickets, NOW);
  return evaluateTags(facts, churnRisk(facts));
}
const names = (customer: CustomerProfile, tickets: TicketSummary[] = []) => tagsOf(customer, tickets).map((tag) => tag.name);

describe('dynamic tag rules', () => {
  it('is one table that says each rule in words', () => {
    expect(TAG_RULES.map((rule) => rule.name)).toEqual(['frustrated', 'repeat-complainer', 'at-risk', 'silent', 'happy', 'vip']);
    for (const rule of TAG_RULES) expect(rule.rule.length).toBeGreaterThan(5);
  });

  it('a new customer has no tags', () => {
    expect(tagsOf(profile())).toEqual([]);
  });

  it('frustrated: rolling sentiment below -0.3, with the score as evidence', () => {
    const [tag] = tagsOf(profile({ rolling: -0.52, sentiment: scores(-0.2, -0.6, -0.8) }));
    expect(tag).toEqual({ name: 'frustrated', rule: 'rolling sentiment below -0.3', reason: 'rolling sentiment -0.52 over 3 messages', because: 'frustrated', facts: { rolling: '-0.52', messages: 3 } });
    expect(names(profile({ rolling: -0.29, sentiment: scores(-0.29) }))).not.toContain('frustrated');
  });

  it('repeat-complainer: two complaints within 30 days, not when one is older', () => {
    expect(names(profile({ complaints: [complaint(20), complaint(2)] }))).toContain('repeat-complainer');
    expect(tagsOf(profile({ complaints: [complaint(20), complaint(2)] })).find((tag) => tag.name === 'repeat-complainer')?.reason).toBe(
      '2 complaints in the last 30 days',
    );
    expect(names(profile({ complaints: [complaint(45), complaint(2)] }))).not.toContain('repeat-complainer');
  });

  it('happy: warm rolling sentiment and no recent complaint', () => {
    expect(names(profile({ rolling: 0.6, sentiment: scores(0.5, 0.7) }))).toEqual(['happy']);
    expect(names(profile({ rolling: 0.6, sentiment: scores(0.5, 0.7), complaints: [complaint(3)] }))).not.toContain('happy');
  });

  it('silent: no contact for two weeks after a cold conversation, but not after a warm one', () => {
    const contact = (temperature: number) => [{ conversationId: 'c1', startedAt: daysAgo(20), lastAt: daysAgo(20), temperature }];
    const silent = tagsOf(profile({ contacts: contact(-0.6) })).find((tag) => tag.name === 'silent');
    expect(silent?.reason).toBe('last contact 20 days ago, temperature -0.60');
    expect(names(profile({ contacts: contact(0.4) }))).not.toContain('silent');
    expect(names(profile({ contacts: [{ conversationId: 'c1', startedAt: daysAgo(3), lastAt: daysAgo(3), temperature: -0.6 }] }))).not.toContain('silent');
  });

  it('vip: set by an admin or the host site, saying who', () => {
    expect(tagsOf(profile({ vip: { by: 'admin', at: daysAgo(1) } }))).toEqual([
      { name: 'vip', rule: 'set by an admin or by the host site (signed)', reason: 'set by an admin on 2025-03-30', because: 'vip-admin', facts: { date: '2025-03-30', by: 'an admin' } },
    ]);
    expect(tagsOf(profile({ vip: { by: 'host-site', at: daysAgo(1) } }))[0]).toMatchObject({ reason: expect.stringContaining('the host site'), because: 'vip-site' });
  });

  it('at-risk: when the churn signals add up to 0.5, naming them', () => {
    const customer = profile({ cancelRequests: [daysAgo(1)], complaints: [complaint(10), complaint(1)] });
    const atRisk = tagsOf(customer).find((tag) => tag.name === 'at-risk');
    expect(atRisk?.reason).toBe('churn risk 0.50: repeated-complaints, cancel-intent');
    expect(names(profile({ complaints: [complaint(10), complaint(1)] }))).not.toContain('at-risk');
  });

  it('recomputes as time passes: complaints age out of the 30-day window', () => {
    const customer = profile({ complaints: [complaint(29), complaint(28)] });
    expect(names(customer)).toContain('repeat-complainer');
    const later = profileFacts(customer, [], new Date(NOW.getTime() + 5 * 86_400_000));
    expect(evaluateTags(later, churnRisk(later)).map((tag) => tag.name)).not.toContain('repeat-complainer');
  });
});
