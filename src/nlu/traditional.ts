/**
 * Simplified → Traditional Chinese (Taiwan standard), for customers who write Traditional.
 * The same conversion as opencc-js's `Converter({ from: 'cn', to: 'tw' })` (longest phrase
 * first, then single characters, then Taiwan's variants) from opencc-js's own dictionaries,
 * held in plain maps: ~6 MB of heap against ~45 MB for opencc-js's converter. Loaded on first
 * use, so a bot no Traditional writer talks to never pays for it.
 */

import stCharacters from 'opencc-js/dict/STCharacters';
import { canonicalText, hasHan } from './normalize.js';

export type ToTraditional = (text: string) => string;

interface Stage {
  map: Map<string, string>;
  longest: number;
}

const cacheLimit = 2000;
let loading: Promise<ToTraditional> | undefined;

function stageOf(dictionaries: readonly string[]): Stage {
  const map = new Map<string, string>();
  let longest = 1;
  // Within a group the first dictionary wins, as in opencc-js (phrases before characters).
  for (const dictionary of [...dictionaries].reverse()) {
    for (const entry of dictionary.split('|')) {
      const space = entry.indexOf(' ');
      if (space <= 0) continue;
      const from = entry.slice(0, space);
      map.set(from, entry.slice(space + 1));
      if (from.length > longest) longest = from.length;
    }
  }
  return { map, longest };
}

function convert(stage: Stage, text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    let length = Math.min(stage.longest, text.length - i);
    for (; length > 0; length--) {
      const to = stage.map.get(text.slice(i, i + length));
      if (to !== undefined) {
        out += to;
        break;
      }
    }
    if (length === 0) {
      out += text[i];
      length = 1;
    }
    i += length;
  }
  return out;
}

/** The converter, loading its dictionaries the first time. Results are cached (answers repeat). */
export function traditionalConverter(): Promise<ToTraditional> {
  loading ??= (async () => {
    const [{ default: fromCn }, { default: toTw }] = await Promise.all([import('opencc-js/from/cn'), import('opencc-js/to/tw')]);
    const stages = [...fromCn, ...toTw].map(stageOf);
    const cache = new Map<string, string>();
    return (text) => {
      if (!hasHan(text)) return text;
      let converted = cache.get(text);
      if (converted === undefined) {
        converted = stages.reduce((current, stage) => convert(stage, current), text);
        if (cache.size >= cacheLimit) cache.clear();
        cache.set(text, converted);
      }
      return converted;
    };
  })();
  return loading;
}

/** Characters Traditional never writes: "这", "订", "单" (a few thousand, from a ~30 KB dictionary). */
const simplifiedOnly = new Set(
  stCharacters.split('|').flatMap((entry) => {
    const [from = '', ...candidates] = entry.split(' ');
    return from && candidates.length > 0 && !candidates.includes(from) ? [from] : [];
  }),
);

/**
 * The script a Chinese message is written in, when its characters tell: Traditional when some
 * read differently as Simplified and none is Simplified-only; Simplified the other way round;
 * undefined for a message both scripts write alike ("好的", "可以") or one mixing both.
 */
export function scriptOf(text: string): 'traditional' | 'simplified' | undefined {
  const written = text.normalize('NFKC');
  const traditional = canonicalText(written) !== written;
  let simplified = false;
  for (const char of written) {
    if (simplifiedOnly.has(char)) {
      simplified = true;
      break;
    }
  }
  if (traditional === simplified) return undefined;
  return traditional ? 'traditional' : 'simplified';
}
