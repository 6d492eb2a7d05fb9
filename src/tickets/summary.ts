import { classifyCategory } from './classify.js';
import { findTerms } from './lexicon.js';
import { HIGH_TERMS, URGENT_TERMS } from './priority.js';
import type { Ticket, TicketSummaryNote } from './types.js';

const HOUR_MS = 3_600_000;
const MAX_PHRASES = 6;

/** The words of a complaint that carry its meaning: what it is about and what makes it serious. */
export function keyPhrasesOf(ticket: Pick<Ticket, 'description' | 'orderNumber'>): string[] {
  const phrases = [
    ...findTerms(ticket.description, URGENT_TERMS).map((hit) => hit.phrase),
    ...findTerms(ticket.description, HIGH_TERMS).map((hit) => hit.phrase),
    ...classifyCategory(ticket.description).evidence,
    ...(ticket.orderNumber ? [`order ${ticket.orderNumber}`] : []),
  ];
  return [...new Set(phrases)].slice(0, MAX_PHRASES);
}

/** The short summary a resolved ticket keeps: category, key phrases, mood at filing, time to resolve. */
export function summarise(ticket: Ticket, resolvedAt: Date): TicketSummaryNote {
  const hoursToResolve = Math.round(((resolvedAt.getTime() - Date.parse(ticket.createdAt)) / HOUR_MS) * 10) / 10;
  const keyPhrases = keyPhrasesOf(ticket);
  const text = [
    `${ticket.category.replace('_', ' ')} complaint, ${ticket.priority} priority`,
    keyPhrases.length > 0 ? `key phrases: ${keyPhrases.join(', ')}` : 'no key phrases',
    `sentiment at filing ${ticket.sentimentAtFiling.toFixed(2)}`,
    `resolved in ${hoursToResolve} h`,
    ...(ticket.rootCause ? [`root cause: ${ticket.rootCause}`] : []),
  ].join('; ');
  return { category: ticket.category, keyPhrases, sentimentAtFiling: ticket.sentimentAtFiling, hoursToResolve, text };
}
