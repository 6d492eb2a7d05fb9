import { detectLanguage } from '../nlu/language.js';
import { OUT_OF_SCOPE_INTENT } from '../nlu/recognizer.js';
import type { Language, Recognizer } from '../nlu/types.js';
import { understand } from './try-it.js';
import { type Intent, WELCOME_INTENT } from './schema.js';

/** Fewer example utterances than this in a language and the recognizer guesses. */
export const MIN_EXAMPLES_PER_LANGUAGE = 3;

/**
 * Fewer off-topic examples (intent `oos`) than this in a language, and the recognizer has little
 * to tell "not for this shop" from its nearest intent: "what is the capital of France" gets
 * answered. The default knowledge base has about 45 in each language.
 */
export const MIN_OUT_OF_SCOPE_EXAMPLES = 10;

/**
 * Something at publish time an admin should look at; it does not stop the publish. `message`
 * is English for API users and logs; the admin pages word each code in their own language.
 */
export type GuardRailWarning =
  | { code: 'duplicate_utterance'; language: Language; text: string; intents: string[]; message: string }
  | { code: 'few_examples'; intent: string; language: Language; count: number; min: number; message: string }
  | { code: 'missing_answer'; intent: string; language: Language; message: string }
  | { code: 'few_out_of_scope'; language: Language; count: number; min: number; message: string }
  | { code: 'accuracy_drop'; before: number; after: number; total: number; misses: CheckMiss[]; message: string }
  | { code: 'quick_reply_unanswered'; intent: string; language: Language; text: string; decision: 'clarify' | 'fallback'; message: string }
  | { code: 'wrong_language'; intent: string; language: Language; field: LanguageField; text: string; written: Language; message: string };

/** The texts of an intent that are kept per language, and checked for being in that language. */
export type LanguageField = 'utterances' | 'answers' | 'quickReplies' | 'title';

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
  const offTopic = intents.find((intent) => intent.name === OUT_OF_SCOPE_INTENT);
  for (const language of languages) {
    const count = offTopic?.utterances[language].length ?? 0;
    if (count < MIN_OUT_OF_SCOPE_EXAMPLES) {
      warnings.push({ code: 'few_out_of_scope', language, count, min: MIN_OUT_OF_SCOPE_EXAMPLES, message: `${count} off-topic (${OUT_OF_SCOPE_INTENT}) ${language} example(s); with fewer than ${MIN_OUT_OF_SCOPE_EXAMPLES} the bot may answer off-topic questions with its nearest intent` });
    }
  }
  warnings.push(...wrongLanguageWarnings(intents));
  for (const intent of intents) {
    for (const language of languages) {
      const count = intent.utterances[language].length;
      if (count < MIN_EXAMPLES_PER_LANGUAGE && intent.name !== WELCOME_INTENT) {
        warnings.push({ code: 'few_examples', intent: intent.name, language, count, min: MIN_EXAMPLES_PER_LANGUAGE, message: `${intent.name} has ${count} ${language} example(s); at least ${MIN_EXAMPLES_PER_LANGUAGE} are needed` });
      }
      if (intent.answers[language].length === 0) {
        warnings.push({ code: 'missing_answer', intent: intent.name, language, message: `${intent.name} has no ${language} answer` });
      }
    }
  }
  return warnings;
}

const languageNames: Record<Language, string> = { en: 'English', zh: 'Chinese' };
const fieldNames: Record<LanguageField, string> = { utterances: 'example', answers: 'answer', quickReplies: 'quick reply', title: 'button label' };

/**
 * Text under one language written in the other (a Chinese answer pasted into the English column):
 * customers who write that language would be answered, or offered buttons, in the other one.
 * Answers, quick replies and button labels are checked both ways by the script they are written
 * in (as the bot tells a customer's language); examples only in the English column, since Chinese
 * customers do write "ok" or a product's English name, and an example trains the recognizer
 * whatever its column (it is only counted as that language's).
 */
export function wrongLanguageWarnings(intents: readonly Intent[]): GuardRailWarning[] {
  const warnings: GuardRailWarning[] = [];
  for (const intent of intents) {
    for (const language of languages) {
      const texts: [LanguageField, string[]][] = [
        ['utterances', language === 'en' ? intent.utterances.en : []],
        ['answers', intent.answers[language]],
        ['quickReplies', intent.quickReplies?.[language] ?? []],
        ['title', intent.title ? [intent.title[language]] : []],
      ];
      for (const [field, list] of texts) {
        for (const text of list) {
          const written = detectLanguage(text, language);
          if (written === language) continue;
          const message = `the ${languageNames[language]} ${fieldNames[field]} "${text}" of ${intent.name} is written in ${languageNames[written]}`;
          warnings.push({ code: 'wrong_language', intent: intent.name, language, field, text, written, message });
        }
      }
    }
  }
  return warnings;
}

/** Check questions recognised between two pauses of `scoreCheckSet`: about 2 ms of work. */
const CHECKS_PER_STEP = 16;

/** How many of the knowledge base's held-out check utterances a recognizer gets right; `pause` is awaited every few. */
export async function scoreCheckSet(recognizer: Recognizer, intents: readonly Intent[], pause: () => Promise<void>): Promise<CheckSetScore> {
  const misses: CheckMiss[] = [];
  let total = 0;
  for (const intent of intents) {
    for (const language of languages) {
      for (const text of intent.check?.[language] ?? []) {
        // A pause every few questions (~2 ms): a publish while customers chat does not hold up their turns.
        if (total % CHECKS_PER_STEP === 0) await pause();
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
const missKey = (miss: CheckMiss) => `${miss.expected}\u0000${miss.text}`;

/**
 * A warning when the new recognizer does worse on the check set than the published one. Its
 * `misses` are the questions the change broke (right before, wrong now), not every question
 * the draft misses: those are what the admin can act on before publishing anyway.
 */
export function accuracyWarning(before: CheckSetScore, after: CheckSetScore): GuardRailWarning | undefined {
  if (after.total === 0 || after.correct >= before.correct) return undefined;
  const missedBefore = new Set(before.misses.map(missKey));
  return {
    code: 'accuracy_drop',
    before: before.accuracy,
    after: after.accuracy,
    total: after.total,
    misses: after.misses.filter((miss) => !missedBefore.has(missKey(miss))).slice(0, 20),
    message: `check-set accuracy drops from ${percent(before.accuracy)} to ${percent(after.accuracy)} (${before.correct} → ${after.correct} of ${after.total} right)`,
  };
}

/**
 * Quick replies the bot would not answer: a button that is no intent's label (`title`) and that
 * the new recognizer is not sure of leaves the customer who taps it with "I'm not sure" or
 * "Did you mean …?". (A button the recognizer answers with the wrong intent cannot be told
 * from here: Try it shows where a label leads.)
 */
export function quickReplyWarnings(recognizer: Recognizer, intents: readonly Intent[]): GuardRailWarning[] {
  const byName = new Map(intents.map((intent) => [intent.name, intent]));
  const warnings: GuardRailWarning[] = [];
  for (const intent of intents) {
    for (const language of languages) {
      for (const text of intent.quickReplies?.[language] ?? []) {
        const { decision } = understand(text, recognizer, byName, language).recognition;
        if (decision === 'answer') continue;
        const outcome = decision === 'fallback' ? 'not sure what it means' : 'ask "Did you mean …?"';
        warnings.push({ code: 'quick_reply_unanswered', intent: intent.name, language, text, decision, message: `the quick reply "${text}" of ${intent.name} (${language}) answers nothing: the bot would be ${outcome}` });
      }
    }
  }
  return warnings;
}
