import { extractFeatures } from './features.js';
import type { Neighbour, Neighbours } from './neighbours.js';
import { logits, type LinearModel } from './softmax.js';
import type { SparseVector, Vectorizer } from './vectorizer.js';

/** Intents whose utterances are searched for a message's nearest neighbours. */
const candidateIntents = 2;
/** Nearest utterances kept: the near-verbatim check runs fuse.js over these only. */
const nearestKept = 3;

/** What the model sees in one normalised message, before calibration. */
export interface Analysis {
  vector: SparseVector;
  /** Raw class scores (logits); overwritten by the next `analyse` unless copied. */
  logits: Float64Array;
  /** Best classes first (up to `count`). */
  ranked: number[];
  /** Share of the message's features never seen in training. */
  unknownShare: number;
  /** Nearest training utterances among the best intents, most similar first. */
  neighbours: Neighbour[];
}

/**
 * How sure the recognizer may be that a message belongs to its knowledge base: the calibrated
 * top probability, the cosine similarity to the nearest training utterance, and the share of
 * unseen features, combined on a log scale. Softmax alone is confidently wrong on off-topic
 * text that happens to share a word with one intent; the other two notice it is unlike any
 * training utterance. The weights were chosen by cross-validation on training splits with other
 * sets' training texts as stand-in off-topic messages; the cut is chosen per knowledge base.
 */
export function inScopeScore(top: number, similarity: number, unknownShare: number): number {
  return Math.log(top + 1e-9) + 6 * Math.log(Math.max(similarity, 0) + 1e-3) - 8 * unknownShare;
}

/** Best `count` indices of `scores`, best first. */
export function rankTop(scores: ArrayLike<number>, count: number): number[] {
  const top: number[] = [];
  for (let c = 0; c < scores.length; c++) {
    const p = scores[c]!;
    let at = top.length;
    while (at > 0 && scores[top[at - 1]!]! < p) at--;
    if (at < count) {
      top.splice(at, 0, c);
      if (top.length > count) top.pop();
    }
  }
  return top;
}

/** The vectorizer, linear model and training utterances of one trained model, read together. */
export class Scorer {
  private readonly scores: Float64Array;

  constructor(
    readonly vectorizer: Vectorizer,
    readonly model: LinearModel,
    readonly neighbours: Neighbours,
  ) {
    this.scores = new Float64Array(model.classes);
  }

  analyse(normalText: string, count: number): Analysis {
    const { vector, unknownShare } = this.vectorizer.transformCounting(extractFeatures(normalText));
    const scores = logits(this.model, vector, this.scores);
    const ranked = rankTop(scores, Math.max(count, candidateIntents));
    const neighbours = vector.indices.length > 0 ? this.neighbours.nearest(vector, ranked.slice(0, candidateIntents), nearestKept) : [];
    return { vector, logits: scores, ranked: ranked.slice(0, count), unknownShare, neighbours };
  }

  /** Similarity of the nearest training utterance found (0 when none). */
  static similarity(analysis: Analysis): number {
    return analysis.neighbours[0]?.similarity ?? 0;
  }
}
