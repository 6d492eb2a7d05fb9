import { ActionTypes, type Activity, ActivityTypes, type TurnContext } from '../src/bot/botbuilder-lite.js';
import { ORDER_PLACEHOLDER, type Intent, type PublishedKnowledge, SMALLTALK_CATEGORY, understand } from '../src/kb/index.js';
import { say } from '../src/bot/messages.js';
import type { Language, Recognition } from '../src/nlu/types.js';
import { localeOf } from '../src/nlu/language.js';
import { HANDOFF_DIALOG } from './handoff-dialog.js';

/** The knowledge base understands the message, with confidence, as asking for a person. */
export function asksForHuman(knowledge: PublishedKnowledge, text: string): boolean {
  const recognition = knowledge.recognizer.recognize(text);
  return recognition.decision === 'answer' && knowledge.intents.get(recognition.intent ?? '')?.dialog === HANDOFF_DIALOG;
}

/** Below this calibrated score an answer is not given inside a dialog, which would rather take the message as its own. */
const ANSWER_IN_DIALOG_AT_LEAST = 0.75;

/** Intents of chit-chat (hello, thanks, "are you a bot?"): not questions a dialog should stop for. */
export { SMALLTALK_CATEGORY };

/** A knowledge-base answer to a message, and what the recognizer made of it. */
export interface KnowledgeAnswer {
  intent: Intent;
  recognition: Recognition;
}

/**
 * The knowledge base answers the message with confidence from an FAQ intent (one that answers,
 * rather than starts a dialog, and is no small talk): what a dialog under way may stop to answer.
 * `languageHint`: the language of the customer's page, as for any message.
 */
export function knowledgeAnswerTo(knowledge: PublishedKnowledge, text: string, languageHint?: Language): KnowledgeAnswer | undefined {
  const { recognition } = understand(text, knowledge.recognizer, knowledge.intents, languageHint);
  if (recognition.decision !== 'answer' || recognition.score < ANSWER_IN_DIALOG_AT_LEAST) return undefined;
  const intent = knowledge.intents.get(recognition.intent ?? '');
  if (!intent || intent.dialog || intent.category === SMALLTALK_CATEGORY) return undefined;
  return { intent, recognition };
}

/** What one turn understood; the bot's trace reports it. */
export interface TurnUnderstanding {
  recognition: Recognition;
  /** The intent answered, `null` when the bot was not sure enough to answer. */
  answered: string | null;
  /** A dialog this message started (a complaint, a human, a ticket status …). */
  startedDialog?: string;
  /** The dialog under way whose question this message set aside for an answer (a refund question mid-complaint): it goes on. */
  answeredInside?: string;
}

const UNDERSTANDING = Symbol('parley.understanding');

export function rememberUnderstanding(context: TurnContext, understanding: TurnUnderstanding): void {
  context.turnState.set(UNDERSTANDING, understanding);
}

/**
 * Note that the message started a dialog, so other parts of the turn do not offer a second one.
 * `intent`: the knowledge-base intent that opens this dialog, now what the message was taken as
 * (complaint words beside an order question, an upset message offered a complaint, a ticket
 * number): the bot handled it, so the dashboard counts it under that intent, not as "not sure".
 */
export function rememberStartedDialog(context: TurnContext, dialogId: string, intent?: string): void {
  const understanding = understandingOf(context);
  if (!understanding) return;
  understanding.startedDialog = dialogId;
  if (intent) understanding.answered = intent;
}

export function understandingOf(context: TurnContext): TurnUnderstanding | undefined {
  return context.turnState.get(UNDERSTANDING) as TurnUnderstanding | undefined;
}

/** A message in a language, with quick replies when there are choices. */
export function reply(text: string, language: Language, quickReplies: readonly string[] = []): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    locale: localeOf(language),
    ...(quickReplies.length > 0
      ? {
          suggestedActions: {
            to: [],
            actions: quickReplies.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
          },
        }
      : {}),
  };
}

/** The short label of an intent for buttons, in a language. */
export function titleOf(intent: Intent, language: Language): string {
  return intent.title?.[language] ?? intent.utterances[language][0] ?? intent.name;
}

/** The intent links to one order's own page (`orderUrl`), so an order number makes a better answer. */
export const offersOrderPage = (intent: Intent): boolean => (intent.links ?? []).some((link) => link.orderUrl);

/**
 * Answer from the knowledge base: one of the intent's answers, its links and quick replies.
 * With the customer's order number, an intent that offers an order's page answers with that
 * page instead.
 */
export async function sendAnswer(context: TurnContext, intent: Intent, language: Language, order?: string): Promise<void> {
  const forOrder = order !== undefined && offersOrderPage(intent);
  // Vary between an intent's answers from turn to turn, deterministically for tests.
  const text = forOrder ? say('orderPage', language, { order }) : answerOf(intent, language, context.activity.id ?? '');
  const links = linkLines(intent, language, forOrder ? order : undefined);
  // Marked as an answer: the widget offers thumbs up/down on answers only, and only they count.
  // An order's page says which order, so a question asked again after it is not taken for a repeat (answer-again.ts).
  const parley = forOrder ? { answer: intent.name, order } : { answer: intent.name };
  await context.sendActivity({ ...reply([text, ...links].join('\n'), language, intent.quickReplies?.[language] ?? []), channelData: { parley } });
}

/** One of an intent's answers in a language, chosen by `seed` (the same seed, the same answer). */
export function answerOf(intent: Intent, language: Language, seed: string): string {
  const answers = intent.answers[language];
  return answers[hashOf(seed) % answers.length]!;
}

/** An intent's links as "label: url" lines; with an order number, a link's order page where it has one. */
export function linkLines(intent: Intent, language: Language, order?: string): string[] {
  return (intent.links ?? []).map((link) => {
    const url = order !== undefined && link.orderUrl ? link.orderUrl.replace(ORDER_PLACEHOLDER, encodeURIComponent(order)) : link.url;
    return `${link.label[language]}: ${url}`;
  });
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash;
}
