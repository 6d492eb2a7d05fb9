import { chineseWords, englishWords, splitRuns, stem } from './tokenize.js';

/**
 * Feature kinds, the first character of every feature name. Word-level kinds and
 * character-level kinds form two groups that are normalised separately (see vectorizer.ts).
 */
export const featureKinds = {
  word: 'w', // English stem
  bigram: 'b', // two English stems in a row
  chars: 'c', // character n-gram inside an English word
  zhWord: 'z', // Chinese word
  zhBigram: 'p', // two Chinese words in a row
  zhChars: 'y', // Chinese character n-gram
} as const;

const minCharGram = 2;
const maxCharGram = 5;
const maxZhGram = 3;

function pushCharGrams(out: string[], word: string): void {
  const padded = `<${word}>`;
  for (let n = minCharGram; n <= maxCharGram; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(`c${padded.slice(i, i + n)}`);
  }
}

function pushLatin(out: string[], text: string): void {
  const words = englishWords(text);
  let previous = '^';
  for (const word of words) {
    const stemmed = word.startsWith('#') ? word : stem(word);
    out.push(`w${stemmed}`, `b${previous} ${stemmed}`);
    if (!word.startsWith('#')) pushCharGrams(out, word);
    previous = stemmed;
  }
  if (words.length > 0) out.push(`b${previous} $`);
}

function pushHan(out: string[], text: string): void {
  // Words and word pairs (with the run's start and end, as for English), then characters.
  let previous = '^';
  for (const word of chineseWords(text)) {
    out.push(`z${word}`, `p${previous} ${word}`);
    previous = word;
  }
  if (previous !== '^') out.push(`p${previous} $`);
  const chars = Array.from(text);
  for (let n = 1; n <= maxZhGram; n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(`y${chars.slice(i, i + n).join('')}`);
  }
}

/** Every feature of a normalised text, repeated as often as it occurs (term frequency). */
export function extractFeatures(normalText: string): string[] {
  const out: string[] = [];
  for (const run of splitRuns(normalText)) {
    if (run.script === 'han') pushHan(out, run.text);
    else pushLatin(out, run.text);
  }
  return out;
}
