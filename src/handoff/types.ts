import type { Language } from '../nlu/types.js';

/** Who asked for a human, as recorded on the conversation and shown to agents. */
export type HandoffReason = 'customer_asked' | 'negative_sentiment' | 'repeated_fallback' | 'urgent_complaint' | (string & {});

/** Queue priority, most urgent first. */
export type HandoffPriority = 'urgent' | 'high' | 'normal' | 'low';
export const PRIORITY_RANK: Record<HandoffPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** An agent as the handoff knows them: enough to name them to the customer. */
export interface AgentRef {
  id: string;
  name: string;
  /** Admins may release or close a chat another agent holds. */
  canOverride?: boolean;
}

/** Where a waiting customer stands, told to them when they ask for a person. */
export interface QueueStatus {
  status: 'waiting' | 'active' | 'bot' | 'closed';
  position: number;
  expectedWaitMinutes: number;
  /** When the expected wait runs past the chat's wait for an agent: the minutes left before it becomes a ticket. */
  ticketAfterMinutes?: number;
  agentsOnline: number;
  agentName?: string;
}

/**
 * Files a ticket when nobody could take a chat (implemented over the tickets module, if
 * there is one). The description carries the transcript, so nothing the customer said is lost.
 */
export interface TicketFiler {
  /**
   * `about`: what the category and priority are read from (the customer's own words), when not the description.
   * `askedBecause`: why the chat was in the queue (the handoff's reason: `agent_left` when its agent left).
   */
  fileTicket(request: { conversationId: string; customerId: string; description: string; about?: string; askedBecause?: HandoffReason; language: Language }): Promise<{ id: string }>;
}

/** Timers, injected so tests run timeouts on a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A private note an agent left on a conversation; never sent to the customer. */
export interface AgentNote {
  id: string;
  at: string;
  agentId: string;
  agentName: string;
  text: string;
}
