import { ComponentDialog, type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { customerIdOf, formatDue, type TicketDialogDeps } from './ticket-replies.js';

export const CSAT_DIALOG = 'csat';
const WATERFALL = 'csat.waterfall';
const RATING = 'csat.rating';
const COMMENT = 'csat.comment';

export interface CsatOptions {
  ticketId: string;
  language: Language;
  resolution: string;
}

const NOT_FIXED = /still (not|isn't|is not|hasn't been|has not been) (fixed|solved|resolved)|not (fixed|solved|resolved)|doesn't work|didn't help|没解决|没有解决|还没解决|未解决|没用|还是不行|问题还在/iu;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const SKIP = /^(no|nope|no,? thanks?|nothing|that's all|没有了?|没了|不用了?|无)[.。!！]*$/iu;

export const isNotFixed = (text: string) => NOT_FIXED.test(text);

/** A rating 1–5 in "4", "4/5", "5 stars", "四分", "5星"; undefined for anything else. */
export function ratingIn(text: string): number | undefined {
  const match = /^\D*?([1-5一二两三四五])\s*(?:\/\s*5|stars?|分|星|颗星)?\s*[.。!！]?\s*$/iu.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  return CHINESE_DIGITS[match[1]!] ?? Number(match[1]);
}

/**
 * Step five, feedback: tells the customer their ticket was resolved and how, asks for a
 * rating from 1 to 5 and an optional comment, and stores them on the ticket. "Still not
 * fixed" reopens the ticket instead. Started by the ticket notifier in a proactive turn.
 */
export class CsatDialog extends ComponentDialog {
  constructor(private readonly deps: TicketDialogDeps) {
    super(CSAT_DIALOG);
    this.addDialog(new TextPrompt(RATING));
    this.addDialog(new TextPrompt(COMMENT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askStep.bind(this), this.ratingStep.bind(this), this.commentStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const { ticketId, language, resolution } = step.options;
    const text = say('csatAsk', language, { id: ticketId, resolution });
    return step.prompt(RATING, { prompt: reply(text, language, ['1', '2', '3', '4', '5', say('csatNotFixed', language)]) });
  }

  private async ratingStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const { ticketId, language } = step.options;
    const answer = String(step.result);
    const customerId = await customerIdOf(step.context, this.deps);
    if (isNotFixed(answer)) return this.reopen(step, customerId, answer);
    const score = ratingIn(answer);
    // Not a rating: the customer moved on; route what they said as a new message.
    if (score === undefined) return step.endDialog({ reroute: answer });
    await this.deps.tickets.rate(ticketId, customerId, score);
    (step.values as { score: number }).score = score;
    return step.prompt(COMMENT, { prompt: reply(say('csatAskComment', language, { score }), language, [say('csatNoComment', language)]) });
  }

  private async commentStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const { ticketId, language } = step.options;
    const answer = String(step.result).trim();
    const customerId = await customerIdOf(step.context, this.deps);
    if (isNotFixed(answer)) return this.reopen(step, customerId, answer);
    if (!SKIP.test(answer)) {
      await this.deps.tickets.rate(ticketId, customerId, (step.values as { score: number }).score, this.deps.redact(answer));
    }
    await step.context.sendActivity(reply(say('csatThanks', language, { id: ticketId }), language));
    return step.endDialog();
  }

  private async reopen(step: WaterfallStepContext<CsatOptions>, customerId: string, said: string): Promise<DialogTurnResult> {
    const { ticketId, language } = step.options;
    const ticket = await this.deps.tickets.findForCustomer(ticketId, customerId);
    if (ticket?.status !== 'resolved') {
      await step.context.sendActivity(reply(say('csatCannotReopen', language, { id: ticketId }), language));
      return step.endDialog();
    }
    const reopened = await this.deps.tickets.reopenByCustomer(ticketId, customerId, this.deps.redact(said));
    await step.context.sendActivity(reply(say('csatReopened', language, { id: ticketId, due: formatDue(reopened.dueAt, language, this.deps.timeZone) }), language));
    return step.endDialog();
  }
}
