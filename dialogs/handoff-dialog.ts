import { type Activity, EventFactory, type TurnContext } from '../src/bot/botbuilder-lite.js';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { QueueStatus } from '../src/handoff/index.js';
import { languageOfMessage } from '../src/nlu/language.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';

export const HANDOFF_DIALOG = 'handoff';
const REQUEST_WATERFALL = 'handoff.request';

export interface HandoffDialogOptions {
  language?: Language;
  text?: string;
}

export interface HandoffDialogDeps {
  /** The conversation so far, handed to the agents with the handoff request. */
  transcriptOf: (conversationId: string) => Promise<readonly object[]>;
}

const QUEUED = Symbol('parley.handoff.queued');

/** The gate records where the customer stands once it has queued the chat, for the dialog to say. */
export function rememberQueueStatus(context: TurnContext, status: QueueStatus): void {
  context.turnState.set(QUEUED, status);
}

export function queueStatusOf(context: TurnContext): QueueStatus | undefined {
  return context.turnState.get(QUEUED) as QueueStatus | undefined;
}

/**
 * The customer asks for a person ("talk to a person", "转人工"): the bot initiates a handoff
 * in botbuilder's vocabulary (a `handoff.initiate` event with the transcript, which the
 * handoff gate turns into a place in the queue) and says what happens next.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly deps: HandoffDialogDeps) {
    super(HANDOFF_DIALOG);
    this.addDialog(new WaterfallDialog(REQUEST_WATERFALL, [this.requestStep.bind(this)]));
    this.initialDialogId = REQUEST_WATERFALL;
  }

  private async requestStep(step: WaterfallStepContext<HandoffDialogOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const language = step.options?.language ?? languageOfMessage(context.activity.text, context.activity.locale);
    const activities = await this.deps.transcriptOf(context.activity.conversation.id);
    await context.sendActivity(EventFactory.createHandoffInitiation(context, { skill: 'agents', reason: 'customer_asked' }, { activities: activities as unknown as Activity[] }));
    const queued = queueStatusOf(context);
    // With nobody online the chat timed out at once; the gate's "failed" notice follows this turn.
    if (queued && queued.agentsOnline === 0) return step.endDialog();
    const position = Math.max(1, queued?.position ?? 1);
    const minutes = queued?.expectedWaitMinutes ?? 2;
    const text = queued?.ticketAfterMinutes ? say('handoffQueuedLong', language, { position, minutes: queued.ticketAfterMinutes }) : say('handoffQueued', language, { position, minutes });
    await context.sendActivity(reply(text, language));
    return step.endDialog();
  }
}

/** After an agent hands the chat back: the bot greets the customer again. */
export async function welcomeBack(context: TurnContext, language: Language): Promise<void> {
  await context.sendActivity(reply(say('welcomeBack', language), language));
}

/**
 * Nobody could take the chat: the system line just before said so (and named the ticket); the bot
 * offers what the customer can do now, leave a message or go back to the assistant.
 */
export async function tellNoAgent(context: TurnContext, language: Language): Promise<void> {
  await context.sendActivity(reply(say('handoffNoAgent', language), language, [say('backToAssistant', language)]));
}

/** The customer's first message left for the team after that: it is kept, and they may go. */
export async function tellMessageLeft(context: TurnContext, language: Language, ticketId?: string): Promise<void> {
  const text = ticketId ? say('messageLeftTicket', language, { ticket: ticketId }) : say('messageLeft', language);
  await context.sendActivity(reply(text, language, [say('backToAssistant', language)]));
}
