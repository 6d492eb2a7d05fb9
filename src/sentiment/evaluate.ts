import { z } from 'zod';
import type { SentimentLabel } from './types.js';

export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface LabelledText {
  text: string;
  label: SentimentLabel;
}

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Partial<Record<SentimentLabel, LabelScores>>;
}

const lineSchema = z.object({
  text: z.string(),
  label: z.enum(['negative', 'neutral', 'positive']),
});

/** Parse `{"text","label"}` JSON Lines; an error names the source and line number. */
export function parseLabelledJsonl(content: string, source: string): LabelledText[] {
  const items: LabelledText[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${index + 1}: not valid JSON`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `${source}:${index + 1}: expected {"text": string, "label": "negative"|"neutral"|"positive"}`,
      );
    }
    items.push(parsed.data);
  });
  return items;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Accuracy, macro-F1 and per-label scores. Macro-F1 averages over the labels present in the
 * gold data, so on a negative/positive set a `neutral` prediction is simply wrong.
 */
export function scorePredictions(
  gold: readonly SentimentLabel[],
  predicted: readonly SentimentLabel[],
): Scores {
  const labels = LABELS.filter((label) => gold.includes(label));
  const perLabel: Partial<Record<SentimentLabel, LabelScores>> = {};
  let correct = 0;
  gold.forEach((g, i) => {
    if (predicted[i] === g) correct++;
  });
  let f1Sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    f1Sum += f1;
    perLabel[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn };
  }
  return {
    n: gold.length,
    accuracy: round(gold.length === 0 ? 0 : correct / gold.length),
    macroF1: round(labels.length === 0 ? 0 : f1Sum / labels.length),
    perLabel,
  };
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
