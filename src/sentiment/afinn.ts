import '../quiet-dotenv.js';
import natural from 'natural';

/**
 * natural's English AFINN-165 vocabulary (word → valence in [-5, 5]), read once from its
 * `SentimentAnalyzer` so the word list stays the one natural ships.
 */
export function loadAfinn(): ReadonlyMap<string, number> {
  const analyzer = new natural.SentimentAnalyzer('English', undefined, 'afinn') as unknown as {
    vocabulary: Record<string, number>;
  };
  return new Map(Object.entries(analyzer.vocabulary));
}
