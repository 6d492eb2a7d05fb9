import type { ConversationRecord, HandoffInfo } from '../conversations/index.js';
import { type HandoffPriority, PRIORITY_RANK } from './types.js';

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

/**
 * Most urgent first: priority, then chats still inside their wait before ones already told
 * nobody was free (those hold a ticket), then the longest waiting.
 */
export function byUrgency(a: ConversationRecord, b: ConversationRecord): number {
  const rank = (record: ConversationRecord) => PRIORITY_RANK[record.handoff?.priority ?? 'normal'];
  const timedOut = (record: ConversationRecord) => (record.handoff?.timedOutAt ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    timedOut(a) - timedOut(b) ||
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
