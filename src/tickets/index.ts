/**
 * Tickets: the complaint a customer files, from receipt to summary.
 *
 * `TicketService` files tickets (category from `classifyCategory`, priority from
 * `assessPriority`, due time from the SLA table), moves them through the lifecycle of
 * `lifecycle.ts` with an append-only history, stores the customer's CSAT, reopens on "still
 * not fixed", flags overdue tickets and publishes `ticket.*` events. `shouldOfferComplaint`
 * tells the bot when a message deserves a complaint rather than an FAQ answer.
 */
export * from './types.js';
export { TRANSITIONS, assertTransition, canTransition, isOpen } from './lifecycle.js';
export { DEFAULT_SLA_HOURS, dueAt, isOverdue, parseSlaTable, type SlaTable } from './sla.js';
export { CATEGORY_LEXICON, classifyCategory, classifyInContext, type Classification } from './classify.js';
export { ANGRY_AT_MOST, HIGH_TERMS, MILD_AT_LEAST, URGENT_TERMS, assessPriority, type PriorityAssessment, type PriorityInput } from './priority.js';
export { COMPLAINT_OFFER_AT_MOST, complaintTrigger, namesProblem, shouldOfferComplaint, threatensOrAccuses } from './complaint-trigger.js';
export { keyPhrasesOf, summarise } from './summary.js';
export { applyChange, type AppliedChange } from './ticket-changes.js';
export { FIRST_TICKET_NUMBER, TicketNumbers, ticketNumberOf, type TicketCounter } from './ticket-numbers.js';
export type { TicketEventPayloads, TicketEvents } from './ticket-events.js';
export { TicketService, type Assessment, type TicketFilter, type TicketServiceDeps } from './ticket-service.js';
