import { z } from 'zod';
import { parseJsonLines } from '../json-lines.js';
import { labelScores, macroF1, round } from '../metrics.js';
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
  return parseJsonLines(content, source).map(({ value, line }) => {
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const label = (value as { label?: unknown } | null)?.label;
      const got = label === undefined ? '' : ` (got label ${JSON.stringify(label)})`;
      throw new Error(`${source}:${line}: expected {"text": string, "label": "negative"|"neutral"|"positive"}${got}`);
    }
    return parsed.data;
  });
}

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
  for (const label of labels) {
    const scores = labelScores(gold, predicted, label);
    perLabel[label] = { precision: round(scores.precision), recall: round(scores.recall), f1: round(scores.f1), support: scores.support };
  }
  return {
    n: gold.length,
    accuracy: round(gold.length === 0 ? 0 : correct / gold.length),
    macroF1: round(macroF1(gold, predicted, labels)),
    perLabel,
  };
}

