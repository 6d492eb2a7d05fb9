import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { TicketView } from '../src/tickets/index.js';
import type { PressedButton } from './complaint-buttons.js';
import { reply } from './knowledge-replies.js';
import { customerIdOf, type TicketDialogDeps } from './ticket-replies.js';

export const LATE_CHOICE_DIALOG = 'late-choice';
const WATERFALL = 'late-choice.waterfall';

export type LateChoiceOptions = PressedButton;

/**
 * A button of the complaint flow pressed after the flow ended ("Yes, file it" again, "No, just
 * answer" under an offer long passed): the bot says the question has passed, in the language of
 * the button, and what the customer can do now: ask about the complaint this chat filed, or
 * file one. Not acted on as if the question were still open.
 */
export class LateChoiceDialog extends ComponentDialog {
  constructor(private readonly deps: TicketDialogDeps) {
    super(LATE_CHOICE_DIALOG);
    this.addDialog(new WaterfallDialog(WATERFALL, [this.explainStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async explainStep(step: WaterfallStepContext<LateChoiceOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const ticket = await this.filedInThisChat(step);
    const text = ticket ? say('lateChoiceFiled', language, { id: ticket.id }) : say('lateChoiceNone', language);
    await step.context.sendActivity(reply(text, language));
    return step.endDialog();
  }

  /** The latest ticket the customer filed in this conversation. */
  private async filedInThisChat(step: WaterfallStepContext): Promise<TicketView | undefined> {
    const conversationId = step.context.activity.conversation.id;
    return (await this.deps.tickets.forCustomer(await customerIdOf(step.context, this.deps))).find((ticket) => ticket.conversationId === conversationId);
  }
}
