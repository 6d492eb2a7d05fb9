import type { EventBus } from '../events/index.js';
import type { ProfileService } from './profile-service.js';

/**
 * What other modules' events mean for profiles: a handoff request starts a wait that an
 * agent (or a timeout, or the customer leaving the queue) ends, a rating of an agent's help
 * is a satisfaction answer, and a ticket filed is a complaint. Returns the function that stops listening.
 */
export function connectCustomerEvents(events: EventBus, profiles: ProfileService, onError: (error: unknown) => void): () => void {
  const safely = (work: Promise<unknown>) => void work.catch(onError);
  const waitOver = ({ conversationId }: { conversationId: string }) => safely(profiles.recordWaitOver(conversationId));
  const stops = [
    events.subscribe('handoff.requested', ({ conversationId }) => safely(profiles.recordEscalation(conversationId))),
    events.subscribe('handoff.claimed', waitOver),
    events.subscribe('handoff.timeout', waitOver),
    events.subscribe('handoff.released', waitOver),
    events.subscribe('handoff.rated', ({ customerId, conversationId, score }) => safely(profiles.recordCsat(customerId, { score, conversationId }))),
    events.subscribe('ticket.created', ({ customerId, conversationId, ticketId }) => safely(profiles.recordComplaint(customerId, conversationId, ticketId))),
  ];
  return () => stops.forEach((stop) => stop());
}
