import { loadAfinn } from './afinn.js';
import { EMOJI, EMOTICONS } from './emoji.js';
import {
  BOOSTERS,
  CONTRAST_WORDS,
  EXPECTED_EVENTS,
  NEGATORS,
  NEGATED_ONLY,
  PHRASES,
  REQUEST_WORDS,
  SCOPE_BREAKERS,
  WORD_OVERRIDES,
} from './english-lexicon.js';
import type { Cue, Reading } from './combine.js';

type TokenKind = 'word' | 'emoji' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
  /** Lower-cased, apostrophes unified. */
  norm: string;
}

const LEXICON: ReadonlyMap<string, number> = (() => {
  const lexicon = new Map(loadAfinn());
  for (const [word, valence] of Object.entries(WORD_OVERRIDES)) lexicon.set(word, valence);
  return lexicon;
})();
const PHRASE_WORDS_MAX = Math.max(...Object.keys(PHRASES).map((p) => p.split(' ').length));

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const emoticonPattern = Object.keys(EMOTICONS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const TOKEN = new RegExp(
  `(?<=^|\\s)(${emoticonPattern})(?=$|\\s|[.,!?])|(\\p{Extended_Pictographic})|([A-Za-z]+(?:['’][A-Za-z]+)*)|([!?]+|[.,;:]+|\\n)`,
  'gu',
);
const NOISE = /https?:\/\/\S+|www\.\S+|@\w+|&amp;|&lt;|&gt;|&quot;|&#39;/g;
/** "2 hours", "an hour", "three days": time spent waiting is the commonest complaint. */
const DURATION =
  /\b(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s*\+?\s*(?:hours?|hrs?|days?|weeks?)\b/gi;
/** After "no" these words do not name something missing ("no, I …", "no need"). */
const NOT_MISSING = new Set([
  'i', 'we', 'you', 'it', 'he', 'she', 'they', 'that', 'this', 'need', 'more', 'matter',
  'thanks', 'thank', 'the', 'idea', 'longer', 'doubt', 'wonder', 'worries', 'rush',
  // Answers to the bot's questions: "no order number", "no other questions".
  'order', 'number', 'phone', 'account', 'other', 'else', 'further', 'questions', 'question',
]);
const QUESTION_START =
  /^(?:how|what|where|when|which|who|can|could|would|will|is|are|do|does|did|should|may)\b/i;
const CAPS_WORD = /^[A-Z]{2,}$/;

/** Split a message into words, emoji, emoticons and punctuation, dropping URLs and @names. */
function tokenize(text: string): Token[] {
  const cleaned = text.replace(NOISE, ' ').replace(/#(\w)/g, '$1').replace(/[\uFE0F\u200D]/g, '');
  const tokens: Token[] = [];
  for (const m of cleaned.matchAll(TOKEN)) {
    const [whole, emoticon, emoji, word] = m;
    if (emoticon !== undefined) tokens.push({ kind: 'emoji', text: emoticon, norm: emoticon });
    else if (emoji !== undefined) tokens.push({ kind: 'emoji', text: emoji, norm: emoji });
    else if (word !== undefined) {
      tokens.push({ kind: 'word', text: word, norm: word.toLowerCase().replace(/’/g, "'") });
    } else tokens.push({ kind: 'punct', text: whole, norm: whole });
  }
  return tokens;
}

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

/** Valence of a single word, trying "soooo" → "soo" → "so" and a possessive "'s". */
function wordValence(word: string): number | undefined {
  const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
  const direct = LEXICON.get(bare);
  if (direct !== undefined) return direct;
  if (/(\w)\1\1/.test(bare)) {
    return LEXICON.get(bare.replace(/(\w)\1+/g, '$1$1')) ?? LEXICON.get(bare.replace(/(\w)\1+/g, '$1'));
  }
  return undefined;
}

/** Longest phrase starting at `start` made only of word tokens: [valence, length]. */
function matchPhrase(tokens: Token[], start: number): [number, number] | undefined {
  let words = '';
  let best: [number, number] | undefined;
  for (let j = start; j < tokens.length && j - start < PHRASE_WORDS_MAX; j++) {
    const token = tokens[j]!;
    if (token.kind !== 'word') break;
    words = j === start ? token.norm : `${words} ${token.norm}`;
    const valence = PHRASES[words];
    if (valence !== undefined && j > start) best = [valence, j - start + 1];
  }
  return best;
}

/**
 * The cues of an English support message (AFINN scale, unbounded) and its shape: AFINN plus
 * support-chat vocabulary, with scoped negation, degree words, "but" clauses, emoji,
 * CAPS and "!!!". `combine` adds them up into the raw score.
 */
export function readEnglish(text: string): Reading {
  const tokens = tokenize(text);
  const cues: Cue[] = [];
  const words = tokens.filter((t) => t.kind === 'word' && /[a-z]/i.test(t.text));
  const capsWords = words.filter((t) => CAPS_WORD.test(t.text)).length;
  const shouting = words.length >= 3 && capsWords / words.length >= 0.7;
  let clause = 0;
  let sentence = 0;
  const questionSentences = new Set<number>();
  let exclamations = 0;
  let negation: { left: number; word: string; fresh: boolean } | undefined;
  let boost = 1;
  let boostLeft = 0;

  const push = (valence: number, caps: boolean, request = false): void => {
    let v = valence * (boostLeft > 0 ? boost : 1);
    if (caps && !shouting) v *= 1.5;
    if (negation) {
      v *= v > 0 ? -0.75 : -0.4;
      negation = undefined;
    }
    cues.push({ valence: v, clause, request, sentence });
    boost = 1;
    boostLeft = 0;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'punct') {
      exclamations += (token.text.match(/!/g) ?? []).length;
      if (token.text.includes('?')) questionSentences.add(sentence);
      if (/[.!?\n]/.test(token.text)) sentence++;
      negation = undefined;
      boostLeft = 0;
      continue;
    }
    if (token.kind === 'emoji') {
      const valence = EMOJI[token.text] ?? EMOTICONS[token.text];
      if (valence !== undefined) cues.push({ valence, clause });
      continue;
    }
    const phrase = matchPhrase(tokens, i);
    if (phrase) {
      const [valence, length] = phrase;
      const caps = CAPS_WORD.test(tokens[i + length - 1]!.text);
      if (valence !== 0) push(valence, caps);
      i += length - 1;
      continue;
    }
    const word = token.norm;
    if (CONTRAST_WORDS.has(word)) {
      clause++;
      negation = undefined;
      continue;
    }
    if (isNegator(word)) {
      negation = { left: 3, word, fresh: true };
      continue;
    }
    const factor = BOOSTERS[word];
    if (factor !== undefined) {
      boost *= factor;
      boostLeft = 2;
      continue;
    }
    if (negation && SCOPE_BREAKERS.has(word)) negation = undefined;
    const valence = negation && NEGATED_ONLY[word] !== undefined ? NEGATED_ONLY[word] : wordValence(word);
    if (valence !== undefined && valence !== 0) {
      push(valence, CAPS_WORD.test(token.text), REQUEST_WORDS.has(word) && !negation);
      continue;
    }
    if (negation) {
      if (EXPECTED_EVENTS.has(word)) {
        negation = undefined;
        cues.push({ valence: -1.5, clause });
        continue;
      }
      if (negation.fresh && negation.word === 'no' && !NOT_MISSING.has(word)) {
        negation = undefined;
        cues.push({ valence: -1, clause });
        continue;
      }
      negation.fresh = false;
      if (--negation.left === 0) negation = undefined;
    }
    if (boostLeft > 0) boostLeft--;
  }
  const durations = Math.min(2, (text.match(DURATION) ?? []).length);
  for (let d = 0; d < durations; d++) cues.push({ valence: -1, clause });
  const question = /\?\s*$/.test(text.trim()) || QUESTION_START.test(text.replace(NOISE, ' ').trim());
  if (QUESTION_START.test(text.replace(NOISE, ' ').trim())) questionSentences.add(0);
  return { cues, shape: { clauses: clause + 1, exclamations, shouting, question, questionSentences } };
}
