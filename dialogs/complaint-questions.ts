import type { Activity } from '../src/bot/botbuilder-lite.js';
import { type MessageKey, say } from '../src/bot/messages.js';
import type { Language } from '../src/nlu/types.js';
import { asksAboutContact, asksGeneralQuestion, asksWhyContact, asksWhyNeeded, contactIn, isContactInChat, isNoOrder, isYes, orderAnswer, orderNumbersIn } from './complaint-parsing.js';
import { reply } from './knowledge-replies.js';

/**
 * The questions of the complaint flow, and what a message put at each one is: its answer, a
 * question about it ("why do you need my email?"), or a question of its own the knowledge base
 * may answer before the flow asks again.
 */
export const OFFER = 'complaint.offer';
export const DESCRIPTION = 'complaint.description';
export const ORDER = 'complaint.order';
export const CONTACT = 'complaint.contact';
export const CONFIRM = 'complaint.confirm';

const HELP: Record<string, MessageKey> = {
  [OFFER]: 'complaintHelpOffer',
  [DESCRIPTION]: 'complaintHelpDescription',
  [ORDER]: 'complaintHelpOrder',
  [CONTACT]: 'complaintHelpContact',
  [CONFIRM]: 'complaintHelpConfirm',
};

/** Why the flow asks what it asks, and the question again, in one line. */
const WHY: Record<string, MessageKey> = {
  [ORDER]: 'complaintWhyOrder',
  [CONTACT]: 'complaintWhyContact',
};

/** Each question in one line, with its buttons: asked again after answering something put in between. */
const RESUME: Record<string, { line: MessageKey; buttons: MessageKey[] }> = {
  [DESCRIPTION]: { line: 'complaintResumeDescription', buttons: [] },
  [ORDER]: { line: 'complaintResumeOrder', buttons: ['complaintNoOrder'] },
  [CONTACT]: { line: 'complaintResumeContact', buttons: ['complaintContactInChat'] },
  [CONFIRM]: { line: 'complaintResumeConfirm', buttons: ['complaintConfirmYes', 'complaintConfirmChange'] },
};

/**
 * The prompt of a question the flow asks by a text prompt, with its retry, in a language: at its
 * step, and again when the customer changes language at it, so the question asked again (and
 * "That doesn't look like an order number") follows them.
 */
export function questionIn(asking: string, language: Language) {
  const ask = (line: MessageKey, ...buttons: MessageKey[]) => reply(say(line, language), language, buttons.map((key) => say(key, language)));
  if (asking === DESCRIPTION) return { prompt: ask('complaintAskDescription') };
  if (asking === ORDER) return { prompt: ask('complaintAskOrder', 'complaintNoOrder'), retryPrompt: ask('complaintOrderInvalid', 'complaintNoOrder', 'complaintCancelButton') };
  if (asking === CONTACT) return { prompt: ask('complaintAskContact', 'complaintContactInChat'), validations: { language } };
  return undefined;
}

/** "help" at a question: what the flow needs there. */
export const helpLine = (asking: string, language: Language) => say('complaintHelp', language, { now: say(HELP[asking] ?? 'complaintHelpDescription', language) });

/** `line` (by default the question itself, in one line) with the question's buttons, and `more` after them. */
export function askingAgain(asking: string, language: Language, line: MessageKey = RESUME[asking]!.line, more: readonly MessageKey[] = []) {
  return reply(say(line, language), language, [...RESUME[asking]!.buttons, ...more].map((key) => say(key, language)));
}

/** The message answers the question the flow is asking (an order number or none, a contact or "in the chat", "yes"). */
export function answers(text: string, asking: string): boolean {
  if (asking === ORDER) return orderAnswer(text) !== undefined || isNoOrder(text);
  if (asking === CONTACT) return contactIn(text) !== undefined || isContactInChat(text);
  return asking === CONFIRM && isYes(text);
}

/** Names an order or a contact: the flow takes it, whatever else it says. */
const givesSomething = (text: string) => orderNumbersIn(text).length > 0 || contactIn(text) !== undefined;

/**
 * The customer asks about what the flow asks for rather than giving it: why it is needed
 * ("why do you need my email?", at the order or contact question), or which will do ("do you
 * need my phone or email?", "what if I don't have an email?"). The replies that answer and ask
 * again: at the question asked about, one line. Asked ahead of the contact question (「为什么要我的
 * 手机号？」 where the flow asks what happened), why a contact is wanted, then the question under way
 * again with "Reply in this chat" among its buttons, the way to go on without one (not the
 * question filed as what happened).
 */
export function aboutTheQuestion(text: string, asking: string, language: Language): Partial<Activity>[] | undefined {
  if (answers(text, asking) || givesSomething(text)) return undefined;
  if (asking === CONTACT) {
    const about = asksAboutContact(text);
    const line = about === 'why' ? WHY[CONTACT] : about === 'which' ? 'complaintContactEither' : undefined;
    return line ? [askingAgain(asking, language, line)] : undefined;
  }
  if (asking in RESUME && asksWhyContact(text)) return [reply(say(WHY[CONTACT]!, language), language), askingAgain(asking, language, undefined, ['complaintContactInChat'])];
  return WHY[asking] && asksWhyNeeded(text) ? [askingAgain(asking, language, WHY[asking])] : undefined;
}

/**
 * A question of its own ("how long does a refund take?", "退款多久到账？") put where the flow
 * asked something else, for the knowledge base to answer if it can. Not a message that answers
 * the question or names an order or a contact (the flow takes those), nor the customer's own
 * problem put as a question ("why was I charged twice?"): that belongs to the complaint.
 */
export const mayAskAside = (text: string, asking: string): boolean => asking in RESUME && !answers(text, asking) && !givesSomething(text) && asksGeneralQuestion(text);
