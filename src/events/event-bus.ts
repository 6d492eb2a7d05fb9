import { EventEmitter } from 'node:events';
import type { TicketEventPayloads } from '../tickets/ticket-events.js';

/**
 * Parley's domain events. A module publishes what happened; listeners (the agent console's
 * live feed, analytics, webhooks) react, so the publisher never knows who listens.
 * Modules add their events to this map as they arrive.
 */
export interface ParleyEvents {
  'conversation.started': { conversationId: string; userId: string };
  'message.received': { conversationId: string; activityId: string; language: string };
  'bot.fallback': { conversationId: string; text: string; language: string };
  'handoff.requested': { conversationId: string; reason: string };
  /** An agent or admin signed out: live streams of that session end at once. */
  'session.ended': { sessionId: string; userId: string };
  /** An account was disabled or its password reset: every session of it ended (but the admin's own, who did it). */
  'user.sessions-ended': { userId: string; exceptSessionId?: string };
  'handoff.claimed': { conversationId: string; agentId: string; agentName: string };
  'handoff.released': { conversationId: string; agentId?: string; reason: 'agent' | 'cancelled' };
  'handoff.timeout': { conversationId: string; reason: 'no_agent_online' | 'not_claimed'; ticketId?: string };
  'handoff.closed': { conversationId: string; agentId?: string };
  /** The agent who had the chat signed out (or was disabled): it is back in the queue. */
  'handoff.requeued': { conversationId: string; agentId: string };
  /** An agent (or an admin) passed a chat on: to a colleague, who has it at once, or back to the queue. */
  'handoff.transferred': { conversationId: string; fromAgentId: string; byAgentId: string; byAgentName: string; to: 'agent' | 'queue'; toAgentId?: string; toAgentName?: string };
  /** The customer of a chat an agent has started a new conversation: the agent's replies here no longer reach them. */
  'handoff.customerLeft': { conversationId: string; agentId: string };
  /** The customer wrote again in a chat they had left: it reaches them again. */
  'handoff.customerReturned': { conversationId: string; agentId?: string };
  /** A customer wrote again in a conversation an agent had closed: the bot has it again. */
  'conversation.reopened': { conversationId: string };
  /** The customer rated the agent's help after the agent handed the chat back. */
  'handoff.rated': { conversationId: string; customerId: string; agentId?: string; score: number };
  /** A line added to a conversation an agent follows (customer, agent or system), for the console. */
  'conversation.activity': { conversationId: string; activity: { id: string; type: string; [key: string]: unknown } };
  'customer.typing': { conversationId: string };
  'customer.updated': { customerId: string; conversationId: string; tags: string[]; mood: number; temperature: number };
  /** A customer's data was erased: drop anything held in memory about these conversations. */
  'customer.erased': { customerId: string; conversationIds: string[] };
  'ticket.created': TicketEventPayloads['ticket.created'];
  'ticket.updated': TicketEventPayloads['ticket.updated'];
  'ticket.resolved': TicketEventPayloads['ticket.resolved'];
  'ticket.taken': TicketEventPayloads['ticket.taken'];
  'ticket.waiting': TicketEventPayloads['ticket.waiting'];
  'ticket.reopened': TicketEventPayloads['ticket.reopened'];
  'ticket.overdue': TicketEventPayloads['ticket.overdue'];
}

export type EventName = keyof ParleyEvents;

/** A typed, synchronous publish/subscribe bus. A failing listener never breaks the publisher. */
export class EventBus<Events extends object = ParleyEvents> {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void = () => {}) {
    this.emitter.setMaxListeners(100);
  }

  publish<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (payload: Events[E]) => void)(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
    for (const listener of this.emitter.listeners('*')) {
      try {
        (listener as (event: string, payload: unknown) => void)(event, payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  /** Listen to one event; returns the function that stops listening. */
  subscribe<E extends keyof Events & string>(event: E, handler: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, handler);
    return () => this.emitter.off(event, handler);
  }

  /** Listen to every event (a live feed). */
  subscribeAll(handler: (event: keyof Events & string, payload: unknown) => void): () => void {
    this.emitter.on('*', handler);
    return () => this.emitter.off('*', handler);
  }
}

