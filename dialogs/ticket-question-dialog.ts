import { ComponentDialog, type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { customerIdOf, formatDue, type TicketDialogDeps, timeZoneOf } from './ticket-replies.js';

export const TICKET_QUESTION_DIALOG = 'ticketQuestion';
const WATERFALL = 'ticketQuestion.waterfall';
const ANSWER = 'ticketQuestion.answer';

/** The ticket that waits for the customer, and what the agent asked (null: "more information"). */
export interface TicketQuestionOptions {
  ticketId: string;
  question: string | null;
  language: Language;
}

/**
 * Step four of a complaint, when the company needs something from the customer: the bot
 * passes on the agent's question and keeps the customer's next message as the answer, on
 * the ticket, which goes back to work. Asking for a person instead gives way to the handoff.
 * Started in turns the bot does not run itself (the ticket notifier).
 */
export class TicketQuestionDialog extends ComponentDialog {
  constructor(private readonly deps: TicketDialogDeps) {
    super(TICKET_QUESTION_DIALOG);
    this.addDialog(new TextPrompt(ANSWER));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<TicketQuestionOptions>): Promise<DialogTurnResult> {
    const { ticketId: id, question, language } = step.options;
    const text = question ? say('ticketQuestionAsk', language, { id, question }) : say('ticketQuestionAskGeneric', language, { id });
    return step.prompt(ANSWER, { prompt: reply(text, language) });
  }

  private async answerStep(step: WaterfallStepContext<TicketQuestionOptions>): Promise<DialogTurnResult> {
    const { ticketId, language } = step.options;
    const answer = String(step.result ?? '').trim();
    if (!answer || this.deps.wantsHuman?.(answer)) return step.endDialog({ reroute: answer });
    const customerId = await customerIdOf(step.context, this.deps);
    const ticket = await this.deps.tickets.answerByCustomer(ticketId, customerId, this.deps.redact(answer));
    await step.context.sendActivity(reply(say('ticketAnswerThanks', language, { id: ticketId, due: formatDue(ticket.dueAt, language, timeZoneOf(step.context, this.deps)) }), language));
    return step.endDialog();
  }
}
