import { emailPattern } from './email.js';
import { canonicalText } from './normalize.js';

/** What the bot can pick out of a message to act on. */
export interface Entities {
  orderNumbers: string[];
  emails: string[];
  phones: string[];
}

// An order number is an id the text calls an order ("order 1234567", "订单号 2023…"), a "#12345",
// or a letters-dash-digits code ("PD-20458").
const orderId = String.raw`([a-z]{0,4}-?\d[\d-]{2,}[\dA-Za-z]*)`;
const orderPatterns: RegExp[] = [
  new RegExp(String.raw`\b(?:order|purchase|tracking)(?:\s*(?:number|num|no\.?|id|code))?\s*(?:is|:|#)?\s*#?\s*${orderId}`, 'giu'),
  new RegExp(String.raw`(?:订单|单号|订单号|订单编号|快递单号|运单号)(?:号|编号)?\s*(?:是|为)?\s*[:：#]?\s*${orderId}`, 'giu'),
  /(?<![\w#])#\s?([A-Za-z]{0,4}\d{3,}[\dA-Za-z-]*)/gu,
  /(?<![\w-])([A-Z]{1,4}-\d{3,})(?![\w-])/gu,
];

// Phones: after a word that says so, any plausible number; otherwise the shapes of phones.
const phoneContext =
  /(?:phone|tel|telephone|mobile|cell|call me (?:at|on)|text me (?:at|on)|whatsapp|手机号?码?|电话号?码?|联系方式)\s*(?:number|no\.?|#)?\s*(?:is|是|为)?\s*[:：]?\s*(\+?\d[\d\s().-]{5,}\d)/giu;
const phoneShapes: RegExp[] = [
  /(?<![\d\w])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/gu, // Chinese mobile
  /(?<![\d\w])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}(?!\d)/gu, // international
  /(?<![\d\w])(?:1[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)/gu, // US style
];

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, spans: readonly Span[]) => spans.some((b) => a.start < b.end && b.start < a.end);

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * Order numbers, emails and phone numbers in a message, in the order found. A number the
 * text calls a phone is a phone; one it calls an order is an order number; neither is taken
 * for the other. Bare numbers with no such hint count only when their shape is a phone's.
 */
export function extractEntities(text: string): Entities {
  const source = typeof text === 'string' ? canonicalText(text) : '';
  const taken: Span[] = [];
  const emails: string[] = [];
  for (const match of source.matchAll(emailPattern)) {
    pushUnique(emails, match[0]);
    taken.push({ start: match.index, end: match.index + match[0].length });
  }
  const phones: string[] = [];
  const phoneSpans: Span[] = [];
  for (const match of source.matchAll(phoneContext)) {
    const number = match[1]!.trim();
    const start = match.index + match[0].lastIndexOf(number);
    const span = { start, end: start + number.length };
    if (overlaps(span, taken)) continue;
    pushUnique(phones, number);
    phoneSpans.push(span);
  }
  const orderNumbers: string[] = [];
  for (const pattern of orderPatterns) {
    for (const match of source.matchAll(pattern)) {
      const id = match[1]!.replace(/-+$/, '');
      const start = match.index + match[0].lastIndexOf(id);
      const span = { start, end: start + id.length };
      if (!/\d{3,}/.test(id.replace(/-/g, '')) || overlaps(span, taken) || overlaps(span, phoneSpans)) continue;
      pushUnique(orderNumbers, id.toUpperCase());
      taken.push(span);
    }
  }
  taken.push(...phoneSpans);
  for (const pattern of phoneShapes) {
    for (const match of source.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (overlaps(span, taken)) continue;
      pushUnique(phones, match[0].trim());
      taken.push(span);
    }
  }
  return { orderNumbers, emails, phones };
}

const bareOrder = /^\s*#?\s*([A-Za-z]{0,4}-?\d{4,20}[A-Za-z\d]*)\s*[.。!！]?\s*$/u;

/**
 * A message that is nothing but an order number ("1048213", "#1048213", "PD-20458"): the
 * answer to "what is your order number?". A number shaped like a phone is not one.
 */
export function bareOrderNumber(text: string): string | undefined {
  const match = bareOrder.exec(typeof text === 'string' ? canonicalText(text) : '');
  if (!match || extractEntities(text).phones.length > 0) return undefined;
  return match[1]!.toUpperCase();
}
