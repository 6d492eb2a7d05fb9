import type { Activity, Middleware, TurnContext } from './botbuilder-lite.js';
import { answerIn } from '../../dialogs/answer-again.js';
import { LATE_CHOICE_DIALOG } from '../../dialogs/late-choice-dialog.js';
import { reply, SMALLTALK_CATEGORY, understandingOf } from '../../dialogs/knowledge-replies.js';
import type { ConversationRecord } from '../conversations/index.js';
import {
  type ConversationInsight,
  type CustomerTurn,
  type CustomerViews,
  isCancelIntent,
  isComplaintIntent,
  isOfferedChoice,
  type ProfileService,
  type TurnOutcome,
} from '../customers/index.js';
import type { EventBus } from '../events/index.js';
import type { KnowledgeRuntime } from '../kb/index.js';
import type { Logger } from '../logger.js';
import { languageOfLocale, languageOfMessage } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import { isUpset, type Sentiment } from '../sentiment/types.js';
import { apologises, say } from './messages.js';

/** The event the widget sends when the customer agrees to (or declines) profiling. */
export const CONSENT_EVENT = 'parley.consent';
/** A message at or below this score makes the bot offer a human at once. */
export const STRONGLY_NEGATIVE = -0.8;
/** Fallbacks in a row after which the bot offers a human. */
export const FALLBACKS_BEFORE_HUMAN = 2;

/**
 * Why a person is offered after a turn, if they are (once a chat; see offerHumanIfNeeded): a
 * strongly negative message that was no click on a choice, or `fallbacksInARow` (this turn's
 * included) reaching FALLBACKS_BEFORE_HUMAN.
 */
function reasonToOfferHuman(score: number, choice: boolean, fallbacksInARow: number): 'negative_sentiment' | 'repeated_fallback' | undefined {
  if (score <= STRONGLY_NEGATIVE && !choice) return 'negative_sentiment';
  return fallbacksInARow >= FALLBACKS_BEFORE_HUMAN ? 'repeated_fallback' : undefined;
}

