import type { ChatActivity, ConversationRecord, HandoffInfo } from '../conversations/index.js';
import { badRequest, conflict, forbidden } from '../errors.js';
import type { Language } from '../nlu/types.js';
import { leaveMessage, waitForClaim } from './claim-timeouts.js';
import { type HandoffContext, handoffContext, type HandoffServiceDeps } from './handoff-context.js';
import { claim, queueStatus, request, waitingChats } from './claiming.js';
import { requeueHeldBy, transfer } from './passing-on.js';
import { agentActivity, conversationLanguage } from './system-lines.js';
import type { AgentRef, HandoffPriority, QueueStatus } from './types.js';

export type { HandoffServiceDeps } from './handoff-context.js';

/**
 * The handoff state machine: `bot → waiting → active(agent) → bot`, and `closed`. Every
 * transition of a conversation runs alone (a second concurrent claim sees the first one's
 * result and gets 409), writes a system line to the transcript and publishes an event.
 */
export class HandoffService {
  private readonly chats: HandoffContext;
  private readonly deps: HandoffServiceDeps;

  constructor(deps: HandoffServiceDeps) {
    this.chats = handoffContext(deps);
    this.deps = deps;
  }

  /**
   * The customer (or a rule) wants a person: the chat joins the queue. With nobody online it
   * times out at once. `announce: false` when the request came in as a `handoff.requested` event.
   */
  request(conversationId: string, reason: string, options: { announce?: boolean; priority?: HandoffPriority } = {}): Promise<QueueStatus> {
    return request(this.chats, conversationId, reason, options);
  }

  /** An agent takes the chat over; `409` when another agent holds it or it is closed. */
  claim(conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
    return claim(this.chats, conversationId, agent);
  }

  /**
   * Back to the bot: the agent hands the chat back, or a waiting customer leaves the queue
   * (`cancelled`). When someone else (an admin) hands back an agent's chat, the customer is told
   * their chat was handed back, not that the agent left.
   */
  release(conversationId: string, agent: AgentRef | undefined, reason: 'agent' | 'cancelled' = 'agent', options: { onlyWaiting?: boolean } = {}): Promise<ConversationRecord> {
    return this.chats.withChat(conversationId, async (record) => {
      // A customer leaving the queue leaves nothing once an agent has taken the chat.
      if (options.onlyWaiting && record.status !== 'waiting') return record;
      if (record.status !== 'waiting' && record.status !== 'active') throw conflict('not_handed_off', 'the bot already has this conversation');
      if (agent) this.assertMayEnd(record, agent);
      this.chats.pending.cancel(conversationId);
      const released = await this.deps.conversations.update(conversationId, {
        status: 'bot',
        ...(record.handoff ? { handoff: { ...record.handoff, endedAt: this.chats.now() } } : {}),
      });
      const byHolder = !agent || agent.id === record.handoff?.agentId;
      const line = reason === 'cancelled' || record.status === 'waiting' ? 'cancelled' : byHolder ? 'released' : 'returned';
      await this.chats.tell(released, line, { agent: record.handoff?.agentName ?? '' });
      this.deps.events.publish('handoff.released', { conversationId, reason, ...(agent ? { agentId: agent.id } : {}) });
      return released;
    });
  }

  /**
   * The customer started a new conversation and no longer sees this one. Waiting, it leaves the
   * queue, so no agent claims a chat nobody reads. With an agent (one who claimed it meanwhile
   * included), it stays theirs, to finish their notes or a ticket, and a line in the transcript
   * tells them the customer is gone, so they do not go on writing to nobody.
   */
  async customerLeft(conversationId: string): Promise<void> {
    await this.release(conversationId, undefined, 'cancelled', { onlyWaiting: true });
    await this.chats.withChat(conversationId, async (record) => {
      const { handoff } = record;
      if (record.status !== 'active' || !handoff?.agentId || handoff.customerLeftAt) return;
      const left = await this.deps.conversations.update(conversationId, { handoff: { ...handoff, customerLeftAt: this.chats.now() } });
      await this.chats.tell(left, 'customerLeft');
      this.deps.events.publish('handoff.customerLeft', { conversationId, agentId: handoff.agentId });
    });
  }

