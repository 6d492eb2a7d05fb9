import { maskPersonalData } from './customers/index.js';
import { extractEntities } from './nlu/entities.js';
import type { Language, Recognizer } from './nlu/types.js';
import type { Sentiment } from './sentiment/index.js';
import { assessPriority, classifyInContext, complaintTrigger } from './tickets/index.js';

/** A sentence of each language that goes down every path of the text pipeline: a complaint with an order number and a phone number. */
const SAMPLES: readonly (readonly [Language, string])[] = [
  ['en', 'I was charged twice for order 1048213 and it arrived broken, call me on 13812345678 or I will report you'],
  ['zh', '订单1048213被扣了两次钱，东西还坏了，打13812345678联系我，不然我就投诉你们'],
];

export interface WarmUpDeps {
  recognizer: Recognizer;
  analyzeSentiment: (text: string, language: Language) => Sentiment;
}

/**
 * Runs what the bot does with a customer's text (recognition, sentiment, the complaint and
 * ticket lexicons, entities, masking) on a sentence of each language, before the server takes
 * its first customer. On its first use each of the lexicons' hundreds of regular expressions
 * is compiled by V8, once for English text and once for Chinese (a pattern is compiled per string
 * encoding): a fresh server's first complaint took about 300 ms, every other customer waiting
 * with it. Nothing is stored. Returns how long it took, in milliseconds.
 */
export function warmUp({ recognizer, analyzeSentiment }: WarmUpDeps): number {
  const started = performance.now();
  for (const [language, text] of SAMPLES) {
    recognizer.recognize(text, language);
    const { score } = analyzeSentiment(text, language);
    complaintTrigger(text, score);
    classifyInContext(text);
    assessPriority({ text, sentiment: score, recentComplaints: 0 });
    extractEntities(text);
    maskPersonalData(text);
  }
  return performance.now() - started;
}
