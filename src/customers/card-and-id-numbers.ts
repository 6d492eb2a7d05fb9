/**
 * What a payment card number and a Chinese resident ID number look like, by their digits alone:
 * the checks masking (`mask.ts`) makes once a run of digits is read.
 */

/** The Luhn check every payment card number passes. */
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

/**
 * A card number as cards print it: unbroken, in fours (the last group shorter on 13- and 19-digit
 * cards), or 4-6-5 / 4-6-4 (American Express, Diners). Digits that pass the Luhn check only across
 * groups of other sizes are numbers side by side ("2026-12-04 13912345678", "18:00 13912345678"),
 * one pair in ten of which passes it.
 */
const CARD_GROUPING = /^(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})$/;

/** A payment card number: grouped as cards print it, Luhn-valid. */
export function isCardNumber(run: string): boolean {
  return CARD_GROUPING.test(run) && isLuhnValid(run.replace(/\D/g, ''));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A mainland China resident ID number (18 characters, ISO 7064 check digit). Masking goes by `hasIdNumberShape`. */
export function isChineseIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

/** A region code: province-level (mainland, then Hong Kong, Macao and Taiwan residents), then four digits. */
const REGION = String.raw`(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])\d{4}`;
/** Region, birth date, sequence, check digit. */
const ID_SHAPE = new RegExp(String.raw`^${REGION}(?<year>(?:19|20)\d{2})(?<month>\d{2})(?<day>\d{2})\d{3}[\dX]$`, 'i');
/**
 * The old 15-digit ID number (issued until 2004, still on old records and in customers' memories):
 * region, birth date with the year's last two digits (born in the 1900s), sequence; no check digit.
 * A courier's 15-digit number has letters ("SF1234567890123", "JDVA00012345678") or no real date in
 * that place, and the words before it ("运单号", "tracking") keep it anyway.
 */
const OLD_ID_SHAPE = new RegExp(String.raw`^${REGION}(?<year>\d{2})(?<month>\d{2})(?<day>\d{2})\d{3}$`);

/**
 * Shaped like a resident ID number (18 characters, or the old 15 digits: a region code, a real
 * birth date, a sequence), whatever its check digit: a customer who mistypes one digit has still
 * typed the other seventeen. Masking goes by the shape alone: the check digit would add one number
 * in eleven of any 18 digits (an order number typed with no word before it), never an ID the shape misses.
 */
export function hasIdNumberShape(value: string): boolean {
  const born = (ID_SHAPE.exec(value) ?? OLD_ID_SHAPE.exec(value))?.groups;
  if (!born) return false;
  const year = Number(born.year) + (born.year!.length === 2 ? 1900 : 0);
  const [month, day] = [Number(born.month), Number(born.day)];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
