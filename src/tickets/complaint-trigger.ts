import { canonicalText } from '../nlu/normalize.js';
import { classifyCategory, onlyWaiting } from './classify.js';
import { findTerms } from './lexicon.js';
import { HIGH_TERMS, LEGAL_THREATS, URGENT_TERMS } from './priority.js';

/**
 * A message at or below this sentiment is strongly negative. Plain requests with two negative
 * words ("我要退款", "退钱", "I want my money back for order 1234") score −0.61 and want the
 * answer, not a complaint; upset messages about a problem ("my order never arrived, very
 * disappointed", "退款两周了还没到，太过分了") score −0.76 and below.
 */
export const COMPLAINT_OFFER_AT_MOST = -0.7;

const ASKS_TO_COMPLAIN = /\bcomplain(?:t|ts|ing|ed)?\b|投诉|申诉/iu;

/**
 * The message names something that went wrong (a late parcel, a refund, a rude agent …);
 * `waiting: false`: waiting alone ("still waiting", "太慢了") does not count.
 */
export function namesProblem(text: string, { waiting = true }: { waiting?: boolean } = {}): boolean {
  const category = classifyCategory(text).category !== 'other' && (waiting || !onlyWaiting(text));
  return category || findTerms(text, URGENT_TERMS).length > 0 || findTerms(text, HIGH_TERMS).length > 0;
}

/**
 * Strongly negative and about a problem: the customer should be offered a complaint (a
 * tracked ticket) rather than an FAQ answer. Plain anger with no problem named is not enough.
 */
export function shouldOfferComplaint(text: string, sentimentScore: number): boolean {
  // Waiting alone ("still waiting. terrible.") names no problem to offer a complaint for: a chat turning sour that way is brought a person.
  return sentimentScore <= COMPLAINT_OFFER_AT_MOST && namesProblem(text, { waiting: false });
}

/** The message threatens to go to law or to the authorities. */
export const threatensLaw = (text: string): boolean => findTerms(text, LEGAL_THREATS).length > 0;

/** Calling the shop a cheat: "you guys are scammers", "this store is a scam", 「你们是骗子」, 「黑店」. */
const ACCUSATION =
  /\b(?:you(?: guys| people| lot)?|your (?:shop|store|company|site)|this (?:shop|store|company|site))\s*(?:are|is|'re|'s)\s+(?:(?:a|an|such|total|complete|just|all|bunch of|nothing but)\s+)*(?:scam\w*|fraud\w*|thie(?:f|ves)|crooks?|liars?|cheat\w*)\b|(?:你们|你家|这家店?|商家|店家).{0,6}(?:骗子|骗人|诈骗|欺诈)|黑店/iu;

/** The customer accuses the shop of cheating them. */
export const accusesShop = (text: string): boolean => ACCUSATION.test(canonicalText(text));

/**
 * A threat to go to law or an accusation of cheating: offered a complaint however calmly put, and,
 * being what the customer will do or thinks of the shop, no description of what went wrong.
 */
export const threatensOrAccuses = (text: string): boolean => threatensLaw(text) || accusesShop(text);

/**
 * What a message means for the complaint flow: `start` when the customer says they want to
 * complain ("I want to complain", "我要投诉", "我要投訴"), `offer` when it deserves the offer of one
 * (strongly negative about a problem, a threat to go to law or an accusation of cheating, unless it is
 * glad), otherwise nothing.
 */
export function complaintTrigger(text: string, sentimentScore: number): 'start' | 'offer' | undefined {
  if (ASKS_TO_COMPLAIN.test(canonicalText(text))) return 'start';
  if (sentimentScore <= 0 && threatensOrAccuses(text)) return 'offer';
  return shouldOfferComplaint(text, sentimentScore) ? 'offer' : undefined;
}
