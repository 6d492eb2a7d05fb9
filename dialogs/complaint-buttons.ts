import { type MessageKey, say } from '../src/bot/messages.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { CONFIRM, CONTACT, OFFER, ORDER } from './complaint-questions.js';

/**
 * The complaint flow's buttons. A press arrives as the button's title, like typed text, and may
 * come late: from a question already answered, or from a flow that has ended ("No, just answer"
 * under an offer long passed). Each question knows which buttons are its own.
 */
export const COMPLAINT_BUTTONS = [
  'complaintOfferYes',
  'complaintOfferNo',
  'complaintNoOrder',
  'complaintContactInChat',
  'complaintConfirmYes',
  'complaintConfirmChange',
  'complaintCancelButton',
] as const satisfies readonly MessageKey[];

export type ComplaintButton = (typeof COMPLAINT_BUTTONS)[number];

export interface PressedButton {
  button: ComplaintButton;
  /** The language of the title pressed: the one the question was asked in. */
  language: Language;
}

const simple = (text: string) => canonicalText(text).trim().toLowerCase();

/** Each button's title in each language, as `simple` reads it; worked out once (it runs on every message). */
let titles: { said: string; pressed: PressedButton }[] | undefined;

/** The complaint button whose title the message is, word for word (any case, Traditional or Simplified). */
export function complaintButtonIn(text: string): PressedButton | undefined {
  titles ??= COMPLAINT_BUTTONS.flatMap((button) => (['en', 'zh'] as const).map((language) => ({ said: simple(say(button, language)), pressed: { button, language } })));
  const said = simple(text);
  const found = titles.find((title) => title.said === said);
  return found && { ...found.pressed };
}

/** The buttons each question offers (cancelling is welcome at any of them). */
const OWN: Record<string, readonly ComplaintButton[]> = {
  [OFFER]: ['complaintOfferYes', 'complaintOfferNo'],
  [ORDER]: ['complaintNoOrder'],
  [CONTACT]: ['complaintContactInChat'],
  [CONFIRM]: ['complaintConfirmYes', 'complaintConfirmChange'],
};

/** The button is one the question `asking` offers, or the cancel button. */
export const isOwnButton = (button: ComplaintButton, asking: string): boolean => button === 'complaintCancelButton' || (OWN[asking] ?? []).includes(button);
