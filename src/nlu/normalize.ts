import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const han = /\p{Script=Han}/u;
const repeatedChar = /(.)\1{2,}/gu;
const apostrophes = /['’‘`´]/g;

/**
 * The one form every text takes before features are read from it: NFKC (full-width letters
 * and digits become half-width), lower case, Traditional Chinese as Simplified, apostrophes
 * dropped ("don't" → "dont") and runs of three or more identical characters cut to two
 * ("sooooo" → "soo", "好好好好" → "好好").
 */
export function normalizeText(text: string): string {
  let normal = text.normalize('NFKC').toLowerCase();
  if (han.test(normal)) normal = toSimplified(normal);
  return normal.replace(apostrophes, '').replace(repeatedChar, '$1$1');
}
