/**
 * Masking of personal data in customer text, before it is stored or shown: e-mail addresses,
 * phone numbers (mobiles, landlines with their area code, local numbers the text calls a phone),
 * payment card numbers (Luhn-checked), Chinese resident ID numbers, 18 and old 15 digits (by
 * their shape, so a mistyped digit does not leave one in clear), and WeChat and QQ accounts after
 * the word for them. Enough is kept for an agent to recognise the value ("j***@example.com",
 * "*******5678"), never enough to use it. Numbers that the
 * text calls an order number are left alone, and so are numbers nothing marks as personal (amounts,
 * dates). The patterns read the text as `reading` gives it: half-width, whatever the input method typed.
 */

import { hasIdNumberShape, isCardNumber } from './card-and-id-numbers.js';

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
 * the area code in brackets: "(415) 555-0132", "（021）6234 5678", "+86 (21) 6234 5678", "0086 (21) …".
 * Up to 41 digits, so an order number and the phone typed after it are one run ("tracking
 * 773123456789012 021-6234 5678"), not cut inside the phone.
 */
const DIGIT_RUN = new RegExp(
  String.raw`(?<!\p{N}|${WORD_LETTER})(?:\+?\d(?:[ -]?\d){6,40}[Xx]?|(?:(?:\+|00)?\d{1,3}[ -]?)?\(\d{2,4}\)[ -]?\d(?:[ -]?\d){5,14})(?!\p{N}|${WORD_LETTER})`,
  'gu',
);
/**
 * Groups of three or four digits between dots, as some write a phone or a card ("139.1234.5678",
 * "415.555.0132", "4111.1111.1111.1111"). Not a version, an IP address or a date ("1.2.3", "10.0.0.1",
 * "2026.12.04"), whose groups are shorter, nor part of a longer dotted number.
 */
const DOTTED_GROUPS = /(?<!\d\.?)\d{3,4}(?:\.\d{3,4}){2,3}(?!\.?\d)/g;
/** Full-width ASCII forms ("１３９", "＠", "－", "（"), as a Chinese input method in full-width mode types them. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/** The ideographic space (full-width mode again) and the no-break space, which read as a space. */
const WIDE_SPACE = /[\u3000\u00A0]/g;
/**
 * Dashes other than the hyphen-minus, as a word processor or a phone's keyboard turns "-" into
 * ("139–1234–5678", "021—6234 5678"): hyphen, non-breaking hyphen, figure, en and em dash, minus,
 * the small hyphen-minus. They read as "-".
 */
const OTHER_DASH = /[\u2010-\u2014\u2212\uFE63]/g;

/**
 * The text as masking reads it: full-width forms as their ASCII ("１３９１２３４５６７８", "wang＠163.com"),
 * wide spaces as spaces, other dashes as "-", and the dots between a phone's or a card's groups as
 * dashes. Character for character, so it has the text's length and a match in it is where the text
 * has it: what masking leaves alone stays as typed.
 */
function reading(text: string): string {
  return text
    .replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(WIDE_SPACE, ' ')
    .replace(OTHER_DASH, '-')
    .replace(DOTTED_GROUPS, (groups) => groups.replaceAll('.', '-'));
}

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
 * A local number: 7 or 8 digits, whole or as 3-4 / 4-4 ("6234 5678", "623-4567"), as landlines are
 * written; so "2026-12-04" is not one, nor "12-2026 14" in "04-12-2026 14:30".
 */
const LOCAL = String.raw`\d{3,4}[ -]?\d{4}`;
/** A mainland area code without its 0: Beijing's 10, the 2x of the largest cities, three digits elsewhere. */
const MAINLAND_AREA = String.raw`(?:10|2\d|[3-9]\d{2})`;
/**
 * A landline with its area code: 0 and one to three digits ("010", "0755", Taiwan's "02"), in
 * brackets or not; or after +86 or 0086 without the 0; or after a bare 86 set apart ("86-21-…",
 * "86 21 …", a mainland area code only, as nothing else says it is a country code); then the local
 * number; then perhaps an extension after a dash (not after a space: "021-62345678 123" is a phone
 * and a number beside it).
 */
const LANDLINE = new RegExp(
  String.raw`^(?:(?:\+|00)86[ -]?(?:\(0?\d{1,3}\)|0?\d{1,3})|86[ -](?:\(0?${MAINLAND_AREA}\)|0?${MAINLAND_AREA})|\(0\d{1,3}\)|0\d{1,3})[ -]?${LOCAL}(?<extension>-\d{1,5})?$`,
  'u',
);
/** A local number alone is a phone number only when the words before it say so. */
const LOCAL_NUMBER = new RegExp(String.raw`^${LOCAL}$`);
/**
 * A number after its country code without "+" or "00", as WhatsApp and WeChat show it: a mainland
 * mobile after 86 ("8613912345678", "86 139 1234 5678"), the eight digits of Hong Kong and Macao
 * after 852 and 853, a Taiwan mobile after 886. (A mainland landline after 86: see LANDLINE.)
 */
const BARE_COUNTRY_CODE = /^(?:86[ -]?1[3-9]\d(?:[ -]?\d){8}|85[23][ -]?[2-9]\d{3}[ -]?\d{4}|886[ -]?9\d{2}(?:[ -]?\d{3}){2})$/;

function isPhone(run: string, digits: string): boolean {
  if (/^1[3-9]\d{9}$/.test(digits)) return true; // mainland mobile
  if (/^09\d{8}$/.test(digits)) return true; // Taiwan mobile
  if (BARE_COUNTRY_CODE.test(run)) return true;
  // After + or 00 a number's length depends on the country; a lone digit at its end is a count
  // after it ("+86 139 1234 5678 2 times"), which the run's groups are tried without.
  if (/ \d$/.test(run)) return false;
  if (run.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (/^\(?00[1-9]/.test(run)) return digits.length >= 10 && digits.length <= 17; // 00 dials out as + does, "(0086) 139…" too
  return /^\(\d{3}\)\s?\d{3}[ -]?\d{4}$/.test(run) || /^\d{3}[ -]\d{3}[ -]\d{4}$/.test(run); // North American
}

const keepLast = (digits: string, visible: number) => '*'.repeat(Math.max(0, digits.length - visible)) + digits.slice(-visible);

/** A digit run as masking compares it: its digits (and an ID number's X), without spaces, dashes or brackets. */
const digitsOf = (run: string) => run.replace(/[^\dXx]/g, '');

/** Where a stretch of a run's groups is: from group `start` to before group `end`; `masked` if it is personal data. */
interface Stretch {
  start: number;
  end: number;
  masked?: string;
}

/**
 * The run, `typed` as the customer typed it and `read` as masking reads it (the same length), with
 * its personal data masked; what is not personal stays as typed.
 */
function maskRun(typed: string, read: string, before: string, keep: ReadonlySet<string>): string {
  const groups = read.split(' ');
  // The order number the words before name is the run's first number; a number after it is read
  // as one with nothing before it ("订单 1048213 13912345678": the customer's mobile).
  const from = ORDER_CONTEXT.test(before) ? orderNumberEnd(groups) : 0;
  // Group i is typed.slice(starts[i], starts[i + 1] - 1); the space typed after it, typed[starts[i + 1] - 1].
  const starts = [0];
  for (const group of groups) starts.push(starts.at(-1)! + group.length + 1);
  let masked = typed.slice(0, starts[from]);
  for (const stretch of maskWithin(groups, from, from === 0 ? before : '', keep)) {
    const next = starts[stretch.end]! - 1;
    masked += (stretch.masked ?? typed.slice(starts[stretch.start], next)) + typed.slice(next, next + 1);
  }
  return masked;
}

/**
 * How many of a run's groups the order number takes: the first, or the groups of one size that a
 * long number is written in ("9400 1111 2222 3333 44", "773 123 456"), the last perhaps shorter.
 */
function orderNumberEnd(groups: readonly string[]): number {
  const sizes = groups.map((group) => digitsOf(group).length);
  const size = sizes[0]!;
  if (size > 4) return 1;
  let end = 1;
  while (end < sizes.length && sizes[end] === size) end += 1;
  return end === sizes.length - 1 && sizes[end]! < size ? end + 1 : end;
}

/**
 * A run is numbers a single space apart, so a phone number can share one with a number beside it
 * ("13912345678 2 times", "021-62345678 123"), and the whole is no phone number. From group `from`,
 * the whole is tried first; then from the left, each longest stretch of the groups that is personal
 * data is masked; the rest stays.
 */
function maskWithin(groups: readonly string[], from: number, before: string, keep: ReadonlySet<string>): Stretch[] {
  const whole = from < groups.length ? maskNumber(groups.slice(from).join(' '), before, keep) : undefined;
  if (whole !== undefined) return [{ start: from, end: groups.length, masked: unlessKept(whole, groups, from, groups.length) }];
  const sizes = groups.map((group) => digitsOf(group).length);
  const stretches: Stretch[] = [];
  for (let start = from; start < groups.length; ) {
    // Only the first stretch follows the words before the run; the others follow digits.
    const found = personalStretch(groups, sizes, start, start === from ? before : '', start === from ? groups.length - 1 : groups.length, keep);
    stretches.push(found ?? { start, end: start + 1 });
    start = found?.end ?? start + 1;
  }
  return stretches;
}

/** The longest stretch of `groups` (of `sizes` digits) from `start`, ending by group `limit`, that is personal data. */
function personalStretch(
  groups: readonly string[],
  sizes: readonly number[],
  start: number,
  before: string,
  limit: number,
  keep: ReadonlySet<string>,
): Stretch | undefined {
  if (groups[start]!.length < 2) return undefined; // a lone digit is a count ("2 13912345678")
  // Phones and cards are written in groups of three digits or more, after at most two codes
  // (country, area: "+86 21 6234 5678"): "12 12 12 …" holds none, and is not tried stretch by stretch.
  let end = start + 2;
  while (end < groups.length && sizes[end]! >= 3) end += 1;
  end = Math.min(end, limit);
  let digits = sizes.slice(start, end).reduce((sum, size) => sum + size, 0);
  for (; end > start && digits >= 7; end -= 1, digits -= sizes[end]!) {
    const found = maskNumber(groups.slice(start, end).join(' '), before, keep);
    if (found !== undefined) return { start, end, masked: unlessKept(found, groups, start, end) };
  }
  return undefined;
}

/** What `maskNumber` made of groups `start` to `end`: masked, or nothing to change (the shop's own number). */
const unlessKept = (found: string, groups: readonly string[], start: number, end: number) =>
  found === groups.slice(start, end).join(' ') ? undefined : found;

/** The run masked, or as it is if `keep` holds it, when the whole run is personal data; else undefined. */
function maskNumber(run: string, before: string, keep: ReadonlySet<string>): string | undefined {
  const digits = digitsOf(run);
  if (keep.has(digits)) return run;
  if (hasIdNumberShape(digits)) return keepLast(digits, 4);
  if (/[Xx]/.test(digits)) return undefined;
  if (isCardNumber(run)) return keepLast(digits, 4);
  return maskPhone(run, digits, before);
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

/**
 * A WeChat or QQ account after the word for it, as Chinese customers give a way to reach them
 * ("微信号是 zhang_san88", "加我vx：wxid_abc123", "QQ 123456789", "my wechat id: zhangsan"). The
 * word, then perhaps "号 / id / number", then perhaps "是 / is / :", then the account. The English
 * words are whole words: "wechat isabel_88" is the account isabel_88, not "is" and abel_88.
 */
const MESSENGER = new RegExp(
  String.raw`(?<!${WORD_LETTER}|\p{N})(?<app>qq|wechat|weixin|微信|vx|wx)(?<label>\s*(?:号码?|账号|帐号|(?:id|number|no)(?![A-Za-z0-9])\.?))?(?<connector>\s*(?:is(?![A-Za-z0-9])|是|为|[:：]))?\s*(?<account>[A-Za-z0-9][\w-]{4,19})(?![\w-])`,
  'giu',
);
/** A QQ number: 5 to 11 digits, not starting with 0. */
const QQ_NUMBER = /^[1-9]\d{4,10}$/;
/** A WeChat ID: 6 to 20 letters, digits, _ and -, starting with a letter (a phone number used as one is masked as a phone). */
const WECHAT_ID = /^[A-Za-z][\w-]{5,19}$/;

/**
 * The account in a MESSENGER match masked, the words before it kept: a QQ number as a phone
 * (its last four digits), a WeChat ID to its first letter and last two. A word after "wechat" is
 * an ID only if it looks like one (a digit, _ or -) or the text says it is one ("id", "号", "是",
 * ":"): "I paid by WeChat yesterday" stays.
 */
function maskMessengerAccount(typed: string, match: RegExpMatchArray, keep: ReadonlySet<string>): string {
  const { app, label, connector, account } = match.groups as { app: string; label?: string; connector?: string; account: string };
  const at = typed.length - account.length;
  const kept = typed.slice(at);
  if (keep.has(account.toLowerCase())) return typed;
  if (app.toLowerCase() === 'qq') return QQ_NUMBER.test(account) ? typed.slice(0, at) + keepLast(kept, 4) : typed;
  const saysId = Boolean(label) || /[:：是为]/.test(connector ?? '') || /[\d_-]/.test(account);
  if (!WECHAT_ID.test(account) || !saysId) return typed;
  return typed.slice(0, at) + kept[0] + '*'.repeat(kept.length - 3) + kept.slice(-2);
}

function maskEmail(typed: string, read: string, keep: ReadonlySet<string>): string {
  if (keep.has(read.toLowerCase())) return typed;
  const at = read.lastIndexOf('@');
  return `${typed[0]}***${typed.slice(at)}`;
}

/**
 * `text` with each match of `pattern` in its reading replaced by what `mask` makes of it, given the
 * match as typed and as read, and the 24 characters read before it.
 */
function maskMatches(text: string, pattern: RegExp, mask: (typed: string, read: string, before: string, match: RegExpMatchArray) => string): string {
  const read = reading(text);
  let masked = '';
  let from = 0;
  for (const match of read.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    masked += text.slice(from, start) + mask(text.slice(start, end), match[0], read.slice(Math.max(0, start - 24), start), match);
    from = end;
  }
  return masked + text.slice(from);
}

const NOTHING_KEPT: ReadonlySet<string> = new Set();

/**
 * The text with personal data masked; everything else is left exactly as it was. `keep`: the
 * shop's own published contacts (see `publishedContacts`), which are nobody's personal data.
 */
export function maskPersonalData(text: string, keep: ReadonlySet<string> = NOTHING_KEPT): string {
  const emailsMasked = maskMatches(text, EMAIL, (typed, read) => maskEmail(typed, read, keep));
  const accountsMasked = maskMatches(emailsMasked, MESSENGER, (typed, _read, _before, match) => maskMessengerAccount(typed, match, keep));
  return maskMatches(accountsMasked, DIGIT_RUN, (typed, read, before) => maskRun(typed, read, before, keep));
}

/**
 * The e-mail addresses, numbers and WeChat or QQ accounts that `texts` publish — the shop's
 * hotline, service address and official account in its knowledge base's answers — in the form
 * `maskPersonalData` compares (an address or account in lower case, a number as its digits). An
 * agent who gives a customer one of them is not disclosing anyone's personal data, and the
 * customer must be able to read it.
 */
export function publishedContacts(texts: Iterable<string>): Set<string> {
  const contacts = new Set<string>();
  for (const text of texts) {
    const read = reading(text);
    for (const [email] of read.matchAll(EMAIL)) contacts.add(email.toLowerCase());
    for (const [run] of read.matchAll(DIGIT_RUN)) contacts.add(digitsOf(run));
    for (const match of read.matchAll(MESSENGER)) contacts.add(match.groups!.account!.toLowerCase());
  }
  return contacts;
}
