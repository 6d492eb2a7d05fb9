export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** The mood of one message: `score` in [-1, 1]. */
export interface Sentiment {
  score: number;
  label: SentimentLabel;
  /**
   * Negative only through a transaction it names outside a question ("我想退货", "I want to
   * send it back and get a refund"): the score counts it, as review data does, but the message
   * asks for something; it says nothing about how the writer feels.
   */
  requestOnly?: true;
}
