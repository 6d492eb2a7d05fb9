import type { Language } from '../nlu/types.js';
import type { Sentiment } from './types.js';

export type SentimentAnalyzer = (text: string, language?: Language) => Sentiment;

/**
 * The same analyser, remembering its last `size` answers. One customer message is scored by
 * several parts of a turn (the profile recorder, the complaint trigger, the trace) and again
 * each time the agents' queue lists it; each text is analysed once.
 */
export function rememberingAnalyzer(analyze: SentimentAnalyzer, size = 2048): SentimentAnalyzer {
  const answers = new Map<string, Sentiment>();
  return (text, language) => {
    const key = `${language ?? ''}\u0000${text}`;
    const known = answers.get(key);
    if (known) return known;
    // Frozen: every caller gets the same object.
    const answer = Object.freeze(analyze(text, language));
    answers.set(key, answer);
    // Maps keep insertion order: the first key is the oldest.
    if (answers.size > size) answers.delete(answers.keys().next().value!);
    return answer;
  };
}
