import { describe, expect, it } from 'vitest';
import { AnalyticsService, TurnLog, dayIn, daysIn, endOfDay, isTimeZone, startOfDay } from '../../../src/analytics/index.js';
import { UnansweredLog } from '../../../src/kb/index.js';
import { createMemoryStorage } from '../../../src/storage/index.js';

describe('days in a time zone', () => {
  it('puts 04:41 on 1 December in Shanghai on 1 December, although UTC is still on 30 November', () => {
    expect(dayIn('2026-11-30T20:41:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(dayIn('2026-11-30T20:41:00.000Z', 'UTC')).toBe('2026-11-30');
    expect(dayIn('2026-12-01T03:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-30');
  });

  it('starts and ends a day at local midnight, 23 or 25 hours apart when the clocks change', () => {
    expect(startOfDay('2026-12-01', 'Asia/Shanghai')).toBe('2026-11-30T16:00:00.000Z');
    expect(endOfDay('2026-12-01', 'Asia/Shanghai')).toBe('2026-12-01T15:59:59.999Z');
    // New York moves its clocks forward on 8 March 2026 and back on 1 November.
    expect(startOfDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfDay('2026-03-08', 'America/New_York')).toBe('2026-03-09T03:59:59.999Z');
    expect(startOfDay('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(endOfDay('2026-11-01', 'America/New_York')).toBe('2026-11-02T04:59:59.999Z');
  });

  it('lists every local day of a range, across a change of clocks', () => {
    expect(daysIn(startOfDay('2026-03-07', 'America/New_York'), endOfDay('2026-03-09', 'America/New_York'), 'America/New_York')).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(daysIn('2026-11-29T16:00:00.000Z', '2026-11-30T20:41:00.000Z', 'Asia/Shanghai')).toEqual(['2026-11-30', '2026-12-01']);
  });

  it('knows IANA names and nothing else', () => {
    expect(['Asia/Shanghai', 'UTC', 'America/Argentina/Buenos_Aires'].every(isTimeZone)).toBe(true);
    expect(['Mars/Olympus', '+08:00', '', 'Asia/Shanghai; rm -rf'].some(isTimeZone)).toBe(false);
  });
});

describe('the summary counts days in the admin time zone', () => {
  it('puts a chat at 04:41 Shanghai time on that day, not on the UTC day before', async () => {
    const storage = createMemoryStorage();
    for (const [id, startedAt] of [['early', '2026-11-30T20:41:00.000Z'], ['evening', '2026-11-30T10:00:00.000Z']] as const) {
      await storage.collection('conversations').put({ id, userId: `u-${id}`, customerId: `c-${id}`, createdAt: startedAt, startedAt, status: 'bot' } as never);
      await storage.keyValue('customer-insights').set(id, { conversationId: id, turns: 1, fallbacks: 0, escalated: false, mood: 0.5, startedAt });
      await storage.transcripts.append(id, { id: `${id}-q`, type: 'message', timestamp: startedAt, from: { id: 'u', role: 'user' }, text: 'hello' });
    }
    const analytics = new AnalyticsService(
      {
        conversations: storage.collection('conversations') as never,
        insights: { get: (id) => storage.keyValue('customer-insights').get(id) },
        transcripts: storage.transcripts,
        turns: new TurnLog(storage.keyValue('analytics-turns')),
        unanswered: new UnansweredLog(storage.collection('unanswered')),
      },
      () => new Date('2026-11-30T20:45:00.000Z'),
    );
    const range = { from: startOfDay('2026-11-30', 'Asia/Shanghai'), to: endOfDay('2026-12-01', 'Asia/Shanghai') };
    const shanghai = await analytics.summary({ ...range, timeZone: 'Asia/Shanghai' });
    expect(shanghai.conversations.byDay).toEqual([{ day: '2026-11-30', count: 1 }, { day: '2026-12-01', count: 1 }]);
    expect(shanghai.sentiment.byDay.map((day) => day.day)).toEqual(['2026-11-30', '2026-12-01']);
    expect(shanghai.range.timeZone).toBe('Asia/Shanghai');
    const utc = await analytics.summary(range);
    expect(utc.conversations.byDay.filter((day) => day.count > 0)).toEqual([{ day: '2026-11-30', count: 2 }]);
  });
});
