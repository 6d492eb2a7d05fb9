/** The language a message is written in, as the recognizer and the bot see it. */
export type Language = 'en' | 'zh';

/** One labelled sentence to train on. */
export interface TrainingExample {
  text: string;
  intent: string;
}

export interface ScoredIntent {
  intent: string;
  score: number;
}

/**
 * What the bot does with a recognition:
 * - `answer`: confident enough to answer `intent`;
 * - `clarify`: two intents are close, or the best is too weak to answer but plausible, or the
 *   customer asked "this or that": ask "Did you mean …?" with the `candidates`;
 * - `fallback`: not sure, say so and offer to rephrase or reach a human.
 */
export type Decision = 'answer' | 'clarify' | 'fallback';

export interface Recognition {
  language: Language;
  /** The recognised intent, or `null` when the recognizer is not sure enough to answer. */
  intent: string | null;
  /** Calibrated confidence of the best intent, in [0, 1]. */
  score: number;
  /** Best intents first, the top one included (at most 5). */
  alternatives: ScoredIntent[];
  decision: Decision;
  /** With `clarify`: the intents to offer, best first (2–3 as a rule; see `ANSWER_RULE`). */
  candidates?: ScoredIntent[];
  /** With `clarify`: the customer named the `candidates` themselves ("refund or return", 「退款还是退货」), a choice of their own. */
  choice?: true;
  /** The normalised message as read, when a character typed by its sound was put right (退宽 → 退款). */
  readAs?: string;
}

/** The face the bot, the admin "try it" and the eval CLI use. */
export interface Recognizer {
  /** `languageHint`: the language of the customer's page, for a message written in both scripts (see detectLanguage). */
  recognize(text: string, languageHint?: Language): Recognition;
}
