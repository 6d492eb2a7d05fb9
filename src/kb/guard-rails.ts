import type { Language, Recognizer } from '../nlu/types.js';
import type { Intent } from './schema.js';

/** Fewer example utterances than this in a language and the recognizer guesses. */
export const MIN_EXAMPLES_PER_LANGUAGE = 3;

/** Something at publish time an admin should look at; it does not stop the publish. */
export type GuardRailWarning =
  | { code: 'duplicate_utterance'; language: Language; text: string; intents: string[]; message: string }
  | { code: 'few_examples'; intent: string; language: Language; count: number; message: string }
  | { code: 'missing_answer'; intent: string; language: Language; message: string }
  | { code: 'accuracy_drop'; before: number; after: number; total: number; misses: CheckMiss[]; message: string };

/** A check-set utterance the new recognizer gets wrong. */
export interface CheckMiss {
  text: string;
  expected: string;
  got: string | null;
}

export interface CheckSetScore {
  total: number;
  correct: number;
  /** In [0, 1]; 1 for an empty check set. */
  accuracy: number;
  misses: CheckMiss[];
}

const languages: Language[] = ['en', 'zh'];

/** The form under which two utterances count as the same sentence. */
export function utteranceKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
}

/** Checks that need no training: duplicates across intents, thin examples, missing answers. */
export function structuralWarnings(intents: readonly Intent[]): GuardRailWarning[] {
  const warnings: GuardRailWarning[] = [];
  for (const language of languages) {
    const owners = new Map<string, { text: string; intents: Set<string> }>();
    for (const intent of intents) {
      for (const text of intent.utterances[language]) {
        const entry = owners.get(utteranceKey(text)) ?? { text, intents: new Set<string>() };
        entry.intents.add(intent.name);
        owners.set(utteranceKey(text), entry);
      }
    }
    for (const { text, intents: names } of owners.values()) {
      if (names.size < 2) continue;
      const list = [...names].sort();
      warnings.push({ code: 'duplicate_utterance', language, text, intents: list, message: `"${text}" is an example of ${list.join(' and ')}` });
    }
  }
  for (const intent of intents) {
    for (const language of languages) {
      const count = intent.utterances[language].length;
      if (count < MIN_EXAMPLES_PER_LANGUAGE) {
        warnings.push({ code: 'few_examples', intent: intent.name, language, count, message: `${intent.name} has ${count} ${language} example(s); at least ${MIN_EXAMPLES_PER_LANGUAGE} are needed` });
      }
      if (intent.answers[language].length === 0) {
        warnings.push({ code: 'missing_answer', intent: intent.name, language, message: `${intent.name} has no ${language} answer` });
      }
    }
  }
  return warnings;
}

/** How many of the knowledge base's held-out check utterances a recognizer gets right. */
export function scoreCheckSet(recognizer: Recognizer, intents: readonly Intent[]): CheckSetScore {
  const misses: CheckMiss[] = [];
  let total = 0;
  for (const intent of intents) {
    for (const language of languages) {
      for (const text of intent.check?.[language] ?? []) {
        total += 1;
        const got = recognizer.recognize(text).intent;
        if (got !== intent.name) misses.push({ text, expected: intent.name, got });
      }
    }
  }
  const correct = total - misses.length;
  return { total, correct, accuracy: total === 0 ? 1 : correct / total, misses };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** A warning when the new recognizer does worse on the check set than the published one. */
export function accuracyWarning(before: CheckSetScore, after: CheckSetScore): GuardRailWarning | undefined {
  if (after.total === 0 || after.correct >= before.correct) return undefined;
  return {
    code: 'accuracy_drop',
    before: before.accuracy,
    after: after.accuracy,
    total: after.total,
    misses: after.misses.slice(0, 20),
    message: `check-set accuracy drops from ${percent(before.accuracy)} to ${percent(after.accuracy)} (${before.correct} → ${after.correct} of ${after.total} right)`,
  };
}
