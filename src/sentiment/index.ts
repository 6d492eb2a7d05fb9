/**
 * Sentiment of customer messages in English and Chinese: `analyzeSentiment(text)` returns
 * `{ score in [-1, 1], label }`, and `requestOnly` when only a transaction it asks for made it negative.
 */
export { analyzeSentiment } from './analyze.js';
export { isUpset, type Sentiment, type SentimentLabel } from './types.js';
export { rememberingAnalyzer, type SentimentAnalyzer } from './memo.js';
