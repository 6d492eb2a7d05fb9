import type { Language, Recognition, Recognizer, ScoredIntent } from '../nlu/types.js';
import { ANSWER_RULE, showsLanguage } from '../nlu/index.js';
import { intentByTitle } from './button-titles.js';
import { type Intent, SMALLTALK_CATEGORY } from './schema.js';

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
  /** The sentence as the recognizer read it, when it put right a character typed by its sound. */
  readAs?: string;
  /** The answer the bot would give; `null` when it would ask or say it is not sure. */
  answer: { text: string; quickReplies: string[]; dialog?: string } | null;
}

/** What the bot makes of a message: a button label is taken at its word, anything else goes to the recognizer. */
export function understand(text: string, recognizer: Recognizer, intents: ReadonlyMap<string, Intent>, languageHint?: Language): { recognition: Recognition; matchedBy: TryResult['matchedBy'] } {
  const clicked = intentByTitle(intents, text);
  if (!clicked) return { recognition: settleSmallTalk(recognizer.recognize(text, languageHint), intents), matchedBy: 'recognizer' };
  const { intent } = clicked;
  // "OK" is the English label of an intent, and a Chinese customer's "ok" too: it follows the page.
  const language = languageHint && !showsLanguage(text) ? languageHint : clicked.language;
  return { recognition: { language, intent: intent.name, score: 1, alternatives: [{ intent: intent.name, score: 1 }], decision: 'answer' }, matchedBy: 'title' };
}

/**
 * What the bot does with a "Did you mean …?", knowing which intents are small talk: it offers
 * no small talk as a button (a "Goodbye" button answers no customer's question: 「钱的问题」,
 * read as goodbye at 0.32, is offered the refund and damaged-item answers instead). When small
 * talk is all that is plausible, the message looks like small talk (「你好呀」: hello 0.51,
 * "you're not helping" 0.42): the likeliest is answered if it reaches the answer floor, or if the
 * small talk together reaches the topic floor (「好的谢谢」: thanks 0.49, goodbye 0.47), and
 * otherwise the bot is not sure. Other decisions pass unchanged.
 */
export function settleSmallTalk(recognition: Recognition, intents: ReadonlyMap<string, Intent>): Recognition {
  if (recognition.decision !== 'clarify') return recognition;
  const isSmallTalk = (name: string) => intents.get(name)?.category === SMALLTALK_CATEGORY;
  const candidates = (recognition.candidates ?? []).filter((candidate) => intents.has(candidate.intent) && !isSmallTalk(candidate.intent));
  if (candidates.length > 0) return { ...recognition, candidates };
  const { candidates: _, choice: __, ...rest } = recognition;
  const best = recognition.candidates?.[0];
  // 「好的谢谢」: thanks 0.49, goodbye 0.47. Small talk for certain, which one a toss-up: the likeliest.
  const together = (recognition.candidates ?? []).reduce((sum, candidate) => sum + candidate.score, 0);
  const sure = (best?.score ?? 0) >= ANSWER_RULE.answerFloor || together >= ANSWER_RULE.topicFloor;
  if (best && isSmallTalk(best.intent) && sure) return { ...rest, intent: best.intent, score: best.score, decision: 'answer' };
  return { ...rest, intent: null, decision: 'fallback' };
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
    ...(recognition.readAs ? { readAs: recognition.readAs } : {}),
    answer: intent
      ? {
          text: intent.answers[language][0] ?? '',
          quickReplies: intent.quickReplies?.[language] ?? [],
          ...(intent.dialog ? { dialog: intent.dialog } : {}),
        }
      : null,
  };
}
