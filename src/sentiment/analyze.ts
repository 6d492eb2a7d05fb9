import { detectLanguage } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import { readChinese } from './chinese.js';
import { combine, type Reading } from './combine.js';
import { readEnglish } from './english.js';
import type { Sentiment, SentimentLabel } from './types.js';

/** Longer messages are cut here: the mood of a chat message is in its first few thousand characters. */
const MAX_CHARS = 4000;

/**
 * |score| below which a message counts as neutral, per language. Chosen on the hand-written
 * fixtures and the public sets' train splits (see bench/results/sentiment.md).
 */
export const NEUTRAL_BAND: Record<Language, { negative: number; positive: number }> = {
  en: { negative: 0.1, positive: 0.3 },
  zh: { negative: 0.1, positive: 0.2 },
};

/** Squash a raw AFINN-scale sum into (-1, 1); a single strong word lands near ±0.6. */
export function normalize(raw: number): number {
  if (!Number.isFinite(raw) || raw === 0) return 0;
  return raw / Math.sqrt(raw * raw + 15);
}

export function labelOf(score: number, language: Language): SentimentLabel {
  const band = NEUTRAL_BAND[language];
  if (score <= -band.negative) return 'negative';
  if (score >= band.positive) return 'positive';
  return 'neutral';
}

/** Raw (unnormalised) score, exposed for threshold selection in the benchmark. */
export function rawScore(text: string, language: Language): number {
  const { cues, shape } = readingOf(text, language);
  return combine(cues, shape);
}

function readingOf(text: string, language: Language): Reading {
  const input = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  return language === 'zh' ? readChinese(input) : readEnglish(input);
}

const bounded = (raw: number): number => Math.max(-1, Math.min(1, normalize(raw)));

/**
 * The mood of one customer message: `score` in [-1, 1] and a label. English or Chinese,
 * detected from the text unless given. Deterministic, never throws: anything it cannot read
 * is neutral. A negative message that is negative only through the transaction it asks for
 * ("我想退货", "I want to send it back and get a refund") says so (`requestOnly`).
 */
export function analyzeSentiment(text: string, language?: Language): Sentiment {
  try {
    const input = typeof text === 'string' ? text : String(text ?? '');
    const lang = language === 'en' || language === 'zh' ? language : detectLanguage(input);
    const { cues, shape } = readingOf(input, lang);
    const score = bounded(combine(cues, shape));
    const label = labelOf(score, lang);
    if (label === 'negative' && labelOf(bounded(combine(cues, shape, { withoutRequests: true })), lang) !== 'negative') return { score, label, requestOnly: true };
    return { score, label };
  } catch {
    return { score: 0, label: 'neutral' };
  }
}
