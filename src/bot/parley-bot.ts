import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from './botbuilder-lite.js';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus } from './botbuilder-lite.js';
import { answerOf, linkLines, understandingOf, reply } from '../../dialogs/knowledge-replies.js';
import { type KnowledgeRuntime, WELCOME_INTENT } from '../kb/index.js';
import type { Logger } from '../logger.js';
import { languageOfLocale, languageOfMessage } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import type { Sentiment } from '../sentiment/types.js';
import { say } from './messages.js';

export interface ParleyBotDeps {
  conversationState: ConversationState;
  mainDialog: Dialog;
  knowledge: KnowledgeRuntime;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  /** Send a `parley.turn` trace activity after each message (PARLEY_TRACE=1). */
  trace: boolean;
  logger: Logger;
}

/**
 * Where botbuilder-dialogs keeps, for the rest of a turn, the memory scopes and path resolvers
 * of a DialogContext's DialogStateManager (nine scope and five resolver objects, assembled
 * through a ServiceCollection and a zod parse of absent settings). It assembles them afresh on
 * each turn unless the turn already holds them; they are stateless, and botbuilder's own
 * DialogManager shares one set (`stateConfiguration`) across turns, so the bot does too.
 * Should a botbuilder version use another key, this only stops saving the work.
 */
const STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** Intents offered as quick replies with the built-in greeting, where the knowledge base has them. */
const BUILT_IN_SHORTCUTS = ['order_status', 'return_item', 'contact_human'];

/** Parley's bot: greets, runs the main dialog on every message, reports each turn. */
export class ParleyBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  /** The memory scopes and path resolvers every DialogContext's state manager uses, built on the first message. */
  private stateConfiguration: object | undefined;

  constructor(private readonly deps: ParleyBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(deps.mainDialog);

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient.id);
      if (joined) await this.welcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      // Continue the dialog in progress, or route the message afresh. (Not botbuilder's
      // runDialog: it builds a DialogStateManager with memory scopes on every turn, which only
      // adaptive dialogs use, and snapshots state into a BotState trace.)
      if (this.stateConfiguration) context.turnState.set(STATE_CONFIGURATION, this.stateConfiguration);
      const dialogContext = await this.dialogs.createContext(context);
      this.stateConfiguration ??= context.turnState.get(STATE_CONFIGURATION) as object | undefined;
      const result = await dialogContext.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.deps.mainDialog.id);
      if (this.deps.trace) await this.sendTrace(context);
      await next();
    });
  }

  /** Every turn's dialog state is saved, also when the turn ends early. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  /**
   * The greeting of a new conversation: the knowledge base's `welcome` intent, which the admin
   * edits like any answer, in the page's language (both when the page gave none); a knowledge base
   * without one (made before it existed) gets the built-in greeting and buttons.
   */
  private async welcome(context: TurnContext): Promise<void> {
    const locale = context.activity.locale;
    const intents = this.deps.knowledge.current().intents;
    const languages: Language[] = locale ? [languageOfLocale(locale)] : ['en', 'zh'];
    const language = languages[0]!;
    const edited = intents.get(WELCOME_INTENT);
    if (edited) {
      const text = [...languages.map((each) => answerOf(edited, each, context.activity.conversation.id)), ...linkLines(edited, language)].join('\n');
      await context.sendActivity(reply(text, language, edited.quickReplies?.[language] ?? []));
      return;
    }
    const shortcuts = BUILT_IN_SHORTCUTS.flatMap((name) => {
      const title = intents.get(name)?.title?.[language];
      return title ? [title] : [];
    });
    const text = languages.map((each) => say('welcome', each)).join('\n');
    await context.sendActivity(reply(text, language, shortcuts));
  }

  private async sendTrace(context: TurnContext): Promise<void> {
    const understanding = understandingOf(context);
    const text = context.activity.text ?? '';
    const language = understanding?.recognition.language ?? languageOfMessage(text, context.activity.locale);
    await context.sendActivity({
      type: 'trace',
      name: 'parley.turn',
      label: 'Parley turn',
      valueType: 'https://parley.dev/schemas/turn',
      value: {
        intent: understanding?.answered ?? null,
        score: understanding?.recognition.score ?? 0,
        language,
        alternatives: understanding?.recognition.alternatives ?? [],
        sentiment: this.deps.analyzeSentiment(text, language),
      },
    });
  }
}

/**
 * The adapter's one `onTurnError`: log, apologise in the customer's language, drop the
 * half-finished dialog that failed (so it cannot fail again) and keep the conversation.
 */
export function createTurnErrorHandler(conversationState: ConversationState, logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'turn failed');
    const language = languageOfMessage(context.activity.text, context.activity.locale);
    try {
      await context.sendActivity(reply(say('turnError', language), language));
      await conversationState.delete(context);
    } catch (inner) {
      logger.error({ err: inner }, 'could not apologise after a failed turn');
    }
  };
}
