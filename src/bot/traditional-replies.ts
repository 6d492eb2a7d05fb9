import type { Activity, Middleware, TurnContext } from './botbuilder-lite.js';
import type { ConversationRepository } from '../conversations/index.js';
import { converterFor } from '../nlu/language.js';
import type { ToTraditional } from '../nlu/traditional.js';

export interface TraditionalRepliesDeps {
  conversations: Pick<ConversationRepository, 'find'>;
}

const isChinese = (activity: Partial<Activity>) => activity.type === 'message' && Boolean(activity.locale?.toLowerCase().startsWith('zh'));

/**
 * A customer who writes Traditional Chinese (or whose page is zh-TW, zh-HK) reads the bot's
 * Chinese in Traditional characters: each Chinese message and its buttons are converted on
 * the way out, as finally worded (see wire-bot.ts for its place among the middleware); the
 * knowledge base and the bot's sentences stay written once, in Simplified.
 */
export class TraditionalReplies implements Middleware {
  constructor(private readonly deps: TraditionalRepliesDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (turn, activities, send) => {
      const chinese = activities.filter(isChinese);
      if (chinese.length > 0) {
        const record = await this.deps.conversations.find(turn.activity.conversation.id);
        const convert = record && (await converterFor(record));
        if (convert) for (const activity of chinese) toTraditional(activity, convert);
      }
      return send();
    });
    await next();
  }
}

function toTraditional(activity: Partial<Activity>, convert: ToTraditional): void {
  if (activity.text) activity.text = convert(activity.text);
  activity.locale = 'zh-TW';
  for (const action of activity.suggestedActions?.actions ?? []) {
    action.title = convert(action.title);
    if (typeof action.value === 'string') action.value = convert(action.value);
  }
}
