/** The events the ticket service publishes (their payloads are in `ParleyEvents`). */
export interface TicketEventPayloads {
  'ticket.created': { ticketId: string; customerId: string; conversationId: string; category: string; priority: string };
  'ticket.updated': { ticketId: string; customerId: string; conversationId: string; status: string; changes: string[] };
  'ticket.resolved': { ticketId: string; customerId: string; conversationId: string; resolution: string; language: 'en' | 'zh' };
  /** A person started work on the ticket (it went to `in_progress` from `open` or `reopened`). */
  'ticket.taken': { ticketId: string; customerId: string; conversationId: string; agentName: string | null; language: 'en' | 'zh' };
  /** The company needs something from the customer (`waiting_customer`), with what, when the agent said it. */
  'ticket.waiting': { ticketId: string; customerId: string; conversationId: string; question: string | null; language: 'en' | 'zh' };
  /** An agent reopened a resolved ticket: it is being worked on again (the customer's own "still not fixed" is answered in the chat). */
  'ticket.reopened': { ticketId: string; customerId: string; conversationId: string; language: 'en' | 'zh' };
  'ticket.overdue': { ticketId: string; customerId: string; priority: string; dueAt: string };
}

/** Where the service publishes: the event bus, or a recorder in tests. */
export interface TicketEvents {
  publish<E extends keyof TicketEventPayloads>(event: E, payload: TicketEventPayloads[E]): void;
}
