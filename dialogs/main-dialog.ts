import { ComponentDialog, Dialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import { type Intent, type KnowledgeRuntime, type UnansweredLog, understand } from '../src/kb/index.js';
import type { Language, Recognition } from '../src/nlu/types.js';
import { emailPattern } from '../src/nlu/email.js';
import { languageOfLocale, localeHint, showsLanguage } from '../src/nlu/language.js';
import { canonicalText } from '../src/nlu/normalize.js';
import { bareOrderNumber, extractEntities } from '../src/nlu/entities.js';
import { apologises, type MessageKey, say } from '../src/bot/messages.js';
import { CLARIFY_DIALOG, ClarifyDialog, type ClarifyOptions, type RerouteResult } from './clarify-dialog.js';
import { offersOrderPage, rememberStartedDialog, rememberUnderstanding, reply, sendAnswer, SMALLTALK_CATEGORY, titleOf, understandingOf } from './knowledge-replies.js';
import { COMPLAINT_DIALOG, type ComplaintOptions, type ComplaintResult } from './complaint-dialog.js';
import { addsDetail, contactIn, isNoOrder, isQuestionText, isYes, saysOnlySlots } from './complaint-parsing.js';
import { HANDOFF_DIALOG } from './handoff-dialog.js';
import { complaintButtonIn } from './complaint-buttons.js';
import { LATE_CHOICE_DIALOG, type LateChoiceOptions } from './late-choice-dialog.js';
import { answeredJustBefore, answerIn, askedKind, asksOnly, asksToDoIt, elapsedOnly, elapsedPart, keyStepIn, namesNothing, type SentMessage, saysEither, saysTried, sendAnswerAgain, sentenceOfKind, speaksOnlyOf, tellsElapsed, ticketIn, triedOnly } from './answer-again.js';
import { answersToEach } from './several-questions.js';
import { TICKET_STATUS_DIALOG, type TicketStatusOptions } from './ticket-status-dialog.js';
import { ticketIdIn } from './ticket-replies.js';
import { namesProblem } from '../src/tickets/index.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE_WATERFALL = 'mainDialog.route';
/** After an answer that asks for the order number: waits for the next message. */
const ORDER_NUMBER_WAIT = 'mainDialog.orderNumber';

export interface MainDialogDeps {
  knowledge: KnowledgeRuntime;
  unanswered: UnansweredLog;
  /** Masks personal data before a question is kept for review. */
  redact: (text: string) => string;
  /** Dialogs an intent can start, registered under the id its `dialog` field names. */
  dialogs?: Dialog[];
  /**
   * `start` the complaint flow (the customer asked to complain), `offer` it (the sentiment
   * trigger: very negative and naming a problem), or neither.
   */
  complaintTrigger?: (text: string, language: Language) => 'start' | 'offer' | undefined;
  /**
   * The bot's latest message in the conversation, as the customer read it: an answer asked for
   * again at once is not sent again word for word (see answer-again.ts).
   */
  lastBotMessage?: (conversationId: string) => Promise<SentMessage | undefined>;
  /**
   * The customer's messages before this one (`currentId`), latest first, `count` at most: a
   * complaint begun with "I want to complain" takes what they already said (see complaint-dialog.ts).
   */
  earlierMessages?: (conversationId: string, currentId: string | undefined, count: number) => Promise<string[]>;
  /** The message is sour (negative, not a plain request): "thanks for nothing" is no thanks to answer cheerfully. */
  soured?: (text: string, language: Language) => boolean;
  /** The bot offered a button with this title earlier in the conversation: a message that is its title is a late press of it. */
  offeredBefore?: (conversationId: string, title: string) => Promise<boolean>;
}

/**
 * How many of the customer's earlier messages a complaint takes in: the one the bot just answered
 * and the one before. Further back lie other matters (an earlier complaint, already on its ticket).
 */
const COMPLAINT_LOOKS_BACK = 2;

/**
 * Other shops and marketplaces: "where is my ebay order" is not about an order of ours, though it
 * reads like one. (Not 京东: 京东快递 is also a courier that delivers our parcels.)
 */
const OTHER_SHOPS = /\b(?:amazon|ebay|aliexpress|temu|shein|walmart|etsy|wish\.com)\b|淘宝|天猫|拼多多|闲鱼|唯品会|抖音|得物|亚马逊/iu;
/** Words of an order and what follows it, in a message the recognizer could not place. */
const ORDER_WORDS = /\b(?:order\w*|parcel|package|deliver\w*|track\w*|refund\w*|return\w*)\b|订单|快递|包裹|物流|退货|退款|换货/iu;
/** The categories of answers about an order of ours: where it is, changing it, sending it back. */
const ORDER_CATEGORIES = new Set(['orders', 'returns']);

/** Asking for the next step, and nothing else: "what now?", "ok so what do I do now", 「那怎么办」, 「然后呢」. */
const WHAT_NEXT =
  /^(?:(?:ok(?:ay)?|so|and|well|hmm+)[,\s]+)*(?:what (?:now|next|then|happens (?:now|next)|should i do(?: now| next)?|do i do(?: now| next)?|can i do(?: now)?|are my options)|what['’]?s next|now what|then what)[\s?!.]*$|^(?:那|那我|那现在|现在|然后|那我该)?(?:怎么办|该怎么办|咋办|怎么弄|然后呢|之后呢|接下来呢|接下来怎么办|接下来会怎么样)(?:呢|啊|呀)?[\s?？!！。]*$/iu;

/** When a person will answer: "when will I hear back?", "when will someone contact me", 「什么时候回复我」, 「多久处理」. */
const HEAR_BACK = /\bwhen\b.*\b(?:hear|reply|replies|respond|answer|get back|contact|call|email|look into)\b|什么时候.*(?:回复|答复|处理|联系|回电|解决)|多久.*(?:回复|答复|处理|联系|解决)/iu;

/** Carrying on from the answer just given: "what about the points I used?", "and the coupon?", "what happens to my points", 「那我用的积分呢」, 「优惠券呢」, 「积分会怎么样」. */
const CONTINUES = /^(?:(?:and|so|but|ok(?:ay)?)[,\s]+)?(?:(?:what|how) about|what (?:happens|will happen|would happen) (?:to|with))\b|^and\b.*\?$|^(?:那|那么|还有)?[^，,。？?！!\s]{1,10}呢[？?！!。\s]*$|^(?:那|那么)?[^，,。？?！!\s]{1,8}会怎么(?:样|处理)呢?[？?！!。\s]*$/iu;

/** Asking what becomes of something, which names no part of an answer: "what happens to my points", 「积分会怎么样」. */
const WHAT_BECOMES = /\bwhat (?:happens|will happen|would happen) (?:to|with)\b|会怎么(?:样|处理)/giu;

/** Words that tell how things stand, not a bare topic ("order", 「订单」): "it already shipped", "still nothing", 「已经发货了」, 「还没收到」. */
const HOW_IT_STANDS = /\b(?:already|still|yet|now|just|had|are|were|(?:did|does|do|is|was|has|have)(?:n['’]?t)?|it['’]?s)\b|了|已经|还没|没有|还是/iu;

/** "Ok", "okay", 「嗯」: heard, not agreed to (see acceptsPerson). */
const ACKNOWLEDGED = /^(?:ok(?:ay)?|k|嗯+)[.!。！]*$/iu;
/** "Ok?", "yes?", 「好的？」: a question back, not a yes. */
const ASKED_BACK = /[?？]\s*$/u;

/** How close an answer of the topic under way must come to the recognizer's choice to win a message pointing back. */
const SAME_TOPIC_SHARE = 0.4;

/** A guess of "Did you mean" this likely is worth offering even to a sour message. */
const LIKELY_GUESS = 0.3;

/** An answer from the knowledge base: no small talk, no dialog (a complaint, a person). */
const isFaqAnswer = (intent: Intent | undefined): intent is Intent => !!intent && !intent.dialog && intent.category !== SMALLTALK_CATEGORY;

/** A message the recognizer answers with at least this score is a question of its own, not a follow-up. */
const FOLLOW_UP_BELOW = 0.5;
/** A "how long?" or "how much?" of the topic under way goes to a neighbouring answer the recognizer gives at least this. */
const NEAREST_AT_LEAST = 0.1;
/** How much likelier the topic just answered is than the recognizer alone thinks, for a short follow-up. */
const FOLLOW_UP_WEIGHT = 4;

/** Words that point back to what was just said: "do I have to pay for that?", "how long until I get the new one?", "do they expire?". */
const POINTS_BACK = /\b(?:that|it|this|they|them|those|the new one)\b|它|这个|那个/iu;

/**
 * Six words (nine, with one pointing back) or ten Chinese characters at most: a follow-up leans on
 * what came before.
 */
function isShort(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[\p{Script=Latin}\d']+/gu)?.length ?? 0;
  return han <= 10 && (words <= 6 || (words <= 9 && POINTS_BACK.test(text)));
}

interface RouteOptions {
  /** Text to route instead of the incoming activity's (a reply to "did you mean"). */
  text?: string;
  /** The customer declined a complaint for this message: just answer it. */
  skipComplaintOffer?: boolean;
  /** Begin this dialog instead of routing a message (a proactive turn, e.g. the CSAT question). */
  start?: { dialog: string; options?: object };
  /** The bot just asked for the order number for this intent: a bare order number answers it, in the question's language. */
  orderFor?: OrderQuestion;
}

/** What the wait for an order number hands back: the message, to be routed knowing the question. */
interface OrderNumberReply {
  reroute: string;
  orderFor: OrderQuestion;
}

interface OrderQuestion {
  intent: string;
  language: Language;
  /** The customer answered with something else once and was asked again: a second time, the message is taken as it is. */
  askedAgain?: boolean;
}

/**
 * Routes every customer message: answer from the knowledge base, ask "Did you mean …?"
 * when two intents are close, start the intent's dialog, or say it is not sure.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(ROUTE_WATERFALL, [this.routeStep.bind(this), this.afterChildStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(ORDER_NUMBER_WAIT, [
        async () => Dialog.EndOfTurn,
        async (step) => step.endDialog({ reroute: step.context.activity.text ?? '', orderFor: step.options as OrderQuestion } satisfies OrderNumberReply),
      ]),
    );
    this.addDialog(new ClarifyDialog(deps.knowledge));
    for (const dialog of deps.dialogs ?? []) this.addDialog(dialog);
    this.initialDialogId = ROUTE_WATERFALL;
  }

  private async routeStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const start = step.options?.start;
    if (start && this.findDialog(start.dialog)) return step.beginDialog(start.dialog, start.options);
    const text = step.options?.text ?? step.context.activity.text ?? '';
    const knowledge = this.deps.knowledge.current();
    const { recognition } = understand(text, knowledge.recognizer, knowledge.intents, await this.languageHint(step, text));
    // An order number right after the bot asked for one answers that question, however it is put
    // ("1048213", "its 1048213", "the order number is PD-20458", "单号 1048213 谢谢"), unless the
    // message says more than that ("order 1048213 arrived broken" is a new question).
    const asked = step.options?.orderFor;
    const bareOrder = asked && !addsDetail(text) ? orderGiven(text) : undefined;
    const awaited = bareOrder ? knowledge.intents.get(asked!.intent) : undefined;
    // A bare number is answered in the question's language; words with it say the customer's own
    // ("我的订单号是 1048213" after an English question is a switch to Chinese).
    const language = awaited && !showsLanguage(text) ? asked!.language : recognition.language;
    const intent = awaited ?? (recognition.decision === 'answer' && recognition.intent ? knowledge.intents.get(recognition.intent) : undefined) ?? orderPageLikeliest(text, recognition, knowledge.intents);
    rememberUnderstanding(step.context, { recognition, answered: intent?.name ?? null });

    // "No", "I don't have one", 「不记得了」 to "give me your order number": where to find it, or a person.
    if (asked && isNoOrder(text)) {
      await this.sayWithPerson(step, 'noOrderNumber', showsLanguage(text) ? language : asked.language);
      return step.endDialog();
    }
    const late = await this.latePress(step, text);
    if (late) return late;
    const accepted = await this.acceptsPerson(step, text);
    if (accepted) return this.begin(step, accepted.dialog, { language: showsLanguage(text) ? language : accepted.language, text });
    if (ticketIdIn(text) && !intent?.dialog && this.findDialog(TICKET_STATUS_DIALOG)) return this.begin(step, TICKET_STATUS_DIALOG, { language, text });
    const filed = await this.ticketJustFiled(step, text, language, intent);
    if (filed) return this.begin(step, TICKET_STATUS_DIALOG, { language, text, id: filed } satisfies TicketStatusOptions);
    const complaint = this.complaintTriggered(text, language, intent, step.options);
    if (complaint) return this.begin(step, COMPLAINT_DIALOG, { language, text, offer: complaint === 'offer' } satisfies ComplaintOptions);
    if (asked && !intent && this.saysNoOrderNumber(text, language, asked)) {
      await this.sayWithPerson(step, 'orderNumberStill', showsLanguage(text) ? language : asked.language);
      return step.beginDialog(ORDER_NUMBER_WAIT, { ...asked, askedAgain: true } satisfies OrderQuestion);
    }

    // Only an e-mail address or a phone number, unasked for ("my email is jane@example.com"): not
    // "not sure" (a second time, "this isn't going well"), nor how to change one's e-mail address.
    if (!asked && !intent?.dialog && contactIn(text) && saysOnlySlots(text)) {
      // An address or a number alone says nothing of a language: the one the customer writes in.
      const saysLanguage = showsLanguage(text.replace(emailPattern, ' '));
      await this.sayWithPerson(step, 'contactUnasked', saysLanguage ? language : ((await this.conversationLanguage(step)) ?? language));
      return step.endDialog();
    }

    if (!awaited && !intent?.dialog) {
      const answered =
        (await this.whatNext(step, text, recognition, language)) ??
        (await this.answerEach(step, text, recognition, language)) ??
        (await this.openPastedOrder(step, text, recognition, language)) ??
        (await this.answerFollowUp(step, text, recognition, language));
      if (answered) return answered;
    }

    if (aboutAnotherShopsOrder(text, intent)) {
      await this.sayWithPerson(step, 'otherShopOrder', language);
      return step.endDialog();
    }

    if (intent) {
      if (intent.dialog && this.findDialog(intent.dialog)) return this.begin(step, intent.dialog, { language, text });
      if (this.souredSmallTalk(intent, text, language)) {
        await this.sayWithPerson(step, 'soured', language);
        return step.endDialog();
      }
      if (!offersOrderPage(intent)) {
        await this.answer(step, intent, language);
        return step.endDialog();
      }
      // "where is 1048213": a number in a question about an order is that order's.
      const order = awaited ? bareOrder : orderGiven(text);
      await this.answer(step, intent, language, order);
      return order ? step.endDialog() : step.beginDialog(ORDER_NUMBER_WAIT, { intent: intent.name, language } satisfies OrderQuestion);
    }

    return this.notSure(step, text, recognition, language, step.options?.skipComplaintOffer === true);
  }

  /**
   * "What now?", 「那怎么办」, "ok so what do I do now": the customer tried what the bot said, or
   * is lost. After an answer, its key step again and the offer of a person; after anything else,
   * an apology and the offer. (They got "Did you mean: Membership and points", or "not sure".)
   */
  private async whatNext(step: WaterfallStepContext, text: string, recognition: Recognition, language: Language): Promise<DialogTurnResult | undefined> {
    if (!WHAT_NEXT.test(canonicalText(text).trim())) return undefined;
    const { intent } = await this.lastTopic(step);
    if (intent) {
      rememberUnderstanding(step.context, { recognition, answered: intent.name });
      await sendAnswerAgain(step.context, intent, language, this.humanIntent());
    } else await this.sayWithPerson(step, 'soured', language);
    return step.endDialog();
  }

  /**
   * "How long will it take?", 「要多久」, "when will I hear back?", "what happens now?", 「然后呢」 right after a complaint was filed
   * (or one ticket's status was told): asked of that ticket (its status and when the team will
   * answer), not of the delivery times or the stock answer the words alone would get.
   */
  private async ticketJustFiled(step: WaterfallStepContext, text: string, language: Language, intent: Intent | undefined): Promise<string | undefined> {
    if (intent?.dialog || !isShort(text) || !this.findDialog(TICKET_STATUS_DIALOG)) return undefined;
    // Asked of nothing the filing message does not name: "how long does a refund take?" is a question of its own.
    const filing = [say('complaintFiled', language, { id: '', sla: '', due: '' })];
    const asking = canonicalText(text);
    const asksWhen = (askedKind(asking) === 'duration' || HEAR_BACK.test(asking)) && asksOnly(asking.replace(HEAR_BACK, ' '), 'duration', filing);
    return asksWhen || WHAT_NEXT.test(asking.trim()) ? ticketIn(await this.deps.lastBotMessage?.(step.context.activity.conversation.id)) : undefined;
  }

  /** Several questions in one message: each gets its answer, in the order asked. */
  private async answerEach(step: WaterfallStepContext, text: string, recognition: Recognition, language: Language): Promise<DialogTurnResult | undefined> {
    const several = answersToEach(this.deps.knowledge.current(), text, localeHint(step.context.activity.locale));
    if (several.length === 0) return undefined;
    rememberUnderstanding(step.context, { recognition, answered: several[0]!.intent.name });
    const order = extractEntities(text).orderNumbers[0];
    for (const each of several) await sendAnswer(step.context, each.intent, language, order);
    return step.endDialog();
  }

  /**
   * At "give me your order number", a statement the bot cannot place and with no number in it
   * ("I ordered it last monday", 「上周一买的」, "it's a blue jacket"): the customer is asked once
   * more, and told where to find it. A question, or sour words, are taken as they are.
   */
  private saysNoOrderNumber(text: string, language: Language, asked: OrderQuestion): boolean {
    return !asked.askedAgain && !orderGiven(text) && !isQuestionText(text) && !this.deps.soured?.(text, language);
  }

  /** An order number sent on its own, unasked for ("1048213", "#PD-20458", "order 1048213"): that order's page. */
  private async openPastedOrder(step: WaterfallStepContext, text: string, recognition: Recognition, language: Language): Promise<DialogTurnResult | undefined> {
    const pasted = pastedOrderNumber(text);
    const orderPageIntent = pasted ? [...this.deps.knowledge.current().intents.values()].find(offersOrderPage) : undefined;
    if (!pasted || !orderPageIntent) return undefined;
    rememberUnderstanding(step.context, { recognition, answered: orderPageIntent.name });
    // A code ("#PD-20458") says nothing of a language: the conversation's (see languageHint). 「订单号 1048213」 says Chinese.
    const codeOnly = !showsLanguage(text.replace(pasted, ' '));
    await sendAnswer(step.context, orderPageIntent, codeOnly ? ((await this.conversationLanguage(step)) ?? language) : language, pasted);
    return step.endDialog();
  }

  /** A short follow-up to the answer just given (see followUpTo): that answer in short, or its neighbour in full. */
  private async answerFollowUp(step: WaterfallStepContext, text: string, recognition: Recognition, language: Language): Promise<DialogTurnResult | undefined> {
    const followed = await this.followUpTo(step, text, recognition);
    if (!followed) return undefined;
    if (followed === 'unsure') return this.notSure(step, text, recognition, language);
    rememberUnderstanding(step.context, { recognition, answered: followed.intent.name });
    if (followed.again) await sendAnswerAgain(step.context, followed.intent, language, this.humanIntent(), { pushedBack: followed.pushedBack === true });
    else await sendAnswer(step.context, followed.intent, language);
    return step.endDialog();
  }

  /**
   * Not understood: kept for the admins' Unanswered list, then "Did you mean …?" with the likely
   * answers, or "not sure" and a person. Abuse or outrage that names no problem ("fuck you",
   * 「太离谱了」) is asked no "Did you mean" (its guesses, the opening hours, would read as
   * mockery) and gets an apology rather than "not sure".
   */
  private async notSure(step: WaterfallStepContext, text: string, recognition: Recognition, language: Language, declinedComplaint = false): Promise<DialogTurnResult> {
    const { intents } = this.deps.knowledge.current();
    // Having just said "No, just answer" to a complaint, the customer is not asked whether they meant one.
    const guesses = (recognition.decision === 'clarify' ? (recognition.candidates ?? []) : [])
      .map((candidate) => candidate.intent)
      .filter((name) => !(declinedComplaint && intents.get(name)?.dialog === COMPLAINT_DIALOG));
    const onlySmallTalk = guesses.length > 0 && guesses.every((name) => intents.get(name)?.category === SMALLTALK_CATEGORY);
    // Abuse or an accusation, where the guesses are no help: "fuck you" (the opening hours), "you guys are scammers" (I'm a bot).
    // A likely answer among them is help, however sour the words: "I bought a jacket two weeks ago and
    // it doesn't fit" (exchange 0.44, return 0.24) is no outrage, and got an apology instead of the choice.
    const likelyAnswer = (recognition.candidates ?? []).some(({ intent, score }) => score >= LIKELY_GUESS && isFaqAnswer(intents.get(intent)));
    const abuse = this.deps.soured?.(text, language) === true && (!namesProblem(text) || onlySmallTalk) && !likelyAnswer;
    const candidates = abuse ? [] : guesses;
    await this.deps.unanswered.record({
      text: this.deps.redact(text),
      language,
      conversationId: step.context.activity.conversation.id,
      kind: candidates.length > 0 ? 'clarify' : 'fallback',
      bestGuesses: recognition.alternatives.slice(0, 3),
    });
    const only = declinedComplaint && candidates.length === 1 ? intents.get(candidates[0]!) : undefined;
    if (only && !only.dialog) {
      rememberUnderstanding(step.context, { recognition, answered: only.name });
      await this.answer(step, only, language);
      return step.endDialog();
    }
    if (candidates.length > 0) return step.beginDialog(CLARIFY_DIALOG, { language, candidates } satisfies ClarifyOptions);
    // To "this is ridiculous" or 「太离谱了」, "Sorry, I didn't get that" reads as not listening: an apology instead.
    await this.sayWithPerson(step, abuse && !isQuestionText(text) ? 'soured' : 'fallback', language);
    return step.endDialog();
  }

  /** A line of the bot's own, with the button that brings in a person. */
  private async sayWithPerson(step: WaterfallStepContext, line: MessageKey, language: Language): Promise<void> {
    const human = this.humanIntent();
    await step.context.sendActivity(reply(say(line, language), language, human ? [titleOf(human, language)] : []));
  }

  /** The intent's answer (the order's page with an order number); in short, with a person offered, when it is the answer just given. */
  private async answer(step: WaterfallStepContext, intent: Intent, language: Language, order?: string): Promise<void> {
    const previous = order === undefined ? await this.deps.lastBotMessage?.(step.context.activity.conversation.id) : undefined;
    if (previous && answeredJustBefore(previous, intent, language)) return sendAnswerAgain(step.context, intent, language, this.humanIntent());
    await sendAnswer(step.context, intent, language, order);
  }

  /**
   * A short message right after an answer (the topic under way), which the recognizer, blind to
   * what came before, reads weakly or as something else. In this order:
   * - how long it has been, told after an answer that says what happens once a time has passed
   *   ("it's been 10 days" after the late-parcel answer, 「已经10天了还没到账」 after the refund
   *   answer; the first got "my answer covers that", the second the late-parcel answer): that part;
   * - tried in vain ("I already tried resetting it, never got the email", 「换了张卡也不行」): a person;
   * - how long or how much, asked of that answer ("how long would that take?" after the
   *   international shipping answer, 「要多久」, "is it free?", 「换货运费谁出」 after the exchange
   *   answer), however surely the recognizer places the words on their own: the sentence of the
   *   answer that tells it;
   * - how long or how much, where that answer tells no such thing: the likeliest answer of the
   *   same kind of topic ("how much is shipping", then "how long would that take?": the delivery
   *   times), or, with none, `unsure` (after the returns answer: its 30 days are a deadline, and
   *   the delivery times the recognizer reads in the words alone would be a guess); unless the
   *   question names a topic its sentence of that kind does not ("how long does a refund take?"
   *   after the late-parcel answer, which mentions "a full refund"): that is answered as itself;
   * - carrying on from it ("what about the points I used?", 「那我用的积分呢」), or telling how
   *   things stand (「已经发货了」 after the change-of-address answer), about nothing it does not
   *   speak of: that answer, however surely the recognizer places the words alone;
   * - "Did you mean" with that answer among the choices: it (the bot just said which one);
   * - not understood, or "Did you mean" without that answer but pointing back to it, about
   *   something the answer says (「能叠加吗」 after the coupon answer, "do they expire?" after the
   *   loyalty answer);
   * - that answer, weighed up as the topic under way, comes out on top ("how do I claim it?"
   *   after the warranty answer, "怎么申请"; it got the price-match answer).
   * `again`: answered in short, as said just before; otherwise the other answer in full.
   */
  private async followUpTo(step: WaterfallStepContext, text: string, recognition: Recognition): Promise<{ intent: Intent; again: boolean; pushedBack?: boolean } | 'unsure' | undefined> {
    // "退款还是退货" right after the refund answer names both topics: a question of its own, whichever came before.
    if (recognition.choice || !isShort(text)) return undefined;
    const confident = recognition.decision === 'answer' && recognition.score >= FOLLOW_UP_BELOW;
    const kind = askedKind(text);
    const canonical = canonicalText(text);
    const continues = CONTINUES.test(canonical.trim());
    const statement = !isQuestionText(text);
    // "已经发货了", "it already shipped": how things stand, told in answer to what the bot said.
    const tellsHowItStands = statement && HOW_IT_STANDS.test(canonical);
    const elapsed = statement && tellsElapsed(text);
    const tried = saysTried(text);
    const leansBack = POINTS_BACK.test(text);
    const doIt = asksToDoIt(text);
    if (confident && !kind && !continues && !tellsHowItStands && !elapsed && !tried && !leansBack && !doIt) return undefined;
    const { previous, intent } = await this.lastTopic(step);
    if (!intent || !answeredJustBefore(previous, intent, recognition.language)) return undefined;
    const answers = intent.answers[recognition.language];
    // "Ok do it" after the account-deletion answer (taken for an "ok"): the bot cannot, so where to do it, and a person.
    if (doIt && keyStepIn(answers) !== undefined) return { intent, again: true };
    // "It's been 10 days" after the late-parcel answer: its part for when that long has passed.
    if (elapsed && (!confident || elapsedOnly(text, answers)) && elapsedPart(answers)) return { intent, again: true };
    // "I already tried resetting it", 「换了张卡也不行」, 「家里人也说没看到」: not that step again, but a person.
    if (tried && !kind && (!confident || recognition.intent === intent.name || saysEither(text) || triedOnly(text, answers))) return { intent, again: true };
    // 「我买了200多」 after the coupon answer (read alone as the warranty answer): how things stand and
    // nothing else, so of that answer, and it did not fit. Small talk (「我知道了」) is small talk.
    if (tellsHowItStands && !kind && !elapsed && !this.isSmallTalk(recognition) && namesNothing(text)) return { intent, again: true, pushedBack: true };
    // "What about the points I used?" after the refund answer, which says what becomes of them;
    // 「已经发货了」 after the change-of-address answer, which says what to do then.
    if ((continues || tellsHowItStands) && speaksOnlyOf(text.replace(WHAT_BECOMES, ' '), answers)) return { intent, again: true };
    // "How long would that take?": about the answer just given, whatever the recognizer makes of the words alone.
    // Asked of its sentence that tells how long (or how much), or, with none, of nothing at all: "how long
    // does a refund take?" after the charged-twice answer asks of a refund, which that answer names in
    // passing ("we refund the extra") while its 3-7 days are a hold's release; it got "not sure".
    const told = kind ? sentenceOfKind(answers, kind) : undefined;
    const leansOnAnswer = kind !== undefined && asksOnly(text, kind, told ? [told] : []);
    if (kind && (!confident || leansOnAnswer) && told) return { intent, again: true };
    // "Why is it taking so long?" after an order's page: of the order (a late parcel), not of a refund, which nothing before spoke of.
    const ofTopic = confident && leansBack && !leansOnAnswer ? this.likelyOfTopic(recognition, intent) : undefined;
    if (ofTopic) return { intent: ofTopic, again: ofTopic.name === intent.name };
    // "How do I use it?" after the gift-card answer (read alone as the product-setup answer, of another
    // category): it names nothing but what was just answered. After a product's answer it is that product's setup.
    if (leansBack && !statement && !kind && namesNothing(text) && this.chosenCategory(recognition) !== intent.category) return { intent, again: true };
    if (confident && !leansOnAnswer) return undefined;
    const neighbour = kind ? this.nearestBeside(recognition, intent) : undefined;
    if (neighbour) return { intent: neighbour, again: false };
    if (leansOnAnswer) return 'unsure';
    if (recognition.decision === 'clarify' && recognition.candidates?.some((candidate) => candidate.intent === intent.name)) return { intent, again: true };
    // A bare topic the answer names ("订单" after the returns answer) is still asked "Did you mean"; "do they expire?" points back.
    const pointsBack = recognition.decision === 'fallback' || (recognition.decision === 'clarify' && POINTS_BACK.test(text));
    if (pointsBack && speaksOnlyOf(text, answers)) return { intent, again: true };
    const score = recognition.alternatives.find((alternative) => alternative.intent === intent.name)?.score ?? 0;
    return score * FOLLOW_UP_WEIGHT > recognition.score ? { intent, again: true } : undefined;
  }

  /**
   * The bot's latest message, and the topic under way if that message was a knowledge-base answer
   * (not a dialog's, not small talk): what "what now?" or a short follow-up is about.
   */
  private async lastTopic(step: WaterfallStepContext): Promise<{ previous: SentMessage | undefined; intent: Intent | undefined }> {
    const previous = await this.deps.lastBotMessage?.(step.context.activity.conversation.id);
    const name = answerIn(previous);
    const intent = name === undefined ? undefined : this.deps.knowledge.current().intents.get(name);
    return { previous, intent: isFaqAnswer(intent) ? intent : undefined };
  }

  /**
   * For a message pointing back ("it", "that"), when the recognizer's choice is of another category
   * than the topic under way: its likeliest answer of the topic's category, if that comes close
   * (at least SAME_TOPIC_SHARE of the choice's score).
   */
  private likelyOfTopic(recognition: Recognition, topic: Intent): Intent | undefined {
    const intents = this.deps.knowledge.current().intents;
    if (this.chosenCategory(recognition) === topic.category) return undefined;
    return recognition.alternatives
      .filter((alternative) => alternative.score >= recognition.score * SAME_TOPIC_SHARE)
      .map((alternative) => intents.get(alternative.intent))
      .find((each) => isFaqAnswer(each) && each.category === topic.category);
  }

  /** The recognizer took the message for small talk ("ok", 「我知道了」). */
  private isSmallTalk(recognition: Recognition): boolean {
    return this.chosenCategory(recognition) === SMALLTALK_CATEGORY;
  }

  /** The category of the recognizer's choice, if it made one. */
  private chosenCategory(recognition: Recognition): string | undefined {
    return recognition.intent ? this.deps.knowledge.current().intents.get(recognition.intent)?.category : undefined;
  }

  /** The recognizer's likeliest answer other than `topic`, if it is of the same category (an answer, not a dialog or small talk). */
  private nearestBeside(recognition: Recognition, topic: Intent): Intent | undefined {
    const intents = this.deps.knowledge.current().intents;
    const nearest = recognition.alternatives
      .filter((alternative) => alternative.score >= NEAREST_AT_LEAST && alternative.intent !== topic.name)
      .map((alternative) => intents.get(alternative.intent))
      .find(isFaqAnswer);
    return nearest?.category === topic.category ? nearest : undefined;
  }

  /**
   * A complaint button pressed after its flow ended (no complaint dialog is under way): "Yes, file
   * a complaint" starts one; any other says the choice has passed (see late-choice-dialog.ts).
   */
  private async latePress(step: WaterfallStepContext, text: string): Promise<DialogTurnResult | undefined> {
    const pressed = complaintButtonIn(text);
    if (!pressed || !this.findDialog(LATE_CHOICE_DIALOG)) return undefined;
    // "Cancel the complaint" means only that; other titles ("Change something") are taken as presses only where they were offered.
    if (pressed.button !== 'complaintCancelButton' && !(await this.deps.offeredBefore?.(step.context.activity.conversation.id, text))) return undefined;
    if (pressed.button === 'complaintOfferYes') return this.begin(step, COMPLAINT_DIALOG, { language: pressed.language, text } satisfies ComplaintOptions);
    rememberStartedDialog(step.context, LATE_CHOICE_DIALOG);
    return step.beginDialog(LATE_CHOICE_DIALOG, pressed satisfies LateChoiceOptions);
  }

  /**
   * "Yes" to a message whose one button brings in a person ("… or I can connect you with a person
   * right away", "I'm not sure I understood … I can also connect you with a person"): that button,
   * pressed, in the language of the offer. A bare "ok" is taken as heard, and "ok?" as a question
   * back, not as yes; so is any yes to an answer from the knowledge base that also offers a person.
   */
  private async acceptsPerson(step: WaterfallStepContext, text: string): Promise<{ dialog: string; language: Language } | undefined> {
    if (!isYes(text) || ACKNOWLEDGED.test(text.trim()) || ASKED_BACK.test(text)) return undefined;
    const previous = await this.deps.lastBotMessage?.(step.context.activity.conversation.id);
    const only = previous?.buttons?.length === 1 ? previous.buttons[0]! : undefined;
    if (only === undefined || typeof previous?.locale !== 'string') return undefined;
    const knowledge = this.deps.knowledge.current();
    // An answer ("In short, as above: … or I can connect you with a person"), then 「行」 or "ok": the answer heard, not the person asked for.
    const answered = answerIn(previous);
    if (answered !== undefined && knowledge.intents.get(answered)?.category !== SMALLTALK_CATEGORY) return undefined;
    const { recognition, matchedBy } = understand(only, knowledge.recognizer, knowledge.intents, localeHint(previous.locale));
    const dialog = matchedBy === 'title' && recognition.intent ? knowledge.intents.get(recognition.intent)?.dialog : undefined;
    return dialog === HANDOFF_DIALOG && this.findDialog(dialog) ? { dialog, language: languageOfLocale(previous.locale) } : undefined;
  }

  /**
   * Small talk said sourly ("thanks for nothing", 「谢谢，真失望」, "bye, useless bot"): its cheerful
   * answer ("You're welcome, glad to help!") would mock the customer. Small talk whose answer
   * already says sorry (the knowledge base's "you're not helping") keeps it.
   */
  private souredSmallTalk(intent: Intent, text: string, language: Language): boolean {
    if (intent.category !== SMALLTALK_CATEGORY || !this.deps.soured?.(text, language)) return false;
    return !intent.answers[language].some(apologises);
  }

  /**
   * The language to read a message in when its words do not decide: the page's; for a message that
   * shows none ("ok", "👍", "1048213"), the one the bot last answered in, which is the one the customer
   * writes in. A Chinese customer's "👍" on an English page was answered in English.
   */
  private async languageHint(step: WaterfallStepContext, text: string): Promise<Language | undefined> {
    return showsLanguage(text) ? localeHint(step.context.activity.locale) : this.conversationLanguage(step);
  }

  /** The language the bot last answered in (the customer's), else the page's. */
  private async conversationLanguage(step: WaterfallStepContext): Promise<Language | undefined> {
    const previous = await this.deps.lastBotMessage?.(step.context.activity.conversation.id);
    return typeof previous?.locale === 'string' ? languageOfLocale(previous.locale) : localeHint(step.context.activity.locale);
  }

  /** The intent that brings in a person, offered as a button. */
  private humanIntent(): Intent | undefined {
    return [...this.deps.knowledge.current().intents.values()].find((candidate) => candidate.dialog === 'handoff');
  }

  private async begin(step: WaterfallStepContext, dialogId: string, options: object): Promise<DialogTurnResult> {
    const { intents } = this.deps.knowledge.current();
    const answered = understandingOf(step.context)?.answered;
    const opens = answered && intents.get(answered)?.dialog === dialogId ? answered : [...intents.values()].find((intent) => intent.dialog === dialogId)?.name;
    rememberStartedDialog(step.context, dialogId, opens);
    if (dialogId !== COMPLAINT_DIALOG || !this.deps.earlierMessages) return step.beginDialog(dialogId, options);
    // A complaint takes what the customer already said in the chat.
    const { activity } = step.context;
    const earlier = await this.deps.earlierMessages(activity.conversation.id, activity.id, COMPLAINT_LOOKS_BACK);
    return step.beginDialog(dialogId, { ...options, earlier } satisfies Partial<ComplaintOptions>);
  }

  private async afterChildStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as (Partial<RerouteResult & OrderNumberReply> & ComplaintResult) | undefined;
    if (result?.reroute !== undefined) {
      return step.replaceDialog(ROUTE_WATERFALL, { text: result.reroute, skipComplaintOffer: result.skipComplaintOffer, orderFor: result.orderFor } satisfies RouteOptions);
    }
    return step.endDialog();
  }

  /**
   * Complaint words start the complaint flow, and a strongly negative message that names a
   * problem is offered one, rather than an FAQ answer; unless the message already starts a
   * dialog (a complaint, a ticket status, a human) or the customer declined.
   */
  private complaintTriggered(text: string, language: Language, intent: Intent | undefined, options: RouteOptions | undefined): 'start' | 'offer' | undefined {
    if (options?.skipComplaintOffer || intent?.dialog || !this.deps.complaintTrigger || !this.findDialog(COMPLAINT_DIALOG)) return undefined;
    return this.deps.complaintTrigger(text, language);
  }
}

/**
 * An order from another site: an answer about orders of ours for a message that names another shop
 * ("where is my ebay order"), or, understood as nothing, one that names another shop and an order
 * ("how do I track a package I ordered on amazon", 「淘宝买的东西怎么退货」). An intent that starts a
 * dialog (a complaint, a person) still starts it.
 */
function aboutAnotherShopsOrder(text: string, intent: Intent | undefined): boolean {
  return OTHER_SHOPS.test(text) && (intent ? !intent.dialog && ORDER_CATEGORIES.has(intent.category) : ORDER_WORDS.test(text));
}

/**
 * "where is 1048213": an order number, in a message whose likeliest reading (not sure enough to
 * answer on its own) is the answer that opens an order's page. The number settles it.
 */
function orderPageLikeliest(text: string, recognition: Recognition, intents: ReadonlyMap<string, Intent>): Intent | undefined {
  const likeliest = recognition.decision === 'clarify' ? intents.get(recognition.candidates?.[0]?.intent ?? '') : undefined;
  return likeliest && offersOrderPage(likeliest) && orderGiven(text) ? likeliest : undefined;
}

/**
 * A message that is only an order number: one it calls an order ("order 1048213", "my order
 * number is 1048213"), or a bare code with letters ("PD-20458") or six digits and more ("1048213").
 * Shorter bare numbers (a year, a quantity, a postcode) are not taken for one unasked.
 */
function pastedOrderNumber(text: string): string | undefined {
  const order = bareOrderNumber(text);
  if (order) return /[A-Z]/u.test(order) || /\d{6,}/u.test(order) ? order : undefined;
  return saysOnlySlots(text) ? extractEntities(text).orderNumbers[0] : undefined;
}

/** An order number in a short reply: a named one, a bare one, or one run of 5-20 digits that is not a phone number. */
function orderGiven(text: string): string | undefined {
  const entities = extractEntities(text);
  if (entities.orderNumbers[0]) return entities.orderNumbers[0];
  if (entities.phones.length > 0) return undefined;
  const runs = text.normalize('NFKC').match(/\d{5,20}/gu) ?? [];
  return bareOrderNumber(text) ?? (runs.length === 1 ? runs[0] : undefined);
}
