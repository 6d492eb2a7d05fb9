/**
 * Keyword lexicons over both languages. English entries are regular expressions anchored at
 * a word start (so "deliver" also finds "delivered", "delivery"); Chinese entries are plain
 * substrings, since Chinese has no spaces to anchor on.
 */
import { canonicalText } from '../nlu/normalize.js';

export interface LexiconEntry {
  /** English regex source (matched case-insensitively at a word start) or a Chinese substring. */
  term: string;
  weight: number;
}

export interface LexiconHit {
  /** The words as the customer wrote them. */
  phrase: string;
  weight: number;
}

const han = /\p{Script=Han}/u;
const compiled = new Map<string, RegExp>();

function patternOf(term: string): RegExp {
  let pattern = compiled.get(term);
  if (!pattern) {
    // A number ("12315", the consumer hotline) is found as Chinese is, wherever it stands: 「打12315」.
    pattern = han.test(term) || /^\d+$/u.test(term) ? new RegExp(escape(term), 'gu') : new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${term})[\p{L}]*`, 'giu');
    compiled.set(term, pattern);
  }
  return pattern;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every entry of a lexicon found in the text, with the words that matched. */
export function findTerms(text: string, lexicon: readonly LexiconEntry[]): LexiconHit[] {
  const source = canonicalText(text);
  const hits: LexiconHit[] = [];
  for (const entry of lexicon) {
    const pattern = patternOf(entry.term);
    pattern.lastIndex = 0;
    const match = pattern.exec(source);
    if (match) hits.push({ phrase: match[0].toLowerCase(), weight: entry.weight });
  }
  return hits;
}

/** Shorthand for a list of terms of one weight. */
export const terms = (weight: number, ...list: string[]): LexiconEntry[] => list.map((term) => ({ term, weight }));
