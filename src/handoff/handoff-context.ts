import type { ConversationLog, ConversationRecord, ConversationRepository } from '../conversations/index.js';
import type { EventBus } from '../events/index.js';
import type { Logger } from '../logger.js';
import { PendingTimeouts } from './claim-timeouts.js';
import type { AgentPresence } from './presence.js';
import { WaitEstimator } from './queue.js';
import { PerKeyLock } from './serial.js';
import { conversationLanguage, type SystemLine, systemActivity } from './system-lines.js';
import { realTimers, type TicketFiler, type Timers } from './types.js';

export interface HandoffServiceDeps {
  conversations: Pick<ConversationRepository, 'get' | 'update' | 'all'>;
  log: Pick<ConversationLog, 'append' | 'all'>;
  events: EventBus;
  presence: AgentPresence;
  /** How long a waiting chat may go unclaimed before the customer is told and a ticket filed. */
  claimTimeoutMs: number;
  tickets?: TicketFiler;
  clock?: () => Date;
  timers?: Timers;
  logger?: Pick<Logger, 'error'>;
  /**
   * Masks personal data in an agent's reply before it is stored, as the customer's own messages
   * are (an agent reading back a customer's phone number or card); the shop's published contacts stay readable.
   */
  redact?: (text: string) => string;
  /** What converts this conversation's Chinese into Traditional characters, for a customer who reads them. */
  traditionalFor?: (record: ConversationRecord) => Promise<((text: string) => string) | undefined>;
}

/**
 * What every handoff transition works with: the collaborators, the clock, a conversation read
 * afresh while no other transition of it runs, and the way a transition tells the chat about itself.
 */
export interface HandoffContext {
  readonly deps: HandoffServiceDeps;
  readonly clock: () => Date;
  /** How long recent chats waited to be claimed: what the next customer is told to expect. */
  readonly waits: WaitEstimator;
  /** Waiting chats' time-outs (see claim-timeouts.ts). */
  readonly pending: PendingTimeouts;
  /** The clock as the records store it. */
  now(): string;
  /**
   * Runs `task` on the conversation as it is now, alone: every transition of one conversation
   * goes through here, so a second concurrent claim sees the first one's result and gets 409.
   */
  withChat<T>(conversationId: string, task: (record: ConversationRecord) => Promise<T>): Promise<T>;
  /** A system line into the transcript, in the customer's language (and script), and to the agents' consoles. */
  tell(record: ConversationRecord, key: SystemLine, params?: Record<string, string>): Promise<void>;
  /** A Chinese line as a Traditional reader reads it: converted, and tagged `zh-TW` as the bot's replies are. */
  forReader<Line extends { text: string; locale: string }>(record: ConversationRecord, line: Line): Promise<Line>;
}

export function handoffContext(deps: HandoffServiceDeps): HandoffContext {
  const lock = new PerKeyLock();
  const clock = deps.clock ?? (() => new Date());
  const forReader = async <Line extends { text: string; locale: string }>(record: ConversationRecord, line: Line): Promise<Line> => {
    const convert = line.locale.startsWith('zh') ? await deps.traditionalFor?.(record) : undefined;
    return convert ? { ...line, text: convert(line.text), locale: 'zh-TW' } : line;
  };
  return {
    deps,
    clock,
    waits: new WaitEstimator(),
    pending: new PendingTimeouts(deps.timers ?? realTimers),
    now: () => clock().toISOString(),
    withChat: (conversationId, task) => lock.run(conversationId, async () => task(await deps.conversations.get(conversationId))),
    async tell(record, key, params = {}) {
      const activity = await deps.log.append(record.id, await forReader(record, systemActivity(key, conversationLanguage(record), params)));
      deps.events.publish('conversation.activity', { conversationId: record.id, activity });
    },
    forReader,
  };
}
