import { z } from 'zod';
import { type AnalyticsService, addDays, dayIn, endOfDay, isTimeZone, startOfDay } from '../../analytics/index.js';
import { badRequest } from '../../errors.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'must be a date such as 2026-03-14').refine(isRealDate, 'must be a real date');
/** `Date.parse` rolls 2026-02-30 over to March; a real date prints back as itself. */
function isRealDate(text: string): boolean {
  const at = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text.slice(0, 10);
}
const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

const rangeSchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional(), tz: timeZoneSchema.default('UTC') });

const DAY = 86_400_000;
const MAX_DAYS = 366;
/** A range of whole days across a change of clocks is an hour longer than its days. */
const DST_SLACK = 3_600_000;

/**
 * The dashboard's numbers. A bare date means that whole day in `tz` (the admin's time zone; UTC
 * when not given), and days are counted in it; the default is the last 30 days, today included.
 */
export function addAnalyticsRoutes(api: ApiRouter, analytics: AnalyticsService, clock: () => Date = () => new Date()): void {
  api.add('get', '/analytics/summary', 'admin', async (req, res) => {
    const { from: fromDate, to: toDate, tz: timeZone } = parse(rangeSchema, req.query, 'query');
    const to = toDate ? (toDate.length === 10 ? endOfDay(toDate, timeZone) : toDate) : clock().toISOString();
    const from = fromDate ? (fromDate.length === 10 ? startOfDay(fromDate, timeZone) : fromDate) : startOfDay(addDays(dayIn(to, timeZone), -29), timeZone);
    if (from > to) throw badRequest('invalid_request', 'from: must not be after to');
    if (Date.parse(to) - Date.parse(from) > MAX_DAYS * DAY + DST_SLACK) throw badRequest('invalid_request', `to: the range may span at most ${MAX_DAYS} days`);
    res.json(await analytics.summary({ from, to, timeZone }));
  });
}
