import type { ConversationRecord, HandoffInfo } from '../conversations/index.js';
import { type HandoffPriority, PRIORITY_RANK, type QueueStatus } from './types.js';

/** Without history, assume an agent picks a chat up in about two minutes. */
const DEFAULT_CLAIM_MS = 2 * 60_000;
/** How many recent claims the expected wait averages over. */
const RECENT_CLAIMS = 20;

/** The priority a reason for handing off earns in the queue. */
export function priorityOf(reason: string): HandoffPriority {
  if (reason === 'urgent_complaint') return 'urgent';
  if (reason === 'negative_sentiment') return 'high';
  return 'normal';
}

/** The reason's priority, or a higher one the caller knows of (an upset customer asking). */
export function requestPriority(reason: string, asked?: HandoffPriority): HandoffPriority {
  const byReason = priorityOf(reason);
  return asked && PRIORITY_RANK[asked] < PRIORITY_RANK[byReason] ? asked : byReason;
}

/**
 * Most urgent first: waiting chats still inside their wait before ones already told nobody was
 * free (those hold a ticket, and their customer has often gone), whatever their priority; then
 * priority; then the longest waiting. An urgent chat that became a ticket had been listed above
 * a customer still watching the widget, whose own wait then ran out.
 */
export function byUrgency(a: ConversationRecord, b: ConversationRecord): number {
  const rank = (record: ConversationRecord) => PRIORITY_RANK[record.handoff?.priority ?? 'normal'];
  const timedOut = (record: ConversationRecord) => (record.status === 'waiting' && record.handoff?.timedOutAt ? 1 : 0);
  return (
    timedOut(a) - timedOut(b) ||
    rank(a) - rank(b) ||
    (a.handoff?.requestedAt ?? a.createdAt).localeCompare(b.handoff?.requestedAt ?? b.createdAt)
  );
}

/** Remembers how long recent chats waited to be claimed, to tell the next customer what to expect. */
export class WaitEstimator {
  private readonly recent: number[] = [];

  recordClaim(waitedMs: number): void {
    this.recent.push(Math.max(0, waitedMs));
    if (this.recent.length > RECENT_CLAIMS) this.recent.shift();
  }

  /** Whole minutes, at least one: the average claim time per place in line, shared by the agents online. */
  expectedMinutes(position: number, agentsOnline: number): number {
    const average = this.recent.length ? this.recent.reduce((sum, ms) => sum + ms, 0) / this.recent.length : DEFAULT_CLAIM_MS;
    return Math.max(1, Math.ceil((average * position) / Math.max(1, agentsOnline) / 60_000));
  }
}

/** When a waiting chat times out if nobody claims it (ms since the epoch). */
export function claimDeadlineOf(handoff: Pick<HandoffInfo, 'requestedAt' | 'claimDeadline'>, claimTimeoutMs: number): number {
  return handoff.claimDeadline ? Date.parse(handoff.claimDeadline) : Date.parse(handoff.requestedAt) + claimTimeoutMs;
}

/**
 * Where a chat stands, as its customer is told when they ask for a person: their place in line,
 * the expected wait, and the agent who has it. `waiting`: the waiting chats, most urgent first.
 */
export function queueStatusOf(
  record: ConversationRecord,
  waiting: readonly ConversationRecord[],
  { agentsOnline, waits, claimTimeoutMs, now }: { agentsOnline: number; waits: WaitEstimator; claimTimeoutMs: number; now: number },
): QueueStatus {
  // Chats that timed out wait as tickets (their customers were told, and have often left): they
  // do not push a new customer back in line.
  const queue = record.status === 'waiting' ? waiting.filter((each) => !each.handoff?.timedOutAt || each.id === record.id) : [];
  const position = queue.findIndex((each) => each.id === record.id) + 1;
  const expected = position > 0 ? waits.expectedMinutes(position, agentsOnline) : 0;
  // An estimate longer than the wait itself would promise an agent the customer will not get in time.
  const left = record.status === 'waiting' && record.handoff && !record.handoff.timedOutAt ? claimDeadlineOf(record.handoff, claimTimeoutMs) - now : undefined;
  const ticketAfterMinutes = left === undefined ? undefined : Math.max(1, Math.ceil(left / 60_000));
  return {
    status: record.status,
    position,
    expectedWaitMinutes: expected,
    ...(ticketAfterMinutes !== undefined && expected > ticketAfterMinutes ? { ticketAfterMinutes } : {}),
    agentsOnline,
    ...(record.status === 'active' && record.handoff?.agentName ? { agentName: record.handoff.agentName } : {}),
  };
}
