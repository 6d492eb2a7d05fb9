/**
 * Service numbers for the admin dashboard: containment, escalation and fallback rates, CSAT,
 * response and resolution times, tickets, sentiment, top intents and unanswered questions.
 * `AnalyticsService` reads other modules' data through the small interfaces of `types.ts`;
 * `TurnLog` keeps what the bot understood in each turn.
 */
export * from './types.js';
export { AnalyticsService, type DateRange } from './analytics-service.js';
export { TurnLog } from './turn-log.js';
export { addDays, dayIn, daysIn, endOfDay, isTimeZone, startOfDay } from './time-zone.js';
