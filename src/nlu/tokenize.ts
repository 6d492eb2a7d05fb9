// natural's tokenizer and stemmer, imported on their own: the whole of natural costs ~110 MB of
// memory (and runs dotenv) for parts the recognizer never uses. Default imports: natural is CommonJS.
import regexpTokenizers from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const wordTokenizer = new regexpTokenizers.WordTokenizer();
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const hanRun = /\p{Script=Han}+/gu;
const digits = /^\d+$/;

const stemCache = new Map<string, string>();
const stemCacheLimit = 50_000;

/** Porter stem of an English word, memoised (the stemmer is the slow part of tokenising). */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = porterStemmer.stem(word);
    if (stemCache.size >= stemCacheLimit) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** A piece of a message in one script: English (Latin letters, digits) or Chinese (Han). */
export interface Run {
  script: 'latin' | 'han';
  text: string;
}

/** Split a normalised message into Latin and Han runs, in order ("我的order到了吗" → 3 runs). */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let last = 0;
  for (const match of text.matchAll(hanRun)) {
    const at = match.index ?? 0;
    if (at > last) runs.push({ script: 'latin', text: text.slice(last, at) });
    runs.push({ script: 'han', text: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) runs.push({ script: 'latin', text: text.slice(last) });
  return runs.filter((run) => run.text.trim() !== '');
}

/**
 * English words of a Latin run with natural's tokenizer; a number becomes its shape
 * (`#5` for five digits) so that "order 12345" and "order 67890" look alike.
 */
export function englishWords(text: string): string[] {
  return wordTokenizer.tokenize(text).map((word) => (digits.test(word) ? `#${Math.min(word.length, 9)}` : word));
}

/** Chinese words of a Han run with `Intl.Segmenter` (natural's tokenizers drop CJK). */
export function chineseWords(text: string): string[] {
  const words: string[] = [];
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words.push(segment.segment);
  return words;
}
