import { describe, expect, it } from 'vitest';
import { CHURN_SIGNALS, churnRisk, profileFacts, type CustomerProfile, type TicketSummary } from '../../../src/customers/index.js';
import { complaint, daysAgo, NOW, profile, scores } from './helpers.js';

const riskOf = (customer: CustomerProfile, tickets: TicketSummary[] = []) => churnRisk(profileFacts(customer, tickets, NOW));
const active = (customer: CustomerProfile, tickets: TicketSummary[] = []) =>
  riskOf(customer, tickets).signals.filter((signal) => signal.active).map((signal) => signal.name);

describe('churn-risk signals', () => {
  it('shows every signal with its weight, active or not', () => {
    const risk = riskOf(profile());
    expect(risk.score).toBe(0);
    expect(risk.signals.map(({ name, weight, active: on }) => [name, weight, on])).toEqual([
      ['falling-sentiment', 0.25, false],
      ['repeated-complaints', 0.2, false],
      ['unresolved-tickets', 0.15, false],
      ['overdue-tickets', 0.15, false],
      ['cancel-intent', 0.3, false],
      ['low-csat', 0.2, false],
      ['silence-after-bad-experience', 0.15, false],
    ]);
  });

  it('falling sentiment: the last messages well below the ones before', () => {
    const falling = profile({ sentiment: scores(0.5, 0.4, 0.6, 0.5, 0.5, -0.2, -0.4, -0.1, -0.3, -0.2) });
    const signal = riskOf(falling).signals.find((each) => each.name === 'falling-sentiment');
    expect(signal).toMatchObject({ active: true, evidence: 'mood fell from 0.50 to -0.24 over the last messages' });
    expect(active(profile({ sentiment: scores(-0.5, -0.5, -0.5, -0.5, -0.5, -0.5) }))).not.toContain('falling-sentiment');
  });

  it('tickets: unresolved and overdue ones, naming them; resolved ones do not count', () => {
    const tickets: TicketSummary[] = [
      { id: 'T-1001', status: 'open', overdue: true },
      { id: 'T-1002', status: 'waiting_customer' },
      { id: 'T-1003', status: 'resolved', overdue: true },
    ];
    const risk = riskOf(profile(), tickets);
    expect(risk.signals.find((each) => each.name === 'unresolved-tickets')?.evidence).toBe('unresolved: T-1001, T-1002');
    expect(risk.signals.find((each) => each.name === 'overdue-tickets')?.evidence).toBe('past due: T-1001');
    expect(risk.score).toBe(0.3);
  });

  it('cancel requests, low CSAT and repeated complaints add their weights, capped at 1', () => {
    expect(active(profile({ cancelRequests: [daysAgo(2)] }))).toEqual(['cancel-intent']);
    expect(active(profile({ cancelRequests: [daysAgo(40)] }))).toEqual([]);
    expect(active(profile({ csat: [{ at: daysAgo(1), score: 2 }] }))).toEqual(['low-csat']);
    expect(active(profile({ csat: [{ at: daysAgo(1), score: 4 }] }))).toEqual([]);
    expect(active(profile(), [{ id: 'T-1', status: 'closed', csat: { score: 1 } }])).toEqual(['low-csat']);
    const everything = profile({
      sentiment: scores(0.6, 0.6, 0.6, 0.6, 0.6, -0.6, -0.6, -0.6, -0.6, -0.6),
      complaints: [complaint(3), complaint(1)],
      cancelRequests: [daysAgo(1)],
      csat: [{ at: daysAgo(1), score: 1 }],
    });
    expect(riskOf(everything, [{ id: 'T-9', status: 'open', overdue: true }]).score).toBe(1);
  });

  it('the weights are all visible and positive', () => {
    for (const signal of CHURN_SIGNALS) expect(signal.weight).toBeGreaterThan(0);
  });
});
