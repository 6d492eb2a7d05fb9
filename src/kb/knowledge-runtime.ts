import type { Recognizer } from '../nlu/types.js';
import type { Intent } from './schema.js';

/** One published version of the knowledge base with the recognizer trained on it. */
export interface PublishedKnowledge {
  version: number;
  intents: ReadonlyMap<string, Intent>;
  recognizer: Recognizer;
}

/**
 * Holds the knowledge customers get. A publish swaps the whole of it at once: a turn reads
 * `current()` once and works with one consistent version, the next turn sees the new one.
 */
export class KnowledgeRuntime {
  private published: PublishedKnowledge;

  constructor(initial: PublishedKnowledge) {
    this.published = initial;
  }

  current(): PublishedKnowledge {
    return this.published;
  }

  swap(next: PublishedKnowledge): void {
    this.published = next;
  }
}

export function indexIntents(intents: readonly Intent[]): Map<string, Intent> {
  return new Map(intents.map((intent) => [intent.name, intent]));
}
