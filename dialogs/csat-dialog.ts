import { ComponentDialog, type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { NPS_DIALOG, NpsDialog, type NpsOptions, type NpsPort } from './nps-dialog.js';
import { customerIdOf, formatDue, type TicketDialogDeps, timeZoneOf } from './ticket-replies.js';

export const CSAT_DIALOG = 'csat';
const WATERFALL = 'csat.waterfall';
const RATING = 'csat.rating';
const COMMENT = 'csat.comment';

/** What the customer is asked to rate: a resolved ticket, or a chat an agent handed back. */
export type CsatOptions = { language: Language } & ({ ticketId: string; resolution: string } | { agentName: string });

export interface CsatDialogDeps extends TicketDialogDeps {
  /** Keeps the rating (and later its comment) of a chat with an agent: the handoff module. */
  rateChat: (conversationId: string, score: number, comment?: string) => Promise<unknown>;
  /** The Net Promoter question, asked after a rating when the customer is due for it; without it, never. */
  nps?: NpsPort;
}

type TicketCsat = Extract<CsatOptions, { ticketId: string }>;
const isTicket = (options: CsatOptions): options is TicketCsat => 'ticketId' in options;

const NOT_FIXED = /still (not|isn't|is not|hasn't been|has not been) (fixed|solved|resolved)|not (fixed|solved|resolved)|doesn't work|didn't help|没解决|没有解决|还没解决|未解决|没用|还是不行|问题还在/iu;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const SKIP = /^(no|nope|no,? thanks?|nothing|that's all|skip|not now|没有了?|没了|不用了?|无|跳过|不评了?|不评价)[.。!！]*$/iu;

export const isNotFixed = (text: string) => NOT_FIXED.test(canonicalText(text));
const isSkip = (text: string) => SKIP.test(canonicalText(text).trim());

/** What may come before a score followed by a comment: nothing, "I'd give it", "rating:", "打". */
const RATING_LEAD = /^(|i'?d? (give|rate) (it|you|him|her|them|this)( a)?|rating:?|score:?|给|打|给个)$/iu;

/**
 * A rating 1–5 in "4", "4/5", "5 stars", "四分", "5星", "10/10" (out of ten, halved), and what the
 * customer wrote after it ("10/10 great service", "4 - quick but a bit curt"), which is their
 * comment; undefined for anything else.
 */
export function ratingIn(text: string): { score: number; comment?: string } | undefined {
  const match = /^(\D*?)(10|[0-9一二两三四五])\s*(?:\/\s*(5|10)|stars?|分|星|颗星)?(?:\s*[.。!！,，:：;；-]+\s*|\s+|$)(.*)$/isu.exec(canonicalText(text).trim());
  if (!match) return undefined;
  const [, before, digit, outOf, after] = match as unknown as [string, string, string, string | undefined, string];
  const given = CHINESE_DIGITS[digit] ?? Number(digit);
  const score = outOf === '10' ? Math.max(1, Math.round(given / 2)) : given;
  const comment = after.trim();
  // With words after it, the score must lead ("I have 2 questions" is not a rating of 2).
  if (score < 1 || score > 5 || (comment && !RATING_LEAD.test(before.trim()))) return undefined;
  return comment ? { score, comment } : { score };
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
    if (deps.nps) this.addDialog(new NpsDialog({ nps: deps.nps, customerOf: deps.customerOf }));
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
    // The team reopened the ticket before the customer answered: there is nothing to rate now.
    if (isTicket(options) && (await this.deps.tickets.findForCustomer(options.ticketId, customerId))?.status === 'reopened') return step.endDialog({ reroute: answer });
    const rating = ratingIn(answer);
    // Not a rating: the customer moved on; route what they said as a new message.
    if (rating === undefined) return step.endDialog({ reroute: answer });
    const { score, comment } = rating;
    (step.values as { score: number }).score = score;
    // "10/10 great service": the comment came with the score; nothing more to ask.
    if (comment) return this.thank(step, options, customerId, score, comment);
    if (isTicket(options)) await this.deps.tickets.rate(options.ticketId, customerId, score);
    else await this.deps.rateChat(step.context.activity.conversation.id, score);
    return step.prompt(COMMENT, { prompt: reply(say('csatAskComment', options.language, { score }), options.language, [say('csatNoComment', options.language)]) });
  }

  private async commentStep(step: WaterfallStepContext<CsatOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const { language } = options;
    const answer = String(step.result).trim();
    const customerId = await customerIdOf(step.context, this.deps);
    if (isTicket(options) && isNotFixed(answer)) return this.reopen(step, options, customerId, answer);
    const { score } = step.values as { score: number };
    return this.thank(step, options, customerId, score, isSkip(answer) ? undefined : answer);
  }

  /** Keep the score with its comment (when there is one), and thank the customer. */
  private async thank(step: WaterfallStepContext<CsatOptions>, options: CsatOptions, customerId: string, score: number, comment: string | undefined): Promise<DialogTurnResult> {
    const { language } = options;
    if (comment !== undefined) {
      if (isTicket(options)) await this.deps.tickets.rate(options.ticketId, customerId, score, this.deps.redact(comment));
      else await this.deps.rateChat(step.context.activity.conversation.id, score, this.deps.redact(comment));
    }
    // A rating given: the customer may also say whether they would recommend us (once a month at most).
    if (this.deps.nps && (await this.deps.nps.isDue(customerId))) {
      const lead = isTicket(options) ? say('csatThanks', language, { id: options.ticketId }) : say('chatRatingThanksShort', language);
      return step.replaceDialog(NPS_DIALOG, { language, lead, ...(isTicket(options) ? { ticketId: options.ticketId } : {}) } satisfies NpsOptions);
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
    await step.context.sendActivity(reply(say('csatReopened', language, { id: ticketId, due: formatDue(reopened.dueAt, language, timeZoneOf(step.context, this.deps)) }), language));
    return step.endDialog();
  }
}
