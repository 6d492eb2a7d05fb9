import { Converter } from 'opencc-js/t2cn';
import type { Cue, Reading } from './combine.js';
import { EMOJI, EMOTICONS } from './emoji.js';
import {
  ZH_CONTRAST,
  ZH_DEGREE,
  ZH_EXPECTED,
  ZH_LEXICON,
  ZH_NEGATORS,
  ZH_NOT_MISSING,
  ZH_REQUESTS,
  ZH_SUFFIX_DEGREE,
} from './chinese-lexicon.js';

type Kind = 'opinion' | 'negator' | 'degree' | 'suffix' | 'contrast' | 'event' | 'other' | 'punct';
interface Token {
  text: string;
  kind: Kind;
}

const toSimplified = Converter({ from: 'tw', to: 'cn' });
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const PUNCT = /[\s，。！？；：、,.!?;:~～…\n\r\t（）()【】\[\]"'“”‘’\-—]/u;
/** A message asked as a whole: a final 吗/么/呢, or a leading 请问/能否/怎么 … */
const ASKED = /[吗么呢][\s。.!！]*$|^(?:请问|能否|可以|能不能|如何|怎么)/u;
/** Words that make a sentence a question even without "？" ("退款多久到账"). */
const ASKS = /多久|多长时间|什么时候|何时|几天|怎么|怎样|如何|哪|谁|多少|是否|能不能|可不可以|能否|有没有|[吗呢]/u;
const SENTENCE_END = /[。！？!?\n]/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const EMOTICON = new RegExp(
  Object.keys(EMOTICONS)
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|'),
  'g',
);
const EMOJI_CHAR = /\p{Extended_Pictographic}/gu;

/** Every word the scorer knows, with what it is; negators and degree words win over opinions. */
const DICTIONARY: ReadonlyMap<string, Kind> = (() => {
  const dict = new Map<string, Kind>();
  for (const [word, valence] of ZH_LEXICON) dict.set(word, valence === 0 ? 'other' : 'opinion');
  for (const word of ZH_EXPECTED) if (!dict.has(word)) dict.set(word, 'event');
  for (const word of ZH_SUFFIX_DEGREE.keys()) dict.set(word, 'suffix');
  for (const word of ZH_DEGREE.keys()) dict.set(word, 'degree');
  for (const word of ZH_NEGATORS.keys()) dict.set(word, 'negator');
  for (const word of ZH_CONTRAST) dict.set(word, 'contrast');
  return dict;
})();
const MAX_WORD = Math.max(...[...DICTIONARY.keys()].map((w) => w.length));

function longestMatch(text: string, start: number): string | undefined {
  for (let len = Math.min(MAX_WORD, text.length - start); len > 0; len--) {
    const candidate = text.slice(start, start + len);
    if (DICTIONARY.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Longest match over the lexicon; stretches the lexicon does not know are cut where
 * `Intl.Segmenter` puts word boundaries, so negation scope counts words, not characters.
 */
function tokenize(text: string): Token[] {
  const segmentEnd = new Map<number, number>();
  for (const s of segmenter.segment(text)) segmentEnd.set(s.index, s.index + s.segment.length);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (PUNCT.test(ch)) {
      tokens.push({ text: ch, kind: 'punct' });
      i++;
      continue;
    }
    const word = longestMatch(text, i);
    if (word) {
      tokens.push({ text: word, kind: DICTIONARY.get(word)! });
      i += word.length;
      continue;
    }
    let end = segmentEnd.get(i) ?? i + 1;
    for (let j = i + 1; j < end; j++) {
      const inner = longestMatch(text, j);
      if (inner && inner.length > 1) {
        end = j;
        break;
      }
    }
    tokens.push({ text: text.slice(i, end), kind: 'other' });
    i = end;
  }
  return tokens;
}

/** Emoji and emoticons anywhere in the message. */
function faceCues(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(EMOTICON)) found.push(EMOTICONS[m[0]] ?? 0);
  for (const m of text.matchAll(EMOJI_CHAR)) {
    const valence = EMOJI[m[0]];
    if (valence !== undefined) found.push(valence);
  }
  return found;
}

/**
 * The cues of a Chinese message (AFINN scale) and its shape, which `combine` adds up into the
 * raw score: Traditional is converted to Simplified, then opinion
 * words are scored with negation (不/没/没有/别/未/无…), degree adverbs (很/非常/太/有点…),
 * endings (…死了), contrast (但是/可是/不过), "！" and complaint vocabulary.
 */
export function readChinese(original: string): Reading {
  const text = (HAN.test(original) ? toSimplified(original) : original).toLowerCase();
  const tokens = tokenize(text);
  // "没有。" alone answers a question ("do you have an order number?"): nothing is said to be missing.
  const words = tokens.filter((token) => token.kind !== 'punct');
  if (words.length === 1 && words[0]!.kind === 'negator' && faceCues(original).length === 0) return { cues: [], shape: { clauses: 1, exclamations: 0, shouting: false, question: false } };
  const cues: Cue[] = [];
  let clause = 0;
  let sentence = 0;
  const questionSentences = new Set<number>();
  let negation: { factor: number; word: string; left: number } | undefined;
  let boost = 1;
  let lastOpinionAt = -10;
  // "说好的赠品也没有": a 没 with nothing after it says something is missing.
  const closeNegation = (): void => {
    if (negation && isMissing(negation.word) && negation.left === 3) cues.push(opinion(-1, clause));
    negation = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.kind) {
      case 'punct':
        closeNegation();
        if (/[?？]/.test(token.text)) questionSentences.add(sentence);
        if (/[。！？!?\n]/.test(token.text)) sentence++;
        boost = 1;
        break;
      case 'contrast':
        closeNegation();
        clause++;
        boost = 1;
        break;
      case 'negator':
        negation = { factor: ZH_NEGATORS.get(token.text)!, word: token.text, left: 3 };
        break;
      case 'degree': {
        const next = tokens[i + 1];
        if (token.text === '好' && next?.kind !== 'opinion') {
          cues.push(opinion(2 * boost, clause));
          boost = 1;
          lastOpinionAt = i;
          break;
        }
        boost = negation ? 0.7 : boost * ZH_DEGREE.get(token.text)!;
        break;
      }
      case 'suffix': {
        const last = cues[cues.length - 1];
        if (last && i - lastOpinionAt <= 2) last.valence *= ZH_SUFFIX_DEGREE.get(token.text)!;
        break;
      }
      case 'opinion': {
        let valence = ZH_LEXICON.get(token.text)! * boost;
        if (negation) valence *= valence > 0 ? negation.factor : -0.4;
        cues.push({ valence, clause, request: ZH_REQUESTS.has(token.text), sentence });
        negation = undefined;
        boost = 1;
        lastOpinionAt = i;
        break;
      }
      default:
        if (negation) {
          if (token.kind === 'event' || (isMissing(negation.word) && negation.left === 3 && !ZH_NOT_MISSING.has(token.text))) {
            cues.push(opinion(token.kind === 'event' ? -1.5 : -1, clause));
            negation = undefined;
          } else if (--negation.left === 0) negation = undefined;
        }
    }
  }
  closeNegation();
  for (const valence of faceCues(original)) cues.push({ valence, clause });
  const exclamations = (text.match(/[!！]/g) ?? []).length;
  return {
    cues,
    shape: {
      clauses: clause + 1,
      exclamations,
      shouting: false,
      question: /[?？]/.test(text) || ASKED.test(text),
      questionSentences: new Set([
        ...questionSentences,
        ...text.split(SENTENCE_END).flatMap((part: string, at: number) => (ASKS.test(part) ? [at] : [])),
        ...(ASKED.test(text) ? [sentence, 0] : []),
      ]),
    },
  };
}

function isMissing(negator: string): boolean {
  return negator.includes('没') || negator === '无' || negator === '未';
}

function opinion(valence: number, clause: number): Cue {
  return { valence, clause };
}
