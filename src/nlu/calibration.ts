import { softmaxInPlace } from './softmax.js';

/** An out-of-fold prediction: the raw scores for one held-out example and its true class. */
export interface HeldOut {
  scores: Float64Array;
  label: number;
}

/** Mean negative log-likelihood of the labels under softmax(scores / temperature). */
function meanNll(heldOut: readonly HeldOut[], temperature: number): number {
  let sum = 0;
  for (const { scores, label } of heldOut) {
    const probabilities = softmaxInPlace(Float64Array.from(scores), temperature);
    sum -= Math.log(Math.max(probabilities[label]!, 1e-12));
  }
  return sum / Math.max(heldOut.length, 1);
}

/**
 * Temperature scaling (Guo et al. 2017): the one temperature that makes held-out
 * probabilities honest, found by golden-section search on log T in [e^-3, e^3].
 */
export function fitTemperature(heldOut: readonly HeldOut[]): number {
  if (heldOut.length === 0) return 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = -3;
  let high = 3;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = meanNll(heldOut, Math.exp(a));
  let fb = meanNll(heldOut, Math.exp(b));
  for (let step = 0; step < 40; step++) {
    if (fa < fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = meanNll(heldOut, Math.exp(a));
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = meanNll(heldOut, Math.exp(b));
    }
  }
  return Math.exp((low + high) / 2);
}

/** A calibrated held-out prediction: best and second-best probability, and whether top-1 was right. */
export interface Judged {
  top: number;
  second: number;
  /** The in-scope score (see `inScopeScore` in scorer.ts) the "not sure" cut applies to. */
  inScope: number;
  correct: boolean;
  /** The example belongs to the knowledge base (its label is not `oos`). */
  known: boolean;
}

export interface Thresholds {
  /** Below this in-scope score (calibrated probability, similarity, unseen words) the recognizer says it is not sure. */
  fallback: number;
  /** When the best two scores are closer than this, it asks "Did you mean …?". */
  clarifyMargin: number;
  /** A message at most this far from a training utterance (fuse.js distance) is answered with its intent. */
  nearVerbatim: number;
  /** How often such near-verbatim answers were right in cross-validation: their score. */
  nearVerbatimPrecision: number;
}

export interface ThresholdPolicy {
  /** Share of in-scope questions it may stop answering correctly, e.g. 0.02 (two points). */
  inScopeLossBudget: number;
  /** Largest share of answers that may turn into "Did you mean …?". */
  maxClarifyRate: number;
  /** Clarify only where answering outright would be right at most this often. */
  clarifyMaxAccuracy: number;
}

/**
 * Two points of in-scope accuracy for "not sure": cross-validated cuts land at 1.4–1.8 points on
 * the public test sets and catch 62–100 % of other sets' texts (bench/results/nlu.md); at one
 * point, Chinese off-topic texts slipped through (39 %).
 */
export const defaultThresholdPolicy: ThresholdPolicy = {
  inScopeLossBudget: 0.02,
  maxClarifyRate: 0.05,
  clarifyMaxAccuracy: 0.6,
};

/** What to do with a message, given its scores and the thresholds. */
export function decide(top: number, second: number, inScope: number, thresholds: Pick<Thresholds, 'fallback' | 'clarifyMargin'>) {
  if (inScope < thresholds.fallback) return 'fallback' as const;
  return top - second <= thresholds.clarifyMargin ? ('clarify' as const) : ('answer' as const);
}

/**
 * The "not sure" threshold: the highest in-scope-score cut that turns away at most the budgeted
 * share of in-scope questions that would have been answered correctly. The "did you mean"
 * margin: the widest top-1/top-2 gap under which, among answered questions, top-1 is right no
 * more than `clarifyMaxAccuracy` of the time, within the clarify-rate cap.
 */
export function chooseThresholds(judged: readonly Judged[], policy: ThresholdPolicy = defaultThresholdPolicy): Pick<Thresholds, 'fallback' | 'clarifyMargin'> {
  const known = judged.filter((item) => item.known);
  const correctScores = known.filter((item) => item.correct).map((item) => item.inScope).sort((a, b) => a - b);
  const allowed = Math.floor(policy.inScopeLossBudget * known.length);
  const fallback = correctScores.length > allowed ? correctScores[allowed]! : -1e9;

  const answered = known.filter((item) => item.inScope >= fallback).sort((a, b) => a.top - a.second - (b.top - b.second));
  let clarifyMargin = 0;
  let right = 0;
  const cap = Math.floor(policy.maxClarifyRate * answered.length);
  for (let i = 0; i < Math.min(cap, answered.length); i++) {
    const item = answered[i]!;
    if (item.correct) right++;
    const gap = item.top - item.second;
    if (i + 1 >= 5 && right / (i + 1) <= policy.clarifyMaxAccuracy) clarifyMargin = gap;
  }
  return { fallback, clarifyMargin };
}

/** Expected calibration error of (score, correct) pairs over equal-width score bins. */
export function expectedCalibrationError(pairs: readonly { score: number; correct: boolean }[], bins = 15): number {
  const count = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (const { score, correct } of pairs) {
    const bin = Math.min(bins - 1, Math.floor(score * bins));
    count[bin]!++;
    confidence[bin]! += score;
    if (correct) hits[bin]!++;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    if (count[bin]! > 0) error += Math.abs(confidence[bin]! - hits[bin]!) ;
  }
  return pairs.length > 0 ? error / pairs.length : 0;
}
