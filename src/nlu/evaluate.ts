import { macroF1, percentile, round } from '../metrics.js';
import { expectedCalibrationError } from './calibration.js';
import { OUT_OF_SCOPE_INTENT } from './recognizer.js';
import type { Recognition, Recognizer, TrainingExample } from './types.js';

/** How a recognizer did on a labelled test set; the eval CLI prints this. */
export interface EvaluationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy: number | null;
  /** In-scope lines whose best guess is right, "not sure" or not: what the classifier knows. */
  top1Accuracy: number | null;
  oosRecall: number | null;
  oosPrecision: number | null;
  /** Expected calibration error of the score against top-1 correctness, in-scope lines. */
  ece: number | null;
  /** Share of lines answered with "not sure". */
  fallbackRate: number;
  /** Share of lines answered with "Did you mean …?". */
  clarifyRate: number;
  /** In-scope lines the bot answers outright (neither "did you mean" nor "not sure"): share answered right. */
  answeredAccuracy: number | null;
  /** In-scope lines asked "Did you mean …?": share whose buttons include the right intent (a partial success). */
  clarifyOffersRight: number | null;
  predictP50Ms: number;
  predictP99Ms: number;
}

/** What the bot makes of a recognition knowing more than the recognizer (see `settleSmallTalk`); by default, the recognition. */
export type BotReading = (recognition: Recognition) => Recognition;

/**
 * Run every test line through the recognizer. A line labelled `oos` is right when the
 * recognizer says it is not sure (intent null); any other line when the intent matches (a
 * "did you mean" counts by its first button there; `answeredAccuracy` and `clarifyOffersRight`
 * tell the two apart). `reading`: what the bot does with a recognition (it offers no small talk
 * as a button); a "did you mean" with no candidates is the bot's "not sure".
 */
export function evaluateRecognizer(recognizer: Recognizer, tests: readonly TrainingExample[], reading: BotReading = (recognition) => recognition): EvaluationReport {
  for (const { text } of tests.slice(0, 20)) recognizer.recognize(text); // warm up the JIT
  const times: number[] = [];
  const predicted: string[] = [];
  const gold = tests.map((test) => test.intent);
  const calibration: { score: number; correct: boolean }[] = [];
  let topRight = 0;
  let fallbacks = 0;
  let clarifies = 0;
  let answered = 0;
  let answeredRight = 0;
  let asked = 0;
  let offeredRight = 0;
  for (const { text, intent } of tests) {
    const start = performance.now();
    const recognized = reading(recognizer.recognize(text));
    times.push(performance.now() - start);
    const choices = recognized.decision === 'clarify' ? (recognized.candidates ?? []).map((candidate) => candidate.intent) : [];
    const recognition = recognized.decision === 'clarify' && choices.length === 0 ? { ...recognized, intent: null, decision: 'fallback' as const } : recognized;
    predicted.push(recognition.intent ?? OUT_OF_SCOPE_INTENT);
    if (recognition.decision === 'fallback') fallbacks++;
    if (recognition.decision === 'clarify') clarifies++;
    if (intent !== OUT_OF_SCOPE_INTENT) {
      const correct = recognition.alternatives[0]?.intent === intent;
      if (correct) topRight++;
      calibration.push({ score: recognition.score, correct });
      if (recognition.decision === 'answer') {
        answered++;
        if (recognition.intent === intent) answeredRight++;
      } else if (recognition.decision === 'clarify') {
        asked++;
        if (choices.includes(intent)) offeredRight++;
      }
    }
  }
  const right = (i: number) => predicted[i] === gold[i];
  const inScope = gold.flatMap((g, i) => (g === OUT_OF_SCOPE_INTENT ? [] : [i]));
  const outOfScope = gold.flatMap((g, i) => (g === OUT_OF_SCOPE_INTENT ? [i] : []));
  const saidOos = predicted.filter((p) => p === OUT_OF_SCOPE_INTENT).length;
  const oosCaught = outOfScope.filter(right).length;
  times.sort((a, b) => a - b);
  const n = tests.length;
  return {
    n,
    accuracy: round(n ? gold.filter((_, i) => right(i)).length / n : 0),
    macroF1: round(macroF1(gold, predicted)),
    inScopeAccuracy: inScope.length ? round(inScope.filter(right).length / inScope.length) : null,
    top1Accuracy: inScope.length ? round(topRight / inScope.length) : null,
    oosRecall: outOfScope.length ? round(oosCaught / outOfScope.length) : null,
    oosPrecision: outOfScope.length ? round(saidOos ? oosCaught / saidOos : 0) : null,
    ece: calibration.length ? round(expectedCalibrationError(calibration)) : null,
    fallbackRate: round(n ? fallbacks / n : 0),
    clarifyRate: round(n ? clarifies / n : 0),
    answeredAccuracy: answered ? round(answeredRight / answered) : null,
    clarifyOffersRight: asked ? round(offeredRight / asked) : null,
    predictP50Ms: round(percentile(times, 50)),
    predictP99Ms: round(percentile(times, 99)),
  };
}
