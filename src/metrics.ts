/**
 * Scores shared by the recognizer's and the sentiment analyser's evaluations and by the
 * benchmarks, so every figure Parley prints is computed one way.
 */

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Precision, recall and F1 of one label. */
export function labelScores(gold: readonly string[], predicted: readonly string[], label: string): LabelScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === label && p === label) tp++;
    else if (p === label) fp++;
    else if (g === label) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

/** Macro-averaged F1 over `labels` (by default the labels present in the gold data). */
export function macroF1(gold: readonly string[], predicted: readonly string[], labels: readonly string[] = [...new Set(gold)]): number {
  if (labels.length === 0) return 0;
  return labels.reduce((sum, label) => sum + labelScores(gold, predicted, label).f1, 0) / labels.length;
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
