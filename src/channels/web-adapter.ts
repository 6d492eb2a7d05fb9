import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder-core';
import type { ChatActivity, ConversationLog } from '../conversations/index.js';
import { KeyedQueue } from './keyed-queue.js';

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT = { id: 'parley', name: 'Parley', role: 'bot' } as const;

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * The botbuilder adapter of Parley's own web channel. Incoming activities come from the
 * Direct Line routes; what the bot sends is appended to the conversation's transcript,
 * which the routes and the WebSocket stream serve. One turn at a time per conversation,
 * proactive turns (`continueConversation`) included.
 */
export class WebChannelAdapter extends BotAdapter {
  private readonly turns = new KeyedQueue();

  constructor(private readonly log: ConversationLog) {
    super();
  }

  /** Run the bot on an activity that came from the customer, after the turns before it. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) throw new Error('activity.conversation.id is required');
    return this.turns.run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 0));
        responses.push({ id: '' });
        continue;
      }
      // The transcript assigns id, timestamp and conversation; the bot's account is fixed.
      const { id: _id, conversation: _c, recipient: _r, serviceUrl: _s, timestamp: _t, from: _f, ...rest } = activity;
      const stored = await this.log.append(conversationId, {
        ...withoutUndefined(rest),
        type: activity.type ?? ActivityTypes.Message,
        channelId: CHANNEL_ID,
        from: BOT_ACCOUNT,
        ...(context.activity.id && activity.type !== ActivityTypes.Typing ? { replyToId: context.activity.id } : {}),
      } as Omit<ChatActivity, 'id' | 'timestamp' | 'conversation'>);
      responses.push({ id: stored.id });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The web channel does not support updating sent activities');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The web channel does not support deleting sent activities');
  }

  /** A proactive turn (a ticket resolved, an agent joined), queued behind the customer's turns. */
  override continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('reference.conversation.id is required');
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { channelId: CHANNEL_ID, bot: BOT_ACCOUNT, ...reference } as Partial<ConversationReference>,
      true,
    );
    return this.turns.run(conversationId, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  /** Resolves once no turn is running (shutdown, tests). */
  idle(): Promise<void> {
    return this.turns.idle();
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
