import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from '../src/bot/botbuilder-lite.js';
import { say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import { localeHint } from '../src/nlu/language.js';
import { classifyCategory } from '../src/tickets/index.js';
import { addsDetail, asksToComplain, clearLanguageOf, concernsOrder, contactIn, describesProblem, isBareReply, isCancel, isChange, isContactInChat, isHelp, isNo, isNoOrder, isYes, looksLikeBadEmail, mentionsCalling, onlyOrderNumber, onlySlot, orderAnswer, orderNumbersIn, saysMoreThanAnOrder, withoutBoilerplate } from './complaint-parsing.js';
import { type ComplaintButton, complaintButtonIn, isOwnButton } from './complaint-buttons.js';
import { aboutTheQuestion, answers, askingAgain, CONFIRM, CONTACT, DESCRIPTION, helpLine, mayAskAside, OFFER, ORDER, questionIn } from './complaint-questions.js';
import { addToDescription, applyCorrection, type ComplaintDraft, confirmPrompt, correctionIn, draftIn, fileComplaint } from './complaint-steps.js';
import { type KnowledgeAnswer, rememberUnderstanding, reply, sendAnswer } from './knowledge-replies.js';
import { customerIdOf, type TicketDialogDeps } from './ticket-replies.js';

export const COMPLAINT_DIALOG = 'complaint';
const WATERFALL = 'complaint.waterfall';

export interface ComplaintOptions {
  language: Language;
  /** The message that started the flow: it may already say what happened and name the order. */
  text: string;
  /** Started by the sentiment trigger: first ask whether the customer wants a complaint at all. */
  offer?: boolean;
  /**
   * The customer's messages before this one, latest first: "my order 20251130 hasn't arrived",
   * then the "File a complaint" button, has said what happened and which order already.
   */
  earlier?: string[];
}

/** How the flow ended: a ticket, or a message for the main dialog to route instead. */
export interface ComplaintResult {
  ticketId?: string;
  reroute?: string;
  /** The customer declined the offer: answer the message without offering again. */
  skipComplaintOffer?: boolean;
}

const waiting: DialogTurnResult = { status: DialogTurnStatus.waiting };

const draftOf = (step: WaterfallStepContext) => (step.values as { draft: ComplaintDraft }).draft;

/**
 * What the complaint is about, to know whether an order number matters: its own words, and what
 * the customer said before when those words name no kind of problem ("I'm fed up with waiting"
 * after "my order is late"), as the ticket's category is read (classifyInContext).
 */
function aboutOf(draft: ComplaintDraft, described: string): string {
  const own = `${draft.given} ${described}`;
  return classifyCategory(own).category === 'other' ? [own, ...(draft.earlier ?? [])].join(' ') : own;
}

/**
 * The complaint flow: receive (what happened in the customer's words, the order, a way to
 * reach them), classify, confirm the summary, file the ticket and say what happens next.
 * At any question the customer can cancel, ask for help, correct what they said, ask about
 * the question ("why do you need my email?"), or ask something the knowledge base answers
 * (answered, then the question is asked again: see complaint-questions.ts).
 */
export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly deps: TicketDialogDeps) {
    super(COMPLAINT_DIALOG);
    this.addDialog(new TextPrompt(OFFER));
    this.addDialog(new TextPrompt(DESCRIPTION));
    this.addDialog(new TextPrompt(ORDER, async (prompt) => answers(prompt.recognized.value ?? '', ORDER)));
    this.addDialog(new TextPrompt(CONTACT, (prompt) => this.validateContact(prompt)));
    this.addDialog(new TextPrompt(CONFIRM, async (prompt) => answers(prompt.recognized.value ?? '', CONFIRM)));
    const steps = [this.offerStep, this.descriptionStep, this.orderStep, this.contactStep, this.confirmStep, this.fileStep];
    this.addDialog(new WaterfallDialog(WATERFALL, steps.map((step) => step.bind(this))));
    this.initialDialogId = WATERFALL;
  }

  private async offerStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const { language, text, offer, earlier } = step.options;
    const draft: ComplaintDraft = { language, given: text, ...(earlier ? { earlier } : {}) };
    const order = orderNumbersIn(text)[0];
    const contact = contactIn(text);
    if (order) draft.orderNumber = order;
    if (contact) draft.contact = contact;
    (step.values as { draft: ComplaintDraft }).draft = draft;
    if (!offer) return step.next();
    return step.prompt(OFFER, { prompt: reply(say('complaintOffer', language), language, [say('complaintOfferYes', language), say('complaintOfferNo', language)]) });
  }

  private async descriptionStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    // Asked whether to file a complaint, the customer gives the order it is about: that is a yes.
    const order = typeof step.result === 'string' ? onlyOrderNumber(step.result) : undefined;
    if (order) draft.orderNumber = order;
    else if (typeof step.result === 'string' && !isYes(step.result)) {
      // Declined: answer what they first asked, without offering again. Anything else is a new question.
      const declined = isNo(step.result) || isCancel(step.result);
      return step.endDialog({ reroute: declined ? step.options.text : step.result, skipComplaintOffer: declined } satisfies ComplaintResult);
    }
    const { text } = step.options;
    if (describesProblem(text)) return step.next(withoutBoilerplate(text));
    // The message the bot answered just before said what went wrong: not asked again. A button
    // pressed in between ("No, just answer", then the answer's "File a complaint") says nothing of it.
    const before = step.options.earlier?.find((message) => !complaintButtonIn(message));
    if (before !== undefined && describesProblem(before)) return step.next(withoutBoilerplate(before));
    return step.prompt(DESCRIPTION, questionIn(DESCRIPTION, draft.language)!);
  }

  private async orderStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    const described = String(step.result);
    draft.description = this.deps.redact(described);
    draft.sentiment = this.deps.analyzeSentiment(described, draft.language).score;
    draft.orderNumber ??= orderNumbersIn(described)[0];
    draft.contact ??= contactIn(described);
    // An order named a little earlier in the chat ("where is order 20251130?") is the one, unless told otherwise at the summary.
    const named = (step.options.earlier ?? []).find((message) => orderNumbersIn(message).length > 0);
    if (draft.orderNumber === undefined && named && concernsOrder(`${draft.given} ${described} ${named}`)) draft.orderNumber = orderNumbersIn(named)[0];
    if (draft.orderNumber !== undefined || !concernsOrder(aboutOf(draft, described))) return step.next();
    return step.prompt(ORDER, questionIn(ORDER, draft.language)!);
  }

  private async contactStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    if (typeof step.result === 'string') draft.orderNumber = isNoOrder(step.result) ? null : (orderAnswer(step.result) ?? null);
    if (draft.contact || draft.contactInChat) return step.next();
    const customerId = await customerIdOf(step.context, this.deps);
    const known = (await this.deps.identifiedContact?.(customerId)) ?? (await this.deps.tickets.knownContact(customerId));
    if (known) {
      draft.contact = known;
      draft.contactKnown = true;
      return step.next();
    }
    return step.prompt(CONTACT, questionIn(CONTACT, draft.language)!);
  }

  private async confirmStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const draft = draftOf(step);
    if (typeof step.result === 'string') {
      draft.contact = contactIn(step.result);
      draft.contactInChat = draft.contact === undefined;
    }
    return step.prompt(CONFIRM, { prompt: await confirmPrompt(draft, this.deps, await customerIdOf(step.context, this.deps)) });
  }

  private async fileStep(step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> {
    const ticketId = await fileComplaint(step.context, draftOf(step), this.deps);
    return step.endDialog({ ticketId } satisfies ComplaintResult);
  }

  private async validateContact(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (answers(text, CONTACT)) return true;
    const language = (prompt.options.validations as { language?: Language } | undefined)?.language ?? 'en';
    await prompt.context.sendActivity(reply(say(looksLikeBadEmail(text) ? 'complaintEmailInvalid' : 'complaintContactInvalid', language), language, [say('complaintContactInChat', language), say('complaintCancelButton', language)]));
    return false;
  }

  /** Cancel, help and corrections, at whatever question the flow is. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interruption(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interruption(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text ?? '';
    const asking = innerDc.activeDialog?.id ?? '';
    const draft = draftIn(innerDc, WATERFALL);
    if (!draft || innerDc.context.activity.type !== 'message') return undefined;
    const switched = clearLanguageOf(text);
    if (switched && switched !== draft.language) {
      draft.language = switched;
      // The question, asked again or retried, in the language the customer now writes.
      const question = questionIn(asking, switched);
      if (question) Object.assign((innerDc.activeDialog!.state as { options: object }).options, question);
    }
    const { language } = draft;
    // A button of another question, pressed late ("Not about an order" at the summary): what it means here.
    const pressed = asking === OFFER ? undefined : complaintButtonIn(text);
    if (pressed && !isOwnButton(pressed.button, asking)) return this.otherQuestionsButton(innerDc, draft, pressed.button, asking);
    // "I want to complain" again, at a question of the complaint it is taking: what it needs now.
    if (isHelp(text) || (asking !== OFFER && asksToComplain(text))) {
      await innerDc.context.sendActivity(reply(helpLine(asking, language), language));
      await innerDc.repromptDialog();
      return waiting;
    }
    if (asking === OFFER) return undefined;
    if (isCancel(text)) {
      await innerDc.context.sendActivity(reply(say('complaintCancelled', language), language));
      return innerDc.cancelAllDialogs();
    }
    if (this.wantsHumanInstead(text, asking)) {
      // The complaint is not filed; the agent reads what the customer said in the transcript.
      await innerDc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { reroute: text, skipComplaintOffer: true } satisfies ComplaintResult };
    }
    const aboutIt = aboutTheQuestion(text, asking, language);
    if (aboutIt) {
      for (const each of aboutIt) await innerDc.context.sendActivity(each);
      return waiting;
    }
    const answer = this.knowledgeQuestion(text, asking, innerDc.context.activity.locale);
    if (answer) return this.answerAside(innerDc, draft, answer, asking);
    if (asking === CONFIRM) return isYes(text) ? undefined : this.reviewStep(innerDc, draft, text);
    if (asking === DESCRIPTION && isBareReply(text)) {
      // "yes", "ok", 「好的」 is no description: it was filed as what happened.
      await innerDc.context.sendActivity(reply(say('complaintNeedDescription', language), language));
      return waiting;
    }
    if (asking === DESCRIPTION) return this.slotForDescription(innerDc, draft, text);
    const correction = this.orderGivenForContact(text, asking, draft) ?? correctionIn(text, asking === ORDER, asking === CONTACT);
    // "Order 20251128, phone 138…" at the order question answers it and gives the contact too:
    // keep the extra, and let the question take its answer. Words beyond the slots go to the
    // description ("Reply in this chat", "no order number" are answers, not words about the problem).
    const answersQuestion = answers(text, asking);
    const wholeAnswer = isContactInChat(text) || isNoOrder(text);
    if (!answersQuestion && correction === undefined && (describesProblem(text) || (asking === ORDER && saysMoreThanAnOrder(text)))) {
      // More about what happened, where an order number or a contact was asked: keep it, ask again.
      addToDescription(draft, text, this.deps);
      await innerDc.context.sendActivity(reply(applyCorrection(draft, {}, this.deps, true), language));
      await innerDc.repromptDialog();
      return waiting;
    }
    const detail = (answersQuestion || correction !== undefined) && !wholeAnswer && addsDetail(text);
    if (detail) addToDescription(draft, text, this.deps);
    if (!correction) return undefined;
    if (answersQuestion) {
      applyCorrection(draft, correction, this.deps);
      return undefined;
    }
    await innerDc.context.sendActivity(reply(applyCorrection(draft, correction, this.deps, detail), language));
    await innerDc.repromptDialog();
    return waiting;
  }

  /**
   * A button of another question of the flow, pressed where it is not on offer: "Not about an
   * order" or "Reply in this chat" is taken as that answer, wherever given; "No, just answer"
   * after the offer was taken declines it after all (the question is answered, nothing filed);
   * the offer's "yes", or the summary's buttons before the summary, change nothing: the bot says
   * what it needs now and asks its question again.
   */
  private async otherQuestionsButton(innerDc: DialogContext, draft: ComplaintDraft, button: ComplaintButton, asking: string): Promise<DialogTurnResult> {
    const { language } = draft;
    if (button === 'complaintNoOrder' || button === 'complaintContactInChat') {
      if (button === 'complaintNoOrder') draft.orderNumber = null;
      else Object.assign(draft, { contact: undefined, contactKnown: false, contactInChat: true });
      const lead = say('complaintCorrected', language, { what: say(button === 'complaintNoOrder' ? 'complaintNoOrderNow' : 'complaintInChatNow', language) });
      return this.askAgainAfter(innerDc, draft, lead, asking);
    }
    const options = innerDc.stack.find((entry) => entry.id === WATERFALL)?.state as { options?: ComplaintOptions } | undefined;
    if (button === 'complaintOfferNo' && options?.options?.offer) {
      await innerDc.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { reroute: options.options.text, skipComplaintOffer: true } satisfies ComplaintResult };
    }
    await innerDc.context.sendActivity(reply(helpLine(asking, language), language));
    await innerDc.repromptDialog();
    return waiting;
  }

  /** `lead` (what was just taken), then the question under way again; at the summary, the summary as it now stands. */
  private async askAgainAfter(innerDc: DialogContext, draft: ComplaintDraft, lead: string, asking: string): Promise<DialogTurnResult> {
    const { language } = draft;
    if (asking === CONFIRM) {
      const prompt = innerDc.activeDialog!.state as { options: { prompt: unknown } };
      prompt.options.prompt = await confirmPrompt(draft, this.deps, await customerIdOf(innerDc.context, this.deps), lead);
      await innerDc.repromptDialog();
      return waiting;
    }
    await innerDc.context.sendActivity(reply(lead, language));
    if (asking === DESCRIPTION) await innerDc.context.sendActivity(reply(say('complaintAskDescriptionAgain', language), language));
    else await innerDc.repromptDialog();
    return waiting;
  }

  /**
   * Only an e-mail address, a phone number or an order number where "what happened?" was asked:
   * kept as the contact or the order (the flow will not ask for it again), and the question asked
   * again, rather than filing the address as what happened.
   */
  private async slotForDescription(innerDc: DialogContext, draft: ComplaintDraft, text: string): Promise<DialogTurnResult | undefined> {
    const slot = onlySlot(text);
    if (!slot) return undefined;
    return this.askAgainAfter(innerDc, draft, applyCorrection(draft, slot, this.deps), DESCRIPTION);
  }

  /**
   * A bare order number ("1048213") where a contact was asked, when the flow never asked for the
   * order (the complaint did not sound like one about an order): the customer is giving the order,
   * not a phone number too short to be one. After "no order number", a number is a contact attempt.
   */
  private orderGivenForContact(text: string, asking: string, draft: ComplaintDraft): { orderNumber: string } | undefined {
    if (asking !== CONTACT || draft.orderNumber !== undefined || contactIn(text) !== undefined) return undefined;
    const order = onlyOrderNumber(text);
    return order ? { orderNumber: order } : undefined;
  }

  /**
   * "I want to talk to a person" where the flow waits for an order number, a contact or a "yes"
   * (and the message is none of these, nor a correction; "call me" at the contact question is a
   * way to be reached). At "what happened?" only when the message does not describe a problem:
   * "the agent was rude to me" is the complaint, "转人工" is not.
   */
  private wantsHumanInstead(text: string, asking: string): boolean {
    if (!this.deps.wantsHuman || asking === OFFER) return false;
    if (asking === DESCRIPTION) return !describesProblem(text) && this.deps.wantsHuman(text);
    const wayToReach = asking === CONTACT && mentionsCalling(text);
    return !answers(text, asking) && !wayToReach && correctionIn(text, false, false) === undefined && this.deps.wantsHuman(text);
  }

  /** The knowledge base's confident answer to a question of the customer's own put at `asking` (see `mayAskAside`). */
  private knowledgeQuestion(text: string, asking: string, locale: string | undefined): KnowledgeAnswer | undefined {
    return this.deps.knowledgeAnswer && mayAskAside(text, asking) ? this.deps.knowledgeAnswer(text, localeHint(locale)) : undefined;
  }

  /** The answer the bot gives outside the flow (an order's page when the complaint names one), then the question again, in a line; the draft is kept. */
  private async answerAside(innerDc: DialogContext, draft: ComplaintDraft, { intent, recognition }: KnowledgeAnswer, asking: string): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const { language } = recognition;
    rememberUnderstanding(context, { recognition, answered: intent.name, answeredInside: COMPLAINT_DIALOG });
    await sendAnswer(context, intent, language, draft.orderNumber ?? undefined);
    await context.sendActivity(askingAgain(asking, language));
    return waiting;
  }

  /** At the summary, anything but "yes": a correction, more detail, or "no" (what should change?). */
  private async reviewStep(innerDc: DialogContext, draft: ComplaintDraft, text: string): Promise<DialogTurnResult> {
    const { language } = draft;
    if (isNo(text) || isChange(text)) {
      await innerDc.context.sendActivity(reply(say('complaintWhatToChange', language), language));
      return waiting;
    }
    // A correction, more detail, or both ("客服一直不回复我，订单号 PD-20458").
    const correction = correctionIn(text, false, false);
    const detail = !correction || addsDetail(text);
    if (detail) addToDescription(draft, text, this.deps);
    return this.askAgainAfter(innerDc, draft, applyCorrection(draft, correction ?? {}, this.deps, detail), CONFIRM);
  }
}
