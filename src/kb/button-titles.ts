import { canonicalText } from '../nlu/normalize.js';
import type { Language } from '../nlu/types.js';
import type { Intent } from './schema.js';

/** A message that is an intent's button label, and the label's language. */
export interface TitleMatch {
  intent: Intent;
  language: Language;
}

const normalise = (text: string) => canonicalText(text).trim().toLowerCase().replace(/[\s?？!！.。]+$/u, '');

/** Each intent set's button labels, normalised once: looked up on every message. */
const indexes = new WeakMap<ReadonlyMap<string, Intent>, Map<string, TitleMatch>>();

function indexOf(intents: ReadonlyMap<string, Intent>): Map<string, TitleMatch> {
  let index = indexes.get(intents);
  if (!index) {
    index = new Map();
    for (const intent of intents.values()) {
      for (const language of ['en', 'zh'] as const) {
        const label = intent.title?.[language];
        const title = typeof label === 'string' ? normalise(label) : '';
        // The first intent (and language) with a label wins, as when they were compared in order.
        if (title && !index.has(title)) index.set(title, { intent, language });
      }
    }
    indexes.set(intents, index);
  }
  return index;
}

/**
 * The intent whose button label (`title`) the customer sent back verbatim: a click on "Did you
 * mean" or on a quick reply is taken at its word, whatever the recognizer would make of it.
 * `intents` should be one long-lived map (a published version's): its labels are indexed once.
 */
export function intentByTitle(intents: ReadonlyMap<string, Intent>, text: string): TitleMatch | undefined {
  const wanted = normalise(text);
  return wanted ? indexOf(intents).get(wanted) : undefined;
}
