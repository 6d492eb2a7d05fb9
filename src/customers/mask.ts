/**
 * Masking of personal data in customer text, before it is stored or shown: e-mail addresses,
 * phone numbers (mobiles, landlines with their area code, local numbers the text calls a phone),
 * payment card numbers (Luhn-checked) and Chinese resident ID numbers (by their shape, so a
 * mistyped digit does not leave one in clear). Enough is kept for an agent to recognise the value
 * ("j***@example.com", "*******5678"), never enough to use it. Numbers that the text calls an
 * order number are left alone, and so are numbers nothing marks as personal (amounts, dates).
 */

import { hasIdNumberShape, isChineseIdNumber, isLuhnValid } from './card-and-id-numbers.js';

/**
 * A letter that is not Chinese. Chinese is written without spaces ("我的手机是13912345678"): a
 * Han character next to a number or an address is a word boundary, as a space is in English.
 * Other letters and digits are not ("abc13912345678" is one word, and left alone).
 */
const WORD_LETTER = String.raw`[^\P{L}\p{sc=Han}]`;
/** A character of an e-mail address's local part. */
const LOCAL_CHAR = String.raw`(?:${WORD_LETTER}|[\p{N}._%+-])`;
/**
 * The local part starts where a run of its characters starts (the lookbehind) and holds at most
 * 64 of them, as addresses do (RFC 5321): each position is tried in bounded time, so a long run
 * of letters or dots costs linear time, not quadratic (10,000 characters: 170 ms before, ~1 ms).
 */
const EMAIL = new RegExp(String.raw`(?<!${LOCAL_CHAR})${LOCAL_CHAR}{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`, 'gu');
/**
 * Digit runs that may contain single spaces or dashes (cards, phones, ids), and phone numbers with
 * the area code in brackets, ASCII or full-width: "(415) 555-0132", "（021）6234 5678", "+86 (21) 6234 5678".
 */
const DIGIT_RUN = new RegExp(
  String.raw`(?<!\p{N}|${WORD_LETTER})(?:\+?\d(?:[ -]?\d){6,22}[Xx]?|(?:\+\d{1,3}[ -]?)?[(（]\d{2,4}[)）][ -]?\d(?:[ -]?\d){5,14})(?!\p{N}|${WORD_LETTER})`,
  'gu',
);
/** Words that name a number the shop gave out: an order, ticket or tracking number. */
const ORDER_WORD = String.raw`order|ordre|ticket|tracking|invoice|ref(?:erence)?|订单|单号|工单|编号|快递|物流|运单`;
/** Words that make a "number", "no." or "#" after them the customer's own ("phone number", "my number"). */
const PERSONAL_WORD = String.raw`(?:cell|mobile|tele)?phone|mobile|cell|tel|landline|fax|contact|card|account|id|passport|my|your|his|her|our|their|电话|手机|座机|固话|身份证|卡|账户`;
/**
 * Words just before a number that make it an order, ticket or tracking number: an order word, or a
 * bare "number", "no." or "#" that no personal word precedes. Whole English words only ("casino").
 */
const ORDER_CONTEXT = new RegExp(
  String.raw`(?<!${WORD_LETTER})(?:(?:${ORDER_WORD})(?:\s*(?:number|no\.?|#|id|号|编号)){0,2}|(?<!(?:${PERSONAL_WORD})\s*)(?:number|no\.?|#))\s*[:：#]?\s*$`,
  'iu',
);
/** Words just before a local number (one without its area code) that make it a phone number. */
const PHONE_CONTEXT = new RegExp(
  String.raw`(?<!${WORD_LETTER})(?:(?:cell|mobile|tele)?phone|mobile|cell|tel|landline|fax|call me (?:at|on)|电话|手机|座机|固话|联系方式)(?:\s*(?:number|no\.?|#|is|号码?|是|为))*\s*[:：]?\s*$`,
  'iu',
);
/**
 * A landline with its area code: 0 and one to three digits ("010", "0755", Taiwan's "02"), in
 * brackets or not, or after +86 or 0086 without the 0; then the local number, 7 or 8 digits in
 * groups or not; then perhaps an extension after a dash. Not after a space: "0086 21 6234 5678"
 * would read as local number "6 21 6234", extension "5678".
 */
const LANDLINE = /^(?:(?:\+|00)86[ -]?(?:[(（]0?\d{1,3}[)）]|0?\d{1,3})|[(（]0\d{1,3}[)）]|0\d{1,3})[ -]?\d(?:[ -]?\d){6,7}(?<extension>-\d{1,5})?$/u;
/**
 * A local number alone: 7 or 8 digits, whole or as 3-4 / 4-4 (so "2026-12-04" is not one). It is
 * a phone number only when the words before it say so.
 */
const LOCAL_NUMBER = /^\d{3,4}[ -]?\d{4}$/;

