import type { ChatActivity, ConversationRecord } from '../conversations/index.js';
import type { Language } from '../nlu/types.js';
import { leaveMessage, waitForClaim } from './claim-timeouts.js';
import { claim, queueStatus, request, waitingChats } from './claiming.js';
import { close, customerLeft, customerReturned, release, type ReleaseReason } from './ending.js';
import { type HandoffContext, handoffContext, type HandoffServiceDeps } from './handoff-context.js';
import { requeueHeldBy, transfer } from './passing-on.js';
import { rate } from './rating.js';
import { reply } from './replying.js';
import { conversationLanguage } from './system-lines.js';
import type { AgentRef, HandoffPriority, QueueStatus } from './types.js';

export type { HandoffServiceDeps } from './handoff-context.js';

/**
 * The handoff state machine: `bot → waiting → active(agent) → bot`, and `closed`. Every
 * transition of a conversation runs alone (a second concurrent claim sees the first one's
 * result and gets 409), writes a system line to the transcript and publishes an event.
 *
 * This class is the handoff's one face for the bot and the routes; each transition lives in the
 * module of its part of a chat's life: claiming.ts (into the queue, claimed), passing-on.ts
 * (to a colleague, back to the queue), ending.ts (back to the bot, closed, the customer gone),
 * replying.ts, rating.ts, claim-timeouts.ts; handoff-context.ts is what they share.
 */
export class HandoffService {
  private readonly chats: HandoffContext;

  constructor(deps: HandoffServiceDeps) {
    this.chats = handoffContext(deps);
  }

  /**
   * The customer (or a rule) wants a person: the chat joins the queue. With nobody online it
   * times out at once, and the customer reads only that (no "waiting for an agent" line). `announce: false` when the request came in as a `handoff.requested` event.
   */
  request(conversationId: string, reason: string, options: { announce?: boolean; priority?: HandoffPriority } = {}): Promise<QueueStatus> {
    return request(this.chats, conversationId, reason, options);
  }

  /** An agent takes the chat over; `409` when another agent holds it or it is closed. */
  claim(conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
    return claim(this.chats, conversationId, agent);
  }

  /**
   * The agent's reply, into the customer's transcript under the agent's name, with personal data
   * masked. A customer who reads Traditional Chinese gets it in Traditional, as the bot's lines
   * (the agent's console shows the transcript, so the agent sees what was sent).
   */
  reply(conversationId: string, agent: AgentRef, text: string): Promise<ChatActivity> {
    return reply(this.chats, conversationId, agent, text);
  }

  /**
   * The agent holding a chat (or an admin) passes it on: to a colleague who is online, who has it
   * at once, or back to the queue, where it keeps the customer's place (their request time) and
   * what was left of their wait. The customer is told in one line and asked for no rating (the
   * help goes on); the private notes and the ticket stay with the chat.
   */
  transfer(conversationId: string, by: AgentRef, to: AgentRef | 'queue'): Promise<ConversationRecord> {
    return transfer(this.chats, conversationId, by, to);
  }

  /**
   * The agent signed out or was disabled: each chat they held goes back to the queue (the
   * customer is told, and keeps their place, priority and ticket), and times out as any waiting
   * chat does, a full wait from now.
   */
  requeueHeldBy(agentId: string): Promise<string[]> {
    return requeueHeldBy(this.chats, agentId);
  }

  /**
   * Back to the bot: the agent hands the chat back, or a waiting customer leaves the queue
   * (`cancelled`). When someone else (an admin) hands back an agent's chat, the customer is told
   * their chat was handed back, not that the agent left.
   */
  release(conversationId: string, agent: AgentRef | undefined, reason: ReleaseReason = 'agent', options: { onlyWaiting?: boolean } = {}): Promise<ConversationRecord> {
    return release(this.chats, conversationId, agent, reason, options);
  }

  /** The agent ends the conversation. */
  close(conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
    return close(this.chats, conversationId, agent);
  }

  /**
   * The customer started a new conversation and no longer sees this one. Waiting, it leaves the
   * queue, so no agent claims a chat nobody reads. With an agent (one who claimed it meanwhile
   * included), it stays theirs, to finish their notes or a ticket, and a line in the transcript
   * tells them the customer is gone, so they do not go on writing to nobody.
   */
  customerLeft(conversationId: string): Promise<void> {
    return customerLeft(this.chats, conversationId);
  }

  /**
   * The customer wrote again in a chat they had left for a new one (an old tab, or resumed): they
   * read it again, so it no longer counts as left, and the agents' consoles hear of it.
   */
  customerReturned(conversationId: string): Promise<void> {
    return customerReturned(this.chats, conversationId);
  }

  /**
   * The customer's rating (1–5) of a chat an agent took and handed back; a second rating
   * replaces the first (the comment comes after the score). Refused for a chat no agent had.
   */
  rate(conversationId: string, score: number, comment?: string): Promise<ConversationRecord> {
    return rate(this.chats, conversationId, score, comment);
  }

  /**
   * The customer wrote while the chat waits with nobody to take it (after the timeout notice).
   * True the first time, when the bot should say the message is kept; later messages, a chat
   * still waiting for its first agent, or one an agent has taken: false.
   */
  leaveMessage(conversationId: string): Promise<boolean> {
    return leaveMessage(this.chats, conversationId);
  }

  /** Waiting conversations, most urgent first. */
  queue(): Promise<ConversationRecord[]> {
    return waitingChats(this.chats);
  }

  async queueStatus(conversationId: string): Promise<QueueStatus> {
    return queueStatus(this.chats, await this.chats.deps.conversations.get(conversationId));
  }

  /** After a restart: waiting chats get their remaining time to be claimed. */
  async resume(): Promise<void> {
    for (const record of await this.queue()) await waitForClaim(this.chats, record);
  }

  /** Stop every pending timer (shutdown). */
  stop(): void {
    this.chats.pending.stop();
  }

  /** The language system lines and notices use: the customer's latest, else the client's locale. */
  languageOf(record: ConversationRecord): Language {
    return conversationLanguage(record);
  }
}
