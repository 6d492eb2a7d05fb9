import { z } from 'zod';
import type { AnalyticsService } from '../../analytics/index.js';
import { badRequest } from '../../errors.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'must be a date such as 2026-03-14').refine(isRealDate, 'must be a real date');
/** `Date.parse` rolls 2026-02-30 over to March; a real date prints back as itself. */
function isRealDate(text: string): boolean {
  const at = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === text.slice(0, 10);
}

const rangeSchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional() });

const DAY = 86_400_000;
const MAX_DAYS = 366;

/** The dashboard's numbers. A bare date means the whole day (UTC); the default is the last 30 days. */
export function addAnalyticsRoutes(api: ApiRouter, analytics: AnalyticsService, clock: () => Date = () => new Date()): void {
  api.add('get', '/analytics/summary', 'admin', async (req, res) => {
    const query = parse(rangeSchema, req.query, 'query');
    const to = query.to ? (query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to) : clock().toISOString();
    const from = query.from ? (query.from.length === 10 ? `${query.from}T00:00:00.000Z` : query.from) : new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10) + 'T00:00:00.000Z';
    if (from > to) throw badRequest('invalid_request', 'from: must not be after to');
    if (Date.parse(to) - Date.parse(from) > MAX_DAYS * DAY) throw badRequest('invalid_request', `to: the range may span at most ${MAX_DAYS} days`);
    res.json(await analytics.summary({ from, to }));
  });
}
