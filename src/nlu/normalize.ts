import * as OpenCC from 'opencc-js/t2cn';
import { emailPattern } from './email.js';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const han = /\p{Script=Han}/u;
const repeatedChar = /(.)\1{2,}/gu;
const apostrophes = /['’‘`´]/g;
/** Gestures that say a word, which the model would otherwise never see (it reads no emoji). */
const GESTURES: Readonly<Record<string, string>> = { '👍': 'ok', '👌': 'ok', '🆗': 'ok', '✅': 'ok', '🙏': 'thx' };
const gesture = new RegExp(Object.keys(GESTURES).join('|'), 'gu');

/** The text has a Chinese character in it. */
export const hasHan = (text: string): boolean => han.test(text);

/**
 * The form rules and patterns read a customer's words in: NFKC (full-width letters and digits
 * become half-width) and Traditional Chinese as Simplified, so "訂單號 20251130" is an order
 * number and "確認" a yes, as their Simplified spellings are. Case and punctuation are kept.
 */
export function canonicalText(text: string): string {
  const canonical = text.normalize('NFKC');
  return hasHan(canonical) ? toSimplified(canonical) : canonical;
}

/**
 * The one form every text takes before features are read from it: NFKC (full-width letters
 * and digits become half-width), lower case, Traditional Chinese as Simplified, e-mail addresses
 * left out ("my email is jane.doe@example.com, how do I reset my password?" read as off-topic),
 * apostrophes dropped ("don't" → "dont"), runs of three or more identical characters cut to
 * two ("sooooo" → "soo", "好好好好" → "好好"), and a thumbs-up or folded hands read as the word they
 * say ("👍" → "ok", "🙏" → "thx"): a customer's "👍" is an acknowledgement, not "not sure". Both are
 * words Chinese writers use too, so they decide no language (see detectLanguage).
 */
export function normalizeText(text: string): string {
  return canonicalText(text)
    .toLowerCase()
    .replace(emailPattern, ' ')
    .replace(apostrophes, '')
    .replace(repeatedChar, '$1$1')
    .replace(gesture, (emoji) => ` ${GESTURES[emoji]} `);
}
