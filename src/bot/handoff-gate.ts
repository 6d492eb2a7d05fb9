import { type Activity, type ConversationAccount, EventFactory, HandoffEventNames, type Middleware, type TurnContext } from './botbuilder-lite.js';
import { rememberQueueStatus, tellMessageLeft, tellNoAgent, welcomeBack } from '../../dialogs/handoff-dialog.js';
import { BOT_ACCOUNT, CHANNEL_ID } from '../channels/index.js';
import type { ConversationRecord, ConversationRepository } from '../conversations/index.js';
import type { EventBus } from '../events/index.js';
import type { HandoffService } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import { languageOfMessage, showsLanguage, writesTraditional } from '../nlu/language.js';
import { canonicalText } from '../nlu/normalize.js';
import type { Language } from '../nlu/types.js';
import { messages } from './messages.js';

/**
 * The states of botbuilder's `handoff.status` event: an agent took the chat, gave it back, or
 * nobody came. Its message says why a handoff was `completed` (`agent` or `cancelled`) and which
 * ticket keeps a `failed` one.
 */
export type HandoffState = 'accepted' | 'completed' | 'failed';

export interface HandoffGateDeps {
  handoff: Pick<HandoffService, 'request' | 'release' | 'languageOf' | 'leaveMessage' | 'customerReturned'>;
  conversations: Pick<ConversationRepository, 'find' | 'update'>;
  events: EventBus;
  /** Masks personal data in what the customer wrote before agents' consoles receive it. */
  redact: (text: string) => string;
  /** Drops the bot's half-finished dialogs when an agent takes over. */
  resetDialogs?: (context: TurnContext) => Promise<void>;
  /** Whether the customer asking for a person is upset (this message, or the chat's mood so far): they go ahead in the queue. */
  upset?: (conversationId: string, text: string, locale: string | undefined) => Promise<boolean>;
  /**
   * The customer wrote to the team in a chat whose ticket waits for their answer (asked while an
   * agent had the chat): their (masked) message goes onto the ticket as the answer.
   */
  answerTicket?: (record: ConversationRecord, text: string) => Promise<void>;
  /** Asks the customer to rate an agent's help once the agent hands the chat back. */
  askRating?: (context: TurnContext, language: Language, agentName: string) => Promise<void>;
  logger: Pick<Logger, 'error'>;
}

/** Customer phrases that leave the queue while waiting, besides the "Back to the assistant" button. */
const LEAVE_QUEUE = /^\s*(cancel|back to (the )?(bot|assistant)|取消|取消转人工|返回机器人|返回智能客服)\s*[.!。！]?\s*$/iu;

/**
 * Turn middleware, and the one place that keeps the bot quiet during a handoff: while a
 * conversation is `waiting` or `active`, customer messages go to the agents (as events for
 * the console) and never reach the bot. It also translates botbuilder's handoff vocabulary:
 * a `handoff.initiate` event the bot sends becomes a place in the queue, and the
 * `handoff.status` events the service sends back tell the bot what became of it.
 */
