import type { Language, Recognizer, ScoredIntent } from '../nlu/types.js';
import type { Intent } from './schema.js';

/** What one recognizer makes of a sentence, and what the bot would answer. */
export interface TryResult {
  version: number | 'draft';
  language: Language;
  decision: 'answer' | 'clarify' | 'fallback';
  intent: string | null;
  score: number;
  alternatives: ScoredIntent[];
  /** The answer the bot would give; `null` when it would ask or say it is not sure. */
  answer: { text: string; quickReplies: string[]; dialog?: string } | null;
}

export function tryOn(text: string, version: number | 'draft', recognizer: Recognizer, intents: ReadonlyMap<string, Intent>): TryResult {
  const recognition = recognizer.recognize(text);
  const intent = recognition.decision === 'answer' && recognition.intent ? intents.get(recognition.intent) : undefined;
  const language = recognition.language;
  return {
    version,
    language,
    decision: recognition.decision,
    intent: recognition.intent,
    score: recognition.score,
    alternatives: recognition.alternatives,
    answer: intent
      ? {
          text: intent.answers[language][0] ?? '',
          quickReplies: intent.quickReplies?.[language] ?? [],
          ...(intent.dialog ? { dialog: intent.dialog } : {}),
        }
      : null,
  };
}