/** A reply that thanks, acknowledges or says goodbye ("Thanks for chatting…", "Got it: …", "好的，已取消"): no place for "sorry about the trouble". */
const THANKS_OR_GOODBYE = /^(?:thanks|thank you|you're welcome|no problem|got it|ok\b|okay|great|goodbye|bye)|^(?:谢谢|感谢|多谢|不客气|好的|收到|再见)/iu;

export interface ProfileRecorderDeps {
  profiles: ProfileService;
  views: CustomerViews;
  conversations: { find(id: string): Promise<ConversationRecord | undefined> };
  knowledge: KnowledgeRuntime;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
  events: EventBus;
  logger: Logger;
  /** Agents online now; with none, the bot offers a person instead of queueing the chat. */
  agentsOnline: () => number;
}

/**
 * Turn middleware: scores each customer message, records it (with the turn's outcome) into
 * the conversation and the customer's profile, softens the bot's tone for a frustrated
 * customer, and offers a human when the mood or the answers go wrong.
 */
export class ProfileRecorder implements Middleware {
  constructor(private readonly deps: ProfileRecorderDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === 'event' && activity.name === CONSENT_EVENT) {
      await this.recordConsent(activity);
      return next();
    }
    const offered = watchOfferedChoices(context);
    const record = isCustomerText(activity) ? await this.deps.conversations.find(activity.conversation.id) : undefined;
    if (!record) {
      await next();
      // A turn the customer did not start (a ticket update, the rating after a handoff) may offer choices too.
      const choices = offered();
      if (choices && activity.conversation?.id) await this.deps.profiles.noteOfferedChoices(activity.conversation.id, choices).catch((error: unknown) => this.deps.logger.error({ err: error }, 'could not note the choices offered'));
      return;
    }
    const text = activity.text!;
    const language = languageOfMessage(text, activity.locale);
    const sentiment = this.deps.analyzeSentiment(text, language);
    // A click on a quick reply ("Yes", "4", "Reply in this chat") is recorded, but is no reading of the customer's mood.
    const before = await this.deps.profiles.insight(record.id);
    const choice = isOfferedChoice(text, before);
    const { frustrated } = await this.deps.profiles.moodWith(record.customerId, record.id, choice ? null : sentiment.score);
    // Shorter replies while frustrated; an apology only when this message is itself unhappy,
    // so a calm follow-up question is not met with "sorry" every time. A "not sure" that a
    // person's offer follows (see offerHumanIfNeeded) does not offer one itself.
    // (Were this turn a "not sure", it would be one more in a row.)
    const offerFollows = !before?.offeredHumanAt && reasonToOfferHuman(sentiment.score, choice, (before?.fallbacksInARow ?? 0) + 1) !== undefined;
    // Nor an apology where the offer of a person follows the reply: that offer says sorry itself.
    const offerApologises = () => offerFollows && offersHumanAfter(context, record);
    if (frustrated || offerFollows) {
      // A button pressed late ("不用，先回答问题" under an offer long passed) is told the choice has passed: no apology to a click.
      const latePress = () => understandingOf(context)?.startedDialog === LATE_CHOICE_DIALOG;
      softenReplies(context, language, { short: frustrated, brief: offerFollows, apologise: frustrated && !choice && isUpset(sentiment) }, (reply) => this.fitsApology(reply) && !offerApologises() && !latePress());
    }
    await next();
    try {
      const choices = offered();
      const turn: CustomerTurn = { ...this.turnOf(context, record, sentiment), choice, ...(choices ? { offered: choices } : {}) };
      const insight = await this.deps.profiles.recordTurn(turn);
      await this.offerHumanIfNeeded(context, insight, turn, language);
      await this.announce(record, insight);
    } catch (error) {
      // The customer's answer is out already; a profile that missed one message is no reason to fail the turn.
      this.deps.logger.error({ err: error, conversationId: record.id }, 'could not record the turn in the profile');
    }
  }

  /**
   * "Sorry about the trouble" reads naturally before this reply: one that does not apologise
   * already, and no thanks, goodbye or other small talk ("Thanks for chatting…", "不客气").
   */
  private fitsApology(reply: Partial<Activity>): boolean {
    const text = reply.text?.trim() ?? '';
    const answered = answerIn({ locale: reply.locale, channelData: reply.channelData });
    const intent = answered === undefined ? undefined : this.deps.knowledge.current().intents.get(answered);
    return !apologises(text) && !THANKS_OR_GOODBYE.test(text) && intent?.category !== SMALLTALK_CATEGORY;
  }

  private async recordConsent(activity: Partial<Activity>): Promise<void> {
    const profiling = (activity.value as { profiling?: unknown } | undefined)?.profiling;
    const record = activity.conversation?.id ? await this.deps.conversations.find(activity.conversation.id) : undefined;
    if (typeof profiling !== 'boolean' || !record) return;
    await this.deps.profiles.setConsent(record.customerId, profiling);
  }

  private turnOf(context: TurnContext, record: ConversationRecord, sentiment: Sentiment): CustomerTurn {
    const understanding = understandingOf(context);
    const intent = understanding?.answered ? this.deps.knowledge.current().intents.get(understanding.answered) : undefined;
    let outcome: TurnOutcome = 'none';
    if (understanding) {
      if (intent) outcome = intent.dialog ? 'dialog' : 'answered';
      else outcome = understanding.recognition.decision === 'clarify' ? 'clarified' : 'fallback';
    }
    return {
      conversationId: record.id,
      customerId: record.customerId,
      activityId: context.activity.id ?? '',
      sentiment,
      outcome,
      complaint: intent ? isComplaintIntent(intent) : false,
      cancelRequest: intent ? isCancelIntent(intent) : false,
    };
  }

  /**
   * Strongly negative: bring in a person (with nobody online, offer one). Lost twice in a row:
   * offer a person, and keep helping: the customer decides (queued without asking, they found
   * the bot silent while they waited, when all they wanted was to ask another way). Once a chat.
   */
  private async offerHumanIfNeeded(context: TurnContext, insight: ConversationInsight, turn: CustomerTurn, language: Language): Promise<void> {
    if (insight.offeredHumanAt) return;
    const reason = reasonToOfferHuman(turn.sentiment.score, turn.choice === true, insight.fallbacksInARow);
    if (!reason) return;
    // The message may have started a dialog of its own this turn (a complaint offer, a person
    // asked for), gone to a dialog already under way (no understanding: it answered that
    // dialog's question, e.g. what happened, in a complaint; or was answered inside it, which
    // then asks its question again), or an agent may have the chat: one thing at a time.
    const understanding = understandingOf(context);
    if (!understanding || understanding.startedDialog || understanding.answeredInside) return;
    const current = await this.deps.conversations.find(turn.conversationId);
    if (current?.status !== 'bot') return;
    await this.deps.profiles.markOfferedHuman(turn.conversationId);
    const offline = this.deps.agentsOnline() === 0;
    if (offline || reason === 'repeated_fallback') {
      // Queueing a chat nobody can take would silence the bot for a customer who never asked
      // for a person: offer one (a ticket, via the human intent) and keep helping.
      const human = [...this.deps.knowledge.current().intents.values()].find((intent) => intent.dialog === 'handoff');
      await context.sendActivity(reply(say(offline ? 'humanOfferedOffline' : 'humanOfferedForFallbacks', language), language, human?.title ? [human.title[language]] : []));
      return;
    }
    this.deps.events.publish('handoff.requested', { conversationId: turn.conversationId, reason });
    await context.sendActivity(reply(say('handoffForMood', language), language));
  }

  /** Tell listeners (the agent console) the customer's tags and mood changed. */
  private async announce(record: ConversationRecord, insight: ConversationInsight): Promise<void> {
    const profile = await this.deps.profiles.get(record.customerId);
    const tags = profile ? (await this.deps.views.assess(profile)).tags.map((tag) => tag.name) : [];
    this.deps.events.publish('customer.updated', {
      customerId: record.customerId,
      conversationId: record.id,
      tags,
      mood: insight.mood,
      temperature: insight.temperature.score,
    });
  }
}

