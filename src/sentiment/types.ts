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

/**
 * The message itself is unhappy: negative, and not only through the transaction it asks for.
 * "我想退货" or "I want to send it back and get a refund" after an angry message is a calm
 * question that the sentiment score still counts against the mood.
 */
export const isUpset = (sentiment: Sentiment): boolean => sentiment.label === 'negative' && !sentiment.requestOnly;
