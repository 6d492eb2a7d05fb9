import type { Language, Recognition, Recognizer, ScoredIntent } from '../nlu/types.js';
import { showsLanguage } from '../nlu/index.js';
import { intentByTitle } from './button-titles.js';
import type { Intent } from './schema.js';

/** What one recognizer makes of a sentence, and what the bot would answer. */
export interface TryResult {
  version: number | 'draft';
  language: Language;
  decision: 'answer' | 'clarify' | 'fallback';
  intent: string | null;
  score: number;
  alternatives: ScoredIntent[];
  /** `title`: the sentence is an intent's button label, which the bot takes at its word; else the recognizer's reading. */
  matchedBy: 'title' | 'recognizer';
  /** The answer the bot would give; `null` when it would ask or say it is not sure. */
  answer: { text: string; quickReplies: string[]; dialog?: string } | null;
}

/** What the bot makes of a message: a button label is taken at its word, anything else goes to the recognizer. */
export function understand(text: string, recognizer: Recognizer, intents: ReadonlyMap<string, Intent>, languageHint?: Language): { recognition: Recognition; matchedBy: TryResult['matchedBy'] } {
  const clicked = intentByTitle(intents, text);
  if (!clicked) return { recognition: recognizer.recognize(text, languageHint), matchedBy: 'recognizer' };
  const { intent } = clicked;
  // "OK" is the English label of an intent, and a Chinese customer's "ok" too: it follows the page.
  const language = languageHint && !showsLanguage(text) ? languageHint : clicked.language;
  return { recognition: { language, intent: intent.name, score: 1, alternatives: [{ intent: intent.name, score: 1 }], decision: 'answer' }, matchedBy: 'title' };
}

export function tryOn(text: string, version: number | 'draft', recognizer: Recognizer, intents: ReadonlyMap<string, Intent>): TryResult {
  const { recognition, matchedBy } = understand(text, recognizer, intents);
  const intent = recognition.decision === 'answer' && recognition.intent ? intents.get(recognition.intent) : undefined;
  const language = recognition.language;
  return {
    version,
    language,
    decision: recognition.decision,
    intent: recognition.intent,
    score: recognition.score,
    alternatives: recognition.alternatives,
    matchedBy,
    answer: intent
      ? {
          text: intent.answers[language][0] ?? '',
          quickReplies: intent.quickReplies?.[language] ?? [],
          ...(intent.dialog ? { dialog: intent.dialog } : {}),
        }
      : null,
  };
}
