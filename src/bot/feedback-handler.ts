import type { ActivityHandler, Middleware, TurnContext } from './botbuilder-lite.js';
import { understandingOf } from '../../dialogs/knowledge-replies.js';
import type { TurnFact } from '../analytics/index.js';
import type { Logger } from '../logger.js';

/** The event the widget sends for a thumbs up or down on a bot answer. */
export const FEEDBACK_EVENT = 'parley.feedback';

export interface FeedbackRecorder {
  record(input: { conversationId: string; activityId: string; helpful: boolean }): Promise<unknown>;
}

/**
 * `{ type: 'event', name: 'parley.feedback', value: { activityId, helpful } }` → recorded.
 * The conversation comes from the channel (the customer's token), never from the value.
 */
export function handleFeedbackEvents(bot: ActivityHandler, feedback: FeedbackRecorder, logger: Logger): void {
  bot.onEvent(async (context, next) => {
    const { activity } = context;
    const value = activity.value as { activityId?: unknown; helpful?: unknown } | undefined;
    if (activity.name === FEEDBACK_EVENT && typeof value?.activityId === 'string' && value.activityId.length <= 128 && typeof value.helpful === 'boolean') {
      try {
        await feedback.record({ conversationId: activity.conversation.id, activityId: value.activityId, helpful: value.helpful });
      } catch (error) {
        logger.error({ err: error, conversationId: activity.conversation.id }, 'could not record feedback');
      }
    }
    await next();
  });
}

/** Turn middleware: keeps what the bot understood in each message turn, for the dashboard. */
export class TurnRecorder implements Middleware {
  constructor(
    private readonly turns: { record(conversationId: string, turn: TurnFact): Promise<void> },
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    const understanding = understandingOf(context);
    if (context.activity.type !== 'message' || !understanding) return;
    const { recognition, answered, startedDialog } = understanding;
    // A message that started a dialog (a complaint, a ticket's status) was handled, whatever the recognizer's score.
    const decision = answered || startedDialog ? 'answer' : recognition.decision;
    await this.turns
      .record(context.activity.conversation.id, { at: this.clock().toISOString(), language: recognition.language, intent: answered, decision })
      .catch((error: unknown) => this.logger.error({ err: error }, 'could not record the turn for analytics'));
  }
}
