import { ComponentDialog, type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { customerIdOf, formatDue, type TicketDialogDeps } from './ticket-replies.js';

export const CSAT_DIALOG = 'csat';
const WATERFALL = 'csat.waterfall';
const RATING = 'csat.rating';
const COMMENT = 'csat.comment';

/** What the customer is asked to rate: a resolved ticket, or a chat an agent handed back. */
export type CsatOptions = { language: Language } & ({ ticketId: string; resolution: string } | { agentName: string });

export interface CsatDialogDeps extends TicketDialogDeps {
  /** Keeps the rating (and later its comment) of a chat with an agent: the handoff module. */
  rateChat: (conversationId: string, score: number, comment?: string) => Promise<unknown>;
}

type TicketCsat = Extract<CsatOptions, { ticketId: string }>;
const isTicket = (options: CsatOptions): options is TicketCsat => 'ticketId' in options;

const NOT_FIXED = /still (not|isn't|is not|hasn't been|has not been) (fixed|solved|resolved)|not (fixed|solved|resolved)|doesn't work|didn't help|没解决|没有解决|还没解决|未解决|没用|还是不行|问题还在/iu;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const SKIP = /^(no|nope|no,? thanks?|nothing|that's all|skip|not now|没有了?|没了|不用了?|无|跳过|不评了?|不评价)[.。!！]*$/iu;

export const isNotFixed = (text: string) => NOT_FIXED.test(canonicalText(text));
const isSkip = (text: string) => SKIP.test(canonicalText(text).trim());

/** A rating 1–5 in "4", "4/5", "5 stars", "四分", "5星"; undefined for anything else. */
export function ratingIn(text: string): number | undefined {
  const match = /^\D*?([1-5一二两三四五])\s*(?:\/\s*5|stars?|分|星|颗星)?\s*[.。!！]?\s*$/iu.exec(canonicalText(text).trim());
  if (!match) return undefined;
  return CHINESE_DIGITS[match[1]!] ?? Number(match[1]);
}

/**
 * Satisfaction. For a ticket (step five of a complaint): tells the customer it was resolved
 * and how, asks for a rating from 1 to 5 and an optional comment, and stores them on the
 * ticket; "Still not fixed" reopens the ticket instead. For a chat an agent handed back: asks
 * how the agent did, and the handoff module keeps the answer. Started in turns the bot does
 * not run itself (the ticket notifier, the handoff gate).
 */
export class CsatDialog extends ComponentDialog {
  constructor(private readonly deps: CsatDialogDeps) {
    super(CSAT_DIALOG);
    this.addDialog(new TextPrompt(RATING));
    this.addDialog(new TextPrompt(COMMENT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askStep.bind(this), this.ratingStep.bind(this), this.commentStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const { language } = options;
    const scores = ['1', '2', '3', '4', '5'];
    const prompt = isTicket(options)
      ? reply(say('csatAsk', language, { id: options.ticketId, resolution: options.resolution }), language, [...scores, say('csatNotFixed', language)])
      : reply(say('chatRatingAsk', language, { agent: options.agentName }), language, [...scores, say('chatRatingSkip', language)]);
    return step.prompt(RATING, { prompt });
  }

  private async ratingStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const answer = String(step.result);
    const customerId = await customerIdOf(step.context, this.deps);
    if (isTicket(options) && isNotFixed(answer)) return this.reopen(step, options, customerId, answer);
    if (!isTicket(options) && isSkip(answer)) {
      await step.context.sendActivity(reply(say('chatRatingSkipped', options.language), options.language));
      return step.endDialog();
    }
    const score = ratingIn(answer);
    // Not a rating: the customer moved on; route what they said as a new message.
    if (score === undefined) return step.endDialog({ reroute: answer });
    if (isTicket(options)) await this.deps.tickets.rate(options.ticketId, customerId, score);
    else await this.deps.rateChat(step.context.activity.conversation.id, score);
    (step.values as { score: number }).score = score;
    return step.prompt(COMMENT, { prompt: reply(say('csatAskComment', options.language, { score }), options.language, [say('csatNoComment', options.language)]) });
  }

  private async commentStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const { language } = options;
    const answer = String(step.result).trim();
    const customerId = await customerIdOf(step.context, this.deps);
    if (isTicket(options) && isNotFixed(answer)) return this.reopen(step, options, customerId, answer);
    const { score } = step.values as { score: number };
    if (!isSkip(answer)) {
      if (isTicket(options)) await this.deps.tickets.rate(options.ticketId, customerId, score, this.deps.redact(answer));
      else await this.deps.rateChat(step.context.activity.conversation.id, score, this.deps.redact(answer));
    }
    const thanks = isTicket(options) ? say('csatThanks', language, { id: options.ticketId }) : say('chatRatingThanks', language);
    await step.context.sendActivity(reply(thanks, language));
    return step.endDialog();
  }

  private async reopen(step: WaterfallStepContext<CsatOptions>, options: TicketCsat, customerId: string, said: string): Promise<DialogTurnResult> {
    const { ticketId, language } = options;
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