/**
 * Whether offerHumanIfNeeded will send its offer after the turn's replies, as far as the turn so
 * far tells: not when the message started a dialog, went to one under way, or an agent has the chat.
 */
function offersHumanAfter(context: TurnContext, record: ConversationRecord): boolean {
  const understanding = understandingOf(context);
  return record.status === 'bot' && !!understanding && !understanding.startedDialog && !understanding.answeredInside;
}

function isCustomerText(activity: Partial<Activity>): boolean {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.trim() !== '' && activity.from?.role !== 'bot';
}

/**
 * Watches what the bot sends this turn: the quick replies of its last message (`[]` when that
 * message offered none), or undefined when it sent no message.
 */
function watchOfferedChoices(context: TurnContext): () => string[] | undefined {
  let offered: string[] | undefined;
  context.onSendActivities(async (_context, activities, nextSend) => {
    for (const activity of activities) {
      if (activity.type !== 'message') continue;
      offered = (activity.suggestedActions?.actions ?? []).flatMap((action) => [action.title, typeof action.value === 'string' ? action.value : undefined]).filter((each): each is string => !!each);
    }
    return nextSend();
  });
  return () => (offered ? [...new Set(offered)] : undefined);
}

/**
 * The first reply of the turn, reworded: a "not sure" `brief` (and without buttons) when the offer
 * of a person follows it, `short` for a frustrated customer; else a short apology before it (`apologise`), where
 * one `fits` (see fitsApology).
 */
function softenReplies(context: TurnContext, language: Language, { short, brief, apologise }: { short: boolean; brief: boolean; apologise: boolean }, fits: (reply: Partial<Activity>) => boolean): void {
  let softened = false;
  context.onSendActivities(async (_context, activities, nextSend) => {
    for (const activity of activities) {
      if (softened || activity.type !== 'message' || !activity.text) continue;
      softened = true;
      // The apology for sour words ("this is ridiculous") gives way to the offer's own too.
      const notSure = activity.text === say('fallback', language);
      if ((notSure && (brief || short)) || (brief && activity.text === say('soured', language))) {
        activity.text = say(brief ? 'fallbackBrief' : 'fallbackShort', language);
        // The offer right after it carries the button to a person: the same button twice in a row reads as two choices.
        if (brief) delete activity.suggestedActions;
      }
      // In the reply's own language: a customer who wrote Chinese mid-complaint is answered in Chinese even when this message reads as English ("blah").
      else if (apologise && fits(activity)) activity.text = say('apologyPrefix', activity.locale ? languageOfLocale(activity.locale) : language) + activity.text;
    }
    return nextSend();
  });
}