  /**
   * The customer's rating (1–5) of a chat an agent took and handed back; a second rating
   * replaces the first (the comment comes after the score). Refused for a chat no agent had.
   */
  async rate(conversationId: string, score: number, comment?: string): Promise<ConversationRecord> {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw badRequest('bad_rating', 'a rating is a whole number from 1 to 5');
    return this.chats.withChat(conversationId, async (record) => {
      const { handoff } = record;
      if (!handoff?.claimedAt || !handoff.endedAt) throw conflict('not_rateable', 'only a chat an agent handed back can be rated');
      const rating = { score, at: this.chats.now(), ...(comment ? { comment } : {}) };
      const rated = await this.deps.conversations.update(conversationId, { handoff: { ...handoff, rating } });
      // A comment added to the same score is not another answer.
      if (handoff.rating?.score !== score) this.deps.events.publish('handoff.rated', { conversationId, customerId: record.customerId, score, ...(handoff.agentId ? { agentId: handoff.agentId } : {}) });
      return rated;
    });
  }

  /**
   * The customer wrote while the chat waits with nobody to take it (after the timeout notice).
   * True the first time, when the bot should say the message is kept; later messages, a chat
   * still waiting for its first agent, or one an agent has taken: false.
   */
  leaveMessage(conversationId: string): Promise<boolean> {
    return leaveMessage(this.chats, conversationId);
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
   * The agent holding a chat (or an admin) passes it on: to a colleague who is online, who has it
   * at once, or back to the queue, where it keeps the customer's place (their request time) and
   * what was left of their wait. The customer is told in one line and asked for no rating (the
   * help goes on); the private notes and the ticket stay with the chat.
   */
  transfer(conversationId: string, by: AgentRef, to: AgentRef | 'queue'): Promise<ConversationRecord> {
    return transfer(this.chats, conversationId, by, to);
  }

  /** The agent ends the conversation. */
  close(conversationId: string, agent: AgentRef): Promise<ConversationRecord> {
    return this.chats.withChat(conversationId, async (record) => {
      if (record.status === 'closed') return record;
      this.assertMayEnd(record, agent);
      this.chats.pending.cancel(conversationId);
      const closed = await this.deps.conversations.update(conversationId, {
        status: 'closed',
        ...(record.handoff ? { handoff: { ...record.handoff, endedAt: this.chats.now() } } : {}),
      });
      await this.chats.tell(closed, 'closed');
      this.deps.events.publish('handoff.closed', { conversationId, agentId: agent.id });
      return closed;
    });
  }

  /**
   * The agent's reply, into the customer's transcript under the agent's name, with personal data
   * masked. A customer who reads Traditional Chinese gets it in Traditional, as the bot's lines
   * (the agent's console shows the transcript, so the agent sees what was sent).
   */
  async reply(conversationId: string, agent: AgentRef, text: string): Promise<ChatActivity> {
    const record = await this.deps.conversations.get(conversationId);
    if (record.status !== 'active' || record.handoff?.agentId !== agent.id) throw conflict('not_claimed', 'claim the conversation before replying');
    const masked = this.deps.redact ? this.deps.redact(text) : text;
    const activity = await this.deps.log.append(conversationId, await this.chats.forReader(record, agentActivity(agent, masked, conversationLanguage(record))));
    this.deps.events.publish('conversation.activity', { conversationId, activity });
    if (!record.handoff?.repliedAt) await this.noteFirstReply(conversationId, record.handoff?.claimedAt, activity.timestamp);
    return activity;
  }

  /** The agent's first reply in this handoff (unless the chat moved on meanwhile). */
  private noteFirstReply(conversationId: string, claimedAt: string | undefined, at: string): Promise<void> {
    return this.chats.withChat(conversationId, async (record) => {
      const { handoff } = record;
      if (record.status !== 'active' || !handoff || handoff.claimedAt !== claimedAt || handoff.repliedAt) return;
      await this.deps.conversations.update(conversationId, { handoff: { ...handoff, repliedAt: at } });
    });
  }

  /** Waiting conversations, most urgent first. */
  queue(): Promise<ConversationRecord[]> {
    return waitingChats(this.chats);
  }

  async queueStatus(conversationId: string): Promise<QueueStatus> {
    return queueStatus(this.chats, await this.deps.conversations.get(conversationId));
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

  private assertMayEnd(record: ConversationRecord, agent: AgentRef): void {
    if (record.status === 'active' && record.handoff?.agentId !== agent.id && !agent.canOverride) {
      throw forbidden(`${record.handoff?.agentName ?? 'another agent'} has this conversation`);
    }
  }

}
