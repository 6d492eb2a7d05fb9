import type { ConversationRepository } from './conversation-repository.js';
import { handoffsOf } from './handoff-history.js';
import type { ChatActivity, ConversationRecord, HandoffInfo } from './types.js';

const DAY_MS = 86_400_000;

/** Another store that files text under a conversation (unanswered questions, agents' notes). */
export interface ConversationTextHolder {
  readonly name: string;
  /** Remove what it keeps for these conversations; resolves with how many records went. */
  forget(conversationIds: readonly string[]): Promise<number>;
}

export interface RetentionDeps {
  /** Conversations nobody wrote in for this many days lose their text. */
  days: number;
  conversations: ConversationRepository;
  log: { all(conversationId: string): Promise<ChatActivity[]>; rewrite(conversationId: string, transform: (activity: ChatActivity) => ChatActivity): Promise<void> };
  dialogState: { delete(key: string): Promise<void> };
  dialogStateKey: (conversationId: string) => string;
  /** Conversations a ticket still being worked on came from (its agent may need the chat). */
  withOpenTickets: () => Promise<Set<string>>;
  alsoForget?: ConversationTextHolder[];
  clock?: () => Date;
}

/** What one sweep did: counts only, fit for the log. */
export interface RetentionReport {
  days: number;
  /** Conversations whose text went in this sweep. */
  conversations: number;
  /** Old and quiet, but left alone: an agent is in the chat or it waits for one. */
  keptWithAgent: number;
  keptForOpenTicket: number;
  /** Per other holder, how many of its records went. */
  alsoRemoved: Record<string, number>;
}

/**
 * The retention period (PARLEY_RETENTION_DAYS): a conversation nobody wrote in for that many
 * days (closed, or left idle) loses what its customer and agents wrote, as erasure removes it:
 * its dialog state, the text of its transcript, its unanswered questions and agents' notes, and
 * its rating comment. A chat with an agent in it, waiting for one, or whose ticket is still
 * being worked on is left alone.
 *
 * The transcript keeps one line per activity without text (id, type, time, sender's role,
 * what it replied to): analytics counts and response times of past months stay the same, and
 * a browser that comes back with its watermark keeps reading from the right place.
 */
export class RetentionService {
  private readonly clock: () => Date;

  constructor(private readonly deps: RetentionDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async sweep(): Promise<RetentionReport> {
    const now = this.clock();
    const cutoff = now.getTime() - this.deps.days * DAY_MS;
    const report: RetentionReport = { days: this.deps.days, conversations: 0, keptWithAgent: 0, keptForOpenTicket: 0, alsoRemoved: {} };
    // Created within the period, a conversation cannot have been quiet for all of it.
    const old = (await this.deps.conversations.all()).filter((record) => Date.parse(record.createdAt) < cutoff);
    if (old.length === 0) return report;
    const openTickets = await this.deps.withOpenTickets();
    const cleared: { id: string; lastActivityAt: string }[] = [];
    for (const record of old) {
      const transcript = await this.deps.log.all(record.id);
      if (transcript.length === 0) continue;
      const lastActivityAt = transcript.at(-1)!.timestamp;
      const last = Date.parse(lastActivityAt);
      if (!(last < cutoff)) continue;
      if (record.textRemoved && last <= Date.parse(record.textRemoved.lastActivityAt)) continue;
      if (record.status === 'waiting' || record.status === 'active') {
        report.keptWithAgent += 1;
        continue;
      }
      if (openTickets.has(record.id)) {
        report.keptForOpenTicket += 1;
        continue;
      }
      await this.deps.dialogState.delete(this.deps.dialogStateKey(record.id));
      // Only what was there when the chat was found quiet: a message arriving meanwhile stays whole.
      await this.deps.log.rewrite(record.id, (activity) => (Date.parse(activity.timestamp) <= last ? withoutText(activity) : activity));
      cleared.push({ id: record.id, lastActivityAt });
    }
    report.conversations = cleared.length;
    if (cleared.length === 0) return report;
    const ids = cleared.map((each) => each.id);
    for (const holder of this.deps.alsoForget ?? []) report.alsoRemoved[holder.name] = await holder.forget(ids);
    // Marked done last: a sweep cut short before here (a kill, a store that could not be written)
    // finds these chats not done and clears them again, other stores included.
    let textTakenFromRecords = false;
    for (const { id, lastActivityAt } of cleared) {
      // Read now: the customer may have come back meanwhile, and their chat's record moved on.
      const { record: updated, hadText } = recordWithoutText(await this.deps.conversations.get(id), { at: now.toISOString(), lastActivityAt });
      await this.deps.conversations.update(id, updated);
      textTakenFromRecords ||= hadText;
    }
    // A rating's comment must not wait in the records' journal for the next snapshot.
    if (textTakenFromRecords) await this.deps.conversations.forgetEarlierVersions();
    return report;
  }
}

/** An activity as analytics and watermarks need it: no text, attachments, names or values. */
function withoutText(activity: ChatActivity): ChatActivity {
  const sender = (activity.channelData as { parley?: { sender?: unknown } } | undefined)?.parley?.sender;
  return {
    id: activity.id,
    type: activity.type,
    timestamp: activity.timestamp,
    conversation: { id: activity.conversation.id },
    from: { id: activity.from.id, ...(activity.from.role ? { role: activity.from.role } : {}) },
    ...(typeof activity.replyToId === 'string' ? { replyToId: activity.replyToId } : {}),
    ...(typeof sender === 'string' ? { channelData: { parley: { sender } } } : {}),
  };
}

function recordWithoutText(record: ConversationRecord, textRemoved: NonNullable<ConversationRecord['textRemoved']>): { record: ConversationRecord; hadText: boolean } {
  // The comments of every rating: the latest handoff's and those of the ones before it.
  if (!handoffsOf(record).some((handoff) => handoff.rating?.comment)) return { record: { ...record, textRemoved }, hadText: false };
  const uncommented = (handoff: HandoffInfo): HandoffInfo => {
    if (!handoff.rating?.comment) return handoff;
    const { comment: _comment, ...kept } = handoff.rating;
    return { ...handoff, rating: kept };
  };
  return {
    record: {
      ...record,
      ...(record.handoff ? { handoff: uncommented(record.handoff) } : {}),
      ...(record.earlierHandoffs ? { earlierHandoffs: record.earlierHandoffs.map(uncommented) } : {}),
      textRemoved,
    },
    hadText: true,
  };
}
