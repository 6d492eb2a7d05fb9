export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** The mood of one message: `score` in [-1, 1]. */
export interface Sentiment {
  score: number;
  label: SentimentLabel;
}
