import type { TranscriptStore } from '../storage/ports.js';
import type { ActivitySet, ChatActivity } from './types.js';

export type ActivityListener = (set: ActivitySet) => void;

interface LiveLog {
  /** Stored activities only: a listener never sees one that a crash could still lose. */
  activities: ChatActivity[];
  /** The next sequence number, counting appends still being written. */
  nextSeq: number;
  /** Appends under way: each leaves the set once it is stored and told (or refused). */
  writing: Set<Promise<unknown>>;
  listeners: Set<ActivityListener>;
}

/** Width of the sequence number in activity ids, so ids sort in transcript order. */
const SEQ_WIDTH = 7;

/**
 * The sequence number after a stored transcript's: past its last id's, so that a number left
 * unused by an append that failed while a later one succeeded is never handed out twice.
 */
function nextSeqAfter(activities: readonly ChatActivity[]): number {
  const last = Number(activities.at(-1)?.id.split('|').at(-1));
  return Number.isInteger(last) ? Math.max(activities.length, last + 1) : activities.length;
}

/**
 * The transcripts of conversations, with their listeners. An activity's position is its
 * watermark: `after(id, 3)` returns everything from the fourth activity on. Transcripts are
 * read from storage on first use and kept while someone listens or until evicted.
 */
export class ConversationLog {
  private readonly live = new Map<string, Promise<LiveLog>>();
  /** The loaded log behind each entry of `live`, once its transcript has been read. */
  private readonly loaded = new WeakMap<Promise<LiveLog>, LiveLog>();
  /** Number of logs above which `evictIdle` looks again. */
  private checkAbove = 0;
  /** Told the id of every conversation whose transcript changes. */
  private readonly changeListeners = new Set<(conversationId: string) => void>();

  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxIdleLogs = 2000,
  ) {}

  /**
   * A conversation created this moment: its transcript is empty, so its first use need not look
   * for the file (a lookup in a directory where new transcripts are being created waits for
   * them: ~6 % of the server's work to open a chat).
   */
  begin(conversationId: string): void {
    if (this.live.has(conversationId)) return;
    const log: LiveLog = { activities: [], nextSeq: 0, writing: new Set(), listeners: new Set() };
    const opened = Promise.resolve(log);
    this.loaded.set(opened, log);
    this.live.set(conversationId, opened);
    this.evictIdle();
  }

  private open(conversationId: string): Promise<LiveLog> {
    let log = this.live.get(conversationId);
    if (!log) {
      log = this.transcripts.read(conversationId).then((activities) => ({
        activities: activities as ChatActivity[],
        nextSeq: nextSeqAfter(activities as ChatActivity[]),
        writing: new Set<Promise<unknown>>(),
        listeners: new Set<ActivityListener>(),
      }));
      const opened = log;
      void opened.then((loaded) => this.loaded.set(opened, loaded)).catch(() => undefined);
      this.live.set(conversationId, log);
      this.evictIdle();
    } else {
      // Map order doubles as recency for eviction.
      this.live.delete(conversationId);
      this.live.set(conversationId, log);
    }
    return log;
  }

  /**
   * Forget the oldest logs nobody listens to, so memory stays flat with many conversations.
   * Only idle logs count towards the limit, and the check is synchronous: before, with more
   * than `maxIdleLogs` streams open, a log just opened could be dropped between a new stream's
   * read and its subscription, leaving the stream on a forgotten copy that never heard the bot
   * (bench/load.ts: no reply with 5,000 idle streams open). A check walks every log, so it runs
   * again only once a tenth more have been opened, and trims the idle ones to nine tenths of
   * the limit: with thousands of open streams, a walk on every new conversation was the
   * busiest function of a saturated server.
   */
  private evictIdle(): void {
    if (this.live.size <= Math.max(this.maxIdleLogs, this.checkAbove)) return;
    const idle: string[] = [];
    for (const [id, log] of this.live) {
      const loaded = this.loaded.get(log);
      if (loaded && loaded.listeners.size === 0) idle.push(id);
    }
    if (idle.length > this.maxIdleLogs) {
      for (const id of idle.slice(0, idle.length - Math.floor(this.maxIdleLogs * 0.9))) this.live.delete(id);
    }
    this.checkAbove = this.live.size + Math.max(16, Math.floor(this.maxIdleLogs / 10));
  }

  /**
   * Store an activity at the end of a conversation's transcript and tell the listeners.
   * Resolves once the activity is stored, with its id and timestamp filled in.
   */
  async append(conversationId: string, activity: Omit<ChatActivity, 'id' | 'timestamp' | 'conversation'>): Promise<ChatActivity> {
    const log = await this.open(conversationId);
    const seq = log.nextSeq++;
    const stored = {
      ...activity,
      id: `${conversationId}|${String(seq).padStart(SEQ_WIDTH, '0')}`,
      timestamp: this.clock().toISOString(),
      conversation: { id: conversationId },
    } as ChatActivity;
    const storing = this.store(conversationId, log, stored, seq);
    log.writing.add(storing);
    try {
      return await storing;
    } finally {
      log.writing.delete(storing);
    }
  }

  /** Write one appended activity, then add it to the log and tell the listeners. */
  private async store(conversationId: string, log: LiveLog, stored: ChatActivity, seq: number): Promise<ChatActivity> {
    try {
      await this.transcripts.append(conversationId, stored);
    } catch (error) {
      // Not stored (a full disk): its number is free again unless a later append took the next one.
      if (log.nextSeq === seq + 1) log.nextSeq = seq;
      throw error;
    }
    // Appends to one transcript are written in order, so this push keeps the order too.
    log.activities.push(stored);
    const set = { activities: [stored], watermark: String(log.activities.length) };
    for (const listener of log.listeners) listener(set);
    this.changed(conversationId);
    return stored;
  }

  /** Hear of every change to any transcript (a line added, a transcript replaced or erased). Returns the function that stops it. */
  onChange(listener: (conversationId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(conversationId: string): void {
    for (const listener of this.changeListeners) listener(conversationId);
  }

  /** Every activity after `watermark` (0 or absent: from the start). */
  async after(conversationId: string, watermark = 0): Promise<ActivitySet> {
    const { activities } = await this.open(conversationId);
    const from = Math.max(0, Math.min(watermark, activities.length));
    return { activities: activities.slice(from), watermark: String(activities.length) };
  }

  /** The customer activity sent with this client id, if one was stored. */
  findByClientActivityId(conversationId: string, clientActivityId: string): Promise<ChatActivity | undefined> {
    return this.findLast(conversationId, (activity) => (activity.channelData as { clientActivityID?: string } | undefined)?.clientActivityID === clientActivityId);
  }

  /** The latest activity that `matches`, read from the end without copying the transcript (it runs on every bot turn). */
  async findLast(conversationId: string, matches: (activity: ChatActivity) => boolean): Promise<ChatActivity | undefined> {
    return (await this.open(conversationId)).activities.findLast(matches);
  }

  /**
   * Up to `count` activities that `matches`, latest first, from before the activity `beforeId`
   * (from the end when it is not there), read from the end without copying the transcript.
   */
  async latest(conversationId: string, count: number, matches: (activity: ChatActivity) => boolean, beforeId?: string): Promise<ChatActivity[]> {
    const { activities } = await this.open(conversationId);
    const before = beforeId === undefined ? -1 : activities.findLastIndex((activity) => activity.id === beforeId);
    const found: ChatActivity[] = [];
    for (let at = (before < 0 ? activities.length : before) - 1; at >= 0 && found.length < count; at -= 1) {
      if (matches(activities[at]!)) found.push(activities[at]!);
    }
    return found;
  }

  /** The whole transcript. */
  async all(conversationId: string): Promise<ChatActivity[]> {
    return (await this.open(conversationId)).activities.slice();
  }

  /**
   * Listen from `watermark` on: first the backlog, then each new activity, with no gap and
   * no repeat between the two. Returns the function that stops listening.
   */
  async subscribe(conversationId: string, watermark: number, listener: ActivityListener): Promise<() => void> {
    const log = await this.open(conversationId);
    const from = Math.max(0, Math.min(watermark, log.activities.length));
    if (from < log.activities.length) {
      listener({ activities: log.activities.slice(from), watermark: String(log.activities.length) });
    }
    log.listeners.add(listener);
    return () => log.listeners.delete(listener);
  }

  /**
   * Rewrite every activity of a transcript with `transform` (retention takes the text out).
   * Appends under way are waited for and go through `transform` too; later ones land after
   * the rewrite. Either way a message sent at that moment is not lost (a rewrite from a copy
   * read earlier would drop it from the file), and the file and the listeners' list agree.
   */
  async rewrite(conversationId: string, transform: (activity: ChatActivity) => ChatActivity): Promise<void> {
    const log = await this.open(conversationId);
    // Waits for appends really under way, stored or refused (a loop on a condition that a refused
    // write never made true kept the whole server from running anything else).
    while (log.writing.size > 0) await Promise.allSettled(log.writing);
    // From here to the store's call nothing else runs: the new list and the file agree.
    log.activities = log.activities.map(transform);
    await this.transcripts.replace(conversationId, log.activities.slice());
    this.changed(conversationId);
  }

  async delete(conversationId: string): Promise<void> {
    this.live.delete(conversationId);
    await this.transcripts.delete(conversationId);
    this.changed(conversationId);
  }
}
