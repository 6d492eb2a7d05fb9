import { describe, expect, it } from 'vitest';
import { npsScoreIn } from '../../../dialogs/nps-dialog.js';
import { netPromoterScore } from '../../../src/analytics/stats.js';
import { NpsService, type NpsSurvey } from '../../../src/customers/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';

describe('the Net Promoter question', () => {
  it('asks a customer at most once in 30 days, answered or not, and keeps the answer on their profile', async () => {
    let now = new Date('2025-03-01T10:00:00Z');
    const kept: unknown[] = [];
    const onTicket: unknown[] = [];
    const nps = new NpsService({
      surveys: createMemoryStorage().collection<NpsSurvey>('nps-surveys'),
      profiles: { recordNps: async (customerId, answer) => void kept.push([customerId, answer]) },
      onTicketAnswer: async (...answer) => onTicket.push(answer),
      clock: () => now,
    });
    expect(await nps.isDue('cu_ann')).toBe(true);
    const survey = await nps.asked({ customerId: 'cu_ann', conversationId: 'c1', ticketId: 'T-1001' });
    expect(await nps.isDue('cu_ann')).toBe(false);
    expect(await nps.isDue('cu_bob')).toBe(true);
    await nps.answered(survey, 6);
    expect(kept).toEqual([['cu_ann', { score: 6, conversationId: 'c1', ticketId: 'T-1001' }]]);
    expect(onTicket).toEqual([['T-1001', 'cu_ann', 6]]);
    now = new Date('2025-03-30T10:00:00Z');
    expect(await nps.isDue('cu_ann')).toBe(false);
    now = new Date('2025-03-31T10:00:01Z');
    expect(await nps.isDue('cu_ann')).toBe(true);
    expect(await nps.answers()).toEqual([{ score: 6, at: '2025-03-01T10:00:00.000Z' }]);
  });

  it('reads a score 0–10 as customers type it, and nothing else', () => {
    for (const [text, score] of [['9', 9], ['10', 10], ['0', 0], ['10/10', 10], ['8 out of 10', 8], ["I'd say 7", 7], ['九分', 9], ['１０', 10], ['十', 10]] as const) {
      expect(npsScoreIn(text), text).toBe(score);
    }
    for (const text of ['11', 'where is my order?', '2 questions about my order', '-1', '']) expect(npsScoreIn(text), text).toBeUndefined();
  });

  it('scores promoters minus detractors as a percentage', () => {
    expect(netPromoterScore([10, 9, 8, 7, 6, 0])).toEqual({ count: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
    expect(netPromoterScore([10, 9, 9, 3])).toMatchObject({ score: 50 });
    expect(netPromoterScore([])).toMatchObject({ count: 0, score: null });
  });
});
