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

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A mainland China resident ID number (18 characters, ISO 7064 check digit). */
export function isChineseIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase();
}

/** Region (province-level code: mainland, then Hong Kong, Macao and Taiwan residents), birth date, sequence, check digit. */
const ID_SHAPE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])\d{4}(?<year>(?:19|20)\d{2})(?<month>\d{2})(?<day>\d{2})\d{3}[\dX]$/i;

/**
 * Shaped like a resident ID number (18 characters: a region code, a real birth date, a sequence),
 * whatever its check digit: a customer who mistypes one digit has still typed the other seventeen.
 */
export function hasIdNumberShape(value: string): boolean {
  const born = ID_SHAPE.exec(value)?.groups;
  if (!born) return false;
  const [year, month, day] = [Number(born.year), Number(born.month), Number(born.day)];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
