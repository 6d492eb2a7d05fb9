import type { ConversationRecord, HandoffInfo } from '../conversations/index.js';
import type { HandoffContext } from './handoff-context.js';
import { claimDeadlineOf } from './queue.js';
import { conversationLanguage, type SystemLine } from './system-lines.js';
import { customerWords, unclaimedChatDescription } from './transcript-text.js';
import type { Timers } from './types.js';

/** Why a waiting chat timed out: nobody was online to take it, or nobody took it in time. */
export type TimeoutReason = 'no_agent_online' | 'not_claimed';

/** Each waiting chat's pending time-out, by conversation id. */
export class PendingTimeouts {
  private readonly handles = new Map<string, unknown>();

  constructor(private readonly timers: Timers) {}

  set(conversationId: string, ms: number, callback: () => void): void {
    this.cancel(conversationId);
    const handle = this.timers.setTimeout(() => {
      this.handles.delete(conversationId);
      callback();
    }, ms);
    this.handles.set(conversationId, handle);
  }

  cancel(conversationId: string): void {
    const handle = this.handles.get(conversationId);
    if (handle !== undefined) this.timers.clearTimeout(handle);
    this.handles.delete(conversationId);
  }

  /** Stop every pending timer (shutdown). */
  stop(): void {
    for (const handle of this.handles.values()) this.timers.clearTimeout(handle);
    this.handles.clear();
  }
}

/**
 * A chat (back) in the queue waits for an agent: with nobody online to take it, it times out at
 * once; else its wait runs. One that timed out before waits as a ticket, online or not: the
 * customer was told once, and its ticket is filed.
 */
export async function waitForClaim(chats: HandoffContext, record: ConversationRecord, { nobodyOnline = false, leftBy }: { nobodyOnline?: boolean; leftBy?: string } = {}): Promise<ConversationRecord> {
  if (record.handoff?.timedOutAt) return record;
  if (nobodyOnline) return timeOut(chats, record, 'no_agent_online', leftBy);
  schedule(chats, record);
  return record;
}

function schedule(chats: HandoffContext, record: ConversationRecord): void {
  const { requestedAt, claimDeadline } = record.handoff!;
  const remaining = Math.max(0, claimDeadlineOf(record.handoff!, chats.deps.claimTimeoutMs) - chats.clock().getTime());
  chats.pending.set(record.id, remaining, () => {
    void chats
      .withChat(record.id, async (current) => {
        if (isStillWaiting(current, { requestedAt, claimDeadline })) await timeOut(chats, current, 'not_claimed');
      })
      .catch((error: unknown) => chats.deps.logger?.error({ err: error, conversationId: record.id }, 'handoff timeout failed'));
  });
}

/**
 * The chat still waits the wait its timer was set for. A timer that falls due while a claim, a
 * hand-back or a pass back to the queue (a new deadline) is under way finds the chat moved on.
 */
export function isStillWaiting(current: ConversationRecord, wait: Pick<HandoffInfo, 'requestedAt' | 'claimDeadline'>): boolean {
  return current.status === 'waiting' && current.handoff?.requestedAt === wait.requestedAt && current.handoff.claimDeadline === wait.claimDeadline && !current.handoff.timedOutAt;
}

/**
 * Nobody took the chat: keep it in the queue for later, file a ticket with the transcript, tell the
 * customer. `leftBy` names the agent whose leaving put it here: one line says both.
 */
async function timeOut(chats: HandoffContext, record: ConversationRecord, reason: TimeoutReason, leftBy?: string): Promise<ConversationRecord> {
  const ticketId = await fileTicket(chats, record, reason);
  const updated = await chats.deps.conversations.update(record.id, {
    handoff: { ...record.handoff!, timedOutAt: chats.now(), ...(ticketId ? { ticketId } : {}) },
  });
  await chats.tell(updated, timeoutLine(reason, ticketId, leftBy !== undefined), { ...(ticketId ? { ticket: ticketId } : {}), ...(leftBy !== undefined ? { agent: leftBy } : {}) });
  chats.deps.events.publish('handoff.timeout', { conversationId: record.id, reason, ...(ticketId ? { ticketId } : {}) });
  return updated;
}

/** What the customer reads when their chat times out (`agentLeft`: because its agent left, nobody else online). */
export function timeoutLine(reason: TimeoutReason, ticketId: string | undefined, agentLeft = false): SystemLine {
  // Agents online but all busy is not "no agent available": the customer keeps their place.
  if (reason === 'not_claimed') return ticketId ? 'busyTicket' : 'busy';
  if (agentLeft) return ticketId ? 'agentLeftTimeoutTicket' : 'agentLeftTimeout';
  return ticketId ? 'timeoutTicket' : 'timeout';
}

async function fileTicket(chats: HandoffContext, record: ConversationRecord, reason: TimeoutReason): Promise<string | undefined> {
  const { tickets, log, logger } = chats.deps;
  if (!tickets) return undefined;
  try {
    const activities = await log.all(record.id);
    const language = conversationLanguage(record);
    const description = unclaimedChatDescription(record.handoff?.reason ?? 'handoff', reason, activities, language);
    // Its category and priority come from what the customer said, not the bot's greeting or menus.
    const about = customerWords(activities);
    const askedBecause = record.handoff?.reason;
    const { id } = await tickets.fileTicket({ conversationId: record.id, customerId: record.customerId, description, ...(about ? { about } : {}), ...(askedBecause ? { askedBecause } : {}), language });
    return id;
  } catch (error) {
    // The chat stays in the queue either way; a missing ticket must not lose the customer's place.
    logger?.error({ err: error, conversationId: record.id }, 'could not file a ticket for an unclaimed chat');
    return undefined;
  }
}

/**
 * The customer wrote while the chat waits with nobody to take it (after the timeout notice).
 * True the first time, when the bot should say the message is kept; later messages, a chat
 * still waiting for its first agent, or one an agent has taken: false.
 */
export function leaveMessage(chats: HandoffContext, conversationId: string): Promise<boolean> {
  return chats.withChat(conversationId, async (record) => {
    const { handoff } = record;
    if (record.status !== 'waiting' || !handoff?.timedOutAt || handoff.messageLeftAt) return false;
    await chats.deps.conversations.update(conversationId, { handoff: { ...handoff, messageLeftAt: chats.now() } });
    return true;
  });
}
