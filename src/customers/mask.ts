/**
 * Masking of personal data in customer text, before it is stored or shown: e-mail addresses,
 * phone numbers, payment card numbers (Luhn-checked) and Chinese resident ID numbers.
 * Enough is kept for an agent to recognise the value ("j***@example.com", "*******5678"),
 * never enough to use it. Numbers that the text calls an order number are left alone.
 */

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
/** Digit runs that may contain single spaces or dashes (cards, phones, ids). */
const DIGIT_RUN = new RegExp(String.raw`(?<!\p{N}|${WORD_LETTER})\+?\d(?:[ -]?\d){6,22}[Xx]?(?!\p{N}|${WORD_LETTER})|\(\d{3}\)\s?\d{3}[ -]?\d{4}`, 'gu');
/** Words just before a number that make it an order, ticket or tracking number. */
const ORDER_CONTEXT = /(order|ordre|ticket|tracking|invoice|ref(erence)?|no\.?|number|#|订单|单号|工单|编号|快递|物流|运单)\s*(number|no\.?|#|id|号|编号)?\s*[:：#]?\s*$/iu;

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A mainland China resident ID number (18 characters, ISO 7064 check digit). */
export function isChineseIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

function isPhone(run: string, digits: string): boolean {
  if (/^1[3-9]\d{9}$/.test(digits)) return true; // mainland mobile
  if (run.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (/^\(\d{3}\)/.test(run) || /^\d{3}[ -]\d{3}[ -]\d{4}$/.test(run)) return true; // North American
  return /^0\d{2,3}[ -]?\d{7,8}$/.test(run); // Chinese landline with area code
}

const keepLast = (digits: string, visible: number) => '*'.repeat(Math.max(0, digits.length - visible)) + digits.slice(-visible);

/** A digit run as masking compares it: its digits (and an ID number's X), without spaces, dashes or brackets. */
const digitsOf = (run: string) => run.replace(/[^\dXx]/g, '');

function maskRun(run: string, before: string, keep: ReadonlySet<string>): string {
  if (ORDER_CONTEXT.test(before)) return run;
  const digits = digitsOf(run);
  if (keep.has(digits)) return run;
  if (digits.length === 18 && isChineseIdNumber(digits)) return keepLast(digits, 4);
  const numeric = digits.replace(/[Xx]/g, '');
  if (numeric !== digits) return run;
  if (numeric.length >= 13 && numeric.length <= 19 && isLuhnValid(numeric)) return keepLast(numeric, 4);
  if (isPhone(run, numeric)) return keepLast(numeric, 4);
  return run;
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
