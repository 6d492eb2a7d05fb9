import { ComponentDialog, type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { reply } from './knowledge-replies.js';
import { customerIdOf, type TicketDialogDeps } from './ticket-replies.js';

export const NPS_DIALOG = 'nps';
const WATERFALL = 'nps.waterfall';
const ANSWER = 'nps.answer';

/** Where the Net Promoter question comes from and goes to (the customers module's NPS service). */
export interface NpsPort {
  /** The customer has not been asked within the quiet period. */
  isDue(customerId: string): Promise<boolean>;
  /** The question was put; resolves with the survey's id. */
  asked(input: { customerId: string; conversationId: string; ticketId?: string }): Promise<string>;
  answered(surveyId: string, score: number): Promise<void>;
}

export interface NpsOptions {
  language: Language;
  /** The resolved ticket the question follows, if any. */
  ticketId?: string;
  /** Said before the question, in the same message (the thanks for a rating). */
  lead?: string;
}

export interface NpsDialogDeps extends Pick<TicketDialogDeps, 'customerOf'> {
  nps: NpsPort;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
// Matched against `canonicalText`, whose NFKC turns the full-width comma of the button "不了，谢谢" into ",".
const SKIP = /^(no|nope|no,? thanks?|no thank you|skip|not now|rather not|pass|(?:不了|不用了?)(?:,?\s*谢谢)?|跳过|不想回答|不评了?|算了)[.。!！]*$/iu;

/** A score 0–10 in "9", "10/10", "8 out of 10", "I'd say 7", "九分", "10分"; undefined for anything else. */
export function npsScoreIn(text: string): number | undefined {
  const match = /^(?:(?:i'?d say|i'?d give (?:it|you)(?: an?)?|maybe|about|给|打)\s*)?(10|[0-9]|[零〇一二两三四五六七八九十])\s*(?:(?:\/\s*10|out of 10|分|points?)\s*)?[.。!！]*$/iu.exec(canonicalText(text).trim());
  if (!match) return undefined;
  return DIGITS[match[1]!] ?? Number(match[1]);
}

/**
 * The Net Promoter question ("how likely are you to recommend us to a friend? 0–10"), asked
 * after a satisfaction rating: the answer is kept (survey, profile, ticket history). Optional:
 * "no thanks" ends it, and anything else the customer writes is handled as a new message.
 */
export class NpsDialog extends ComponentDialog {
  constructor(private readonly deps: NpsDialogDeps) {
    super(NPS_DIALOG);
    this.addDialog(new TextPrompt(ANSWER));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<NpsOptions>): Promise<DialogTurnResult> {
    const { language, ticketId, lead } = step.options;
    const customerId = await customerIdOf(step.context, this.deps);
    (step.values as { surveyId: string }).surveyId = await this.deps.nps.asked({ customerId, conversationId: step.context.activity.conversation.id, ...(ticketId ? { ticketId } : {}) });
    const question = say('npsAsk', language);
    const scores = Array.from({ length: 11 }, (_, score) => String(score));
    return step.prompt(ANSWER, { prompt: reply(lead ? `${lead}\n${question}` : question, language, [...scores, say('npsSkip', language)]) });
  }

  private async answerStep(step: WaterfallStepContext<NpsOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const answer = String(step.result ?? '').trim();
    if (SKIP.test(canonicalText(answer))) {
      await step.context.sendActivity(reply(say('chatRatingSkipped', language), language));
      return step.endDialog();
    }
    const score = npsScoreIn(answer);
    // Not an answer: the customer moved on; their message is handled as any other.
    if (score === undefined) return step.endDialog({ reroute: answer });
    await this.deps.nps.answered((step.values as { surveyId: string }).surveyId, score);
    await step.context.sendActivity(reply(say('npsThanks', language), language));
    return step.endDialog();
  }
}