function isPhone(run: string, digits: string): boolean {
  if (/^1[3-9]\d{9}$/.test(digits)) return true; // mainland mobile
  if (/^09\d{8}$/.test(digits)) return true; // Taiwan mobile
  if (run.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (/^00[1-9]/.test(run)) return digits.length >= 10 && digits.length <= 17; // 00 dials out as + does
  return /^\(\d{3}\)\s?\d{3}[ -]?\d{4}$/.test(run) || /^\d{3}[ -]\d{3}[ -]\d{4}$/.test(run); // North American
}

const keepLast = (digits: string, visible: number) => '*'.repeat(Math.max(0, digits.length - visible)) + digits.slice(-visible);

/** A digit run as masking compares it: its digits (and an ID number's X), without spaces, dashes or brackets. */
const digitsOf = (run: string) => run.replace(/[^\dXx]/g, '');

function maskRun(run: string, before: string, keep: ReadonlySet<string>): string {
  if (ORDER_CONTEXT.test(before)) return run;
  return maskNumber(run, before, keep) ?? maskWithin(run, before, keep);
}

/** The run masked, or as it is if `keep` holds it, when the whole run is personal data; else undefined. */
function maskNumber(run: string, before: string, keep: ReadonlySet<string>): string | undefined {
  const digits = digitsOf(run);
  if (keep.has(digits)) return run;
  if (digits.length === 18 && (isChineseIdNumber(digits) || hasIdNumberShape(digits))) return keepLast(digits, 4);
  const numeric = digits.replace(/[Xx]/g, '');
  if (numeric !== digits) return undefined;
  if (numeric.length >= 13 && numeric.length <= 19 && isLuhnValid(numeric)) return keepLast(numeric, 4);
  return maskPhone(run, numeric, before);
}

/**
 * A run is numbers a single space apart, so a phone number can share one with a number beside it
 * ("13912345678 2 times", "021-62345678 123"), and the whole is no phone number. From the left,
 * each longest stretch of the run's groups that is personal data is masked; the rest stays.
 */
function maskWithin(run: string, before: string, keep: ReadonlySet<string>): string {
  const groups = run.split(' ');
  const sizes = groups.map((group) => digitsOf(group).length);
  const parts: string[] = [];
  for (let start = 0; start < groups.length; ) {
    // Only the first stretch follows the words before the run; the others follow digits.
    const found = personalStretch(groups, sizes, start, start === 0 ? before : '', keep);
    parts.push(found?.masked ?? groups[start]!);
    start = found?.end ?? start + 1;
  }
  return parts.join(' ');
}

/** The longest stretch of `groups` (of `sizes` digits) from `start` that is personal data, masked, and the group after it. */
function personalStretch(
  groups: readonly string[],
  sizes: readonly number[],
  start: number,
  before: string,
  keep: ReadonlySet<string>,
): { masked: string; end: number } | undefined {
  if (groups[start]!.length < 2) return undefined; // a lone digit is a count ("2 13912345678")
  // Phones and cards are written in groups of three digits or more, after at most two codes
  // (country, area: "+86 21 6234 5678"): "12 12 12 …" holds none, and is not tried stretch by stretch.
  let end = start + 2;
  while (end < groups.length && sizes[end]! >= 3) end += 1;
  end = Math.min(end, groups.length - (start === 0 ? 1 : 0));
  let digits = sizes.slice(start, end).reduce((sum, size) => sum + size, 0);
  for (; end > start && digits >= 7; end -= 1, digits -= sizes[end]!) {
    const masked = maskNumber(groups.slice(start, end).join(' '), before, keep);
    if (masked !== undefined) return { masked, end };
  }
  return undefined;
}

/** The run masked if it is a phone number (a local number only where `before` calls it one); else undefined. */
function maskPhone(run: string, digits: string, before: string): string | undefined {
  const landline = LANDLINE.exec(run);
  // An extension is a line inside the customer's company, not the customer's number: it stays, as after "转".
  const extension = landline?.groups?.extension ?? '';
  if (landline) return keepLast(digitsOf(run.slice(0, run.length - extension.length)), 4) + extension;
  if (isPhone(run, digits)) return keepLast(digits, 4);
  if (LOCAL_NUMBER.test(run) && PHONE_CONTEXT.test(before)) return keepLast(digits, 4);
  return undefined;
}

function maskEmail(email: string, keep: ReadonlySet<string>): string {
  if (keep.has(email.toLowerCase())) return email;
  const at = email.lastIndexOf('@');
  return `${email[0]}***${email.slice(at)}`;
}

const NOTHING_KEPT: ReadonlySet<string> = new Set();

/**
 * The text with personal data masked; everything else is left exactly as it was. `keep`: the
 * shop's own published contacts (see `publishedContacts`), which are nobody's personal data.
 */
export function maskPersonalData(text: string, keep: ReadonlySet<string> = NOTHING_KEPT): string {
  return text
    .replace(EMAIL, (email: string) => maskEmail(email, keep))
    .replace(DIGIT_RUN, (run: string, offset: number, whole: string) => maskRun(run, whole.slice(Math.max(0, offset - 24), offset), keep));
}

/**
 * The e-mail addresses and numbers that `texts` publish — the shop's hotline and service address
 * in its knowledge base's answers — in the form `maskPersonalData` compares (an address in lower
 * case, a number as its digits). An agent who gives a customer one of them is not disclosing
 * anyone's personal data, and the customer must be able to read it.
 */
export function publishedContacts(texts: Iterable<string>): Set<string> {
  const contacts = new Set<string>();
  for (const text of texts) {
    for (const [email] of text.matchAll(EMAIL)) contacts.add(email.toLowerCase());
    for (const [run] of text.matchAll(DIGIT_RUN)) contacts.add(digitsOf(run));
  }
  return contacts;
}