export class HandoffGate implements Middleware {
  constructor(private readonly deps: HandoffGateDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === 'event' && activity.name === HandoffEventNames.HandoffStatus) return this.onStatus(context);
    context.onSendActivities(async (turn, activities, sendNext) => {
      await this.initiateFrom(turn, activities);
      // Adapters refuse an empty batch: when only handoff events were sent, nothing goes out.
      return activities.length > 0 ? sendNext() : [];
    });
    if (!isCustomerMessage(activity)) return next();
    let record = await this.deps.conversations.find(activity.conversation.id);
    if (!record) return next();
    // The language the customer writes in now (ticket news follows it); a bare "9" or "T-1001" does not change it.
    const language = record.language && !showsLanguage(activity.text) ? record.language : languageOfMessage(activity.text, activity.locale);
    const traditional = writesTraditional(activity.text, activity.locale ?? record.locale, record.traditional);
    if (record.language !== language || record.traditional !== traditional) record = await this.deps.conversations.update(record.id, { language, traditional });
    if (record.status === 'waiting' || record.status === 'active') return this.toAgents(context, record);
    if (record.status === 'closed') {
      await this.deps.conversations.update(record.id, { status: 'bot' });
      this.deps.events.publish('conversation.reopened', { conversationId: record.id });
    }
    return next();
  }

  /**
   * Bot stays quiet: the message is for the agents. A waiting customer may leave the queue; one
   * told that nobody can take the chat hears, once, that what they write is kept.
   */
  private async toAgents(context: TurnContext, record: ConversationRecord): Promise<void> {
    const text = context.activity.text ?? '';
    // A customer who had left this chat for a new one is back in it: what the agent writes reaches them again.
    if (record.handoff?.customerLeftAt) await this.deps.handoff.customerReturned(record.id);
    if (record.status === 'waiting' && isLeaveQueue(text)) {
      // The `completed` status that follows greets the customer back.
      await this.deps.handoff.release(record.id, undefined, 'cancelled');
      return;
    }
    const { id, timestamp, from, locale } = context.activity;
    this.deps.events.publish('conversation.activity', {
      conversationId: record.id,
      activity: {
        id: id ?? '',
        type: 'message',
        text: this.deps.redact(text),
        timestamp: new Date(timestamp ?? Date.now()).toISOString(),
        from: { id: from.id, role: 'user' },
        ...(locale ? { locale } : {}),
      },
    });
    if (record.awaitingAnswer && text.trim()) await this.deps.answerTicket?.(record, text);
    if (record.status === 'waiting' && record.handoff?.timedOutAt && (await this.deps.handoff.leaveMessage(record.id))) {
      await tellMessageLeft(context, this.deps.handoff.languageOf(record), record.handoff.ticketId);
    }
  }

  /** `handoff.initiate` events never reach the customer: they queue the chat. */
  private async initiateFrom(context: TurnContext, activities: Partial<Activity>[]): Promise<void> {
    for (let i = activities.length - 1; i >= 0; i -= 1) {
      const activity = activities[i]!;
      if (activity.type !== 'event' || activity.name !== HandoffEventNames.InitiateHandoff) continue;
      activities.splice(i, 1);
      const reason = (activity.value as { reason?: string } | undefined)?.reason ?? 'customer_asked';
      const conversationId = context.activity.conversation.id;
      const upset = (await this.deps.upset?.(conversationId, context.activity.text ?? '', context.activity.locale)) ?? false;
      rememberQueueStatus(context, await this.deps.handoff.request(conversationId, reason, upset ? { priority: 'high' } : {}));
    }
  }

  private async onStatus(context: TurnContext): Promise<void> {
    const { state, message } = (context.activity.value ?? {}) as { state?: HandoffState; message?: string };
    const record = await this.deps.conversations.find(context.activity.conversation.id);
    if (!record) return;
    const language = this.deps.handoff.languageOf(record);
    const agentName = record.handoff?.claimedAt ? record.handoff.agentName : undefined;
    if (state === 'accepted') await this.deps.resetDialogs?.(context);
    // An agent handed back or closed a chat they helped in: how did they do? (A customer leaving the
    // queue, or handed back before the agent wrote a word, is just welcomed back; a customer who
    // wrote again after the close has moved on.)
    else if (state === 'completed' && endedByAgent(record.status, message) && agentName && record.handoff?.repliedAt && this.deps.askRating) await this.deps.askRating(context, language, agentName);
    else if (state === 'completed' && record.status === 'bot') await welcomeBack(context, language);
    else if (state === 'failed' && record.status === 'waiting') await tellNoAgent(context, language);
  }
}

/** The `handoff.status` event the handoff sends back to the bot, ready for the adapter. */
export function handoffStatusActivity(conversationId: string, state: HandoffState, message?: string): Partial<Activity> {
  const event = EventFactory.createHandoffStatus({ id: conversationId } as ConversationAccount, state, message);
  return { ...event, channelId: CHANNEL_ID, from: { id: 'parley-handoff', name: 'Parley handoff', role: 'channel' }, recipient: BOT_ACCOUNT, serviceUrl: 'parley://web' };
}

/**
 * Tells the bot what became of a handoff: each transition reaches it as a `handoff.status`
 * event through `deliver` (the adapter, queued behind the conversation's turns).
 */
export function connectHandoffToBot(events: EventBus, deliver: (activity: Partial<Activity>) => void): () => void {
  const stops = [
    events.subscribe('handoff.claimed', ({ conversationId }) => deliver(handoffStatusActivity(conversationId, 'accepted'))),
    events.subscribe('handoff.released', ({ conversationId, reason }) => deliver(handoffStatusActivity(conversationId, 'completed', reason))),
    events.subscribe('handoff.closed', ({ conversationId }) => deliver(handoffStatusActivity(conversationId, 'completed', 'closed'))),
    events.subscribe('handoff.timeout', ({ conversationId, ticketId }) => deliver(handoffStatusActivity(conversationId, 'failed', ticketId))),
  ];
  return () => stops.forEach((stop) => stop());
}

/** A `completed` status that an agent's hand-back (`agent`) or close (`closed`) sent, with the chat still where it left it. */
const endedByAgent = (status: ConversationRecord['status'], message: string | undefined) => (status === 'bot' && message === 'agent') || (status === 'closed' && message === 'closed');

function isCustomerMessage(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && activity.from?.role !== 'bot' && typeof activity.text === 'string';
}

function isLeaveQueue(text: string): boolean {
  const trimmed = text.trim();
  const canonical = canonicalText(trimmed);
  return LEAVE_QUEUE.test(canonical) || canonical === messages.backToAssistant.en || canonical === messages.backToAssistant.zh;
}
