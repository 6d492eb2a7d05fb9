import type { SparseVector, Vectorizer } from './vectorizer.js';

/** A training utterance close to a message: its row, intent and cosine similarity. */
export interface Neighbour {
  row: number;
  intent: number;
  similarity: number;
}

/**
 * The training utterances as vectors, grouped by intent, to find the ones nearest a message
 * among a few candidate intents. Searching only the classifier's best intents keeps this cheap
 * (a few hundred sparse dot products) whatever the size of the knowledge base.
 */
export class Neighbours {
  private readonly start: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float32Array;
  private readonly rowsOf: Int32Array[];
  private readonly dense: Float32Array;

  /** `texts` are normalised training texts, `labels` their intents' indices, `vectors` theirs. */
  constructor(
    readonly texts: readonly string[],
    readonly labels: Int32Array,
    classes: number,
    vectors: readonly SparseVector[],
    features: number,
  ) {
    this.start = new Int32Array(vectors.length + 1);
    vectors.forEach((vector, row) => (this.start[row + 1] = this.start[row]! + vector.indices.length));
    this.indices = new Int32Array(this.start[vectors.length]!);
    this.values = new Float32Array(this.indices.length);
    vectors.forEach((vector, row) => {
      this.indices.set(vector.indices, this.start[row]);
      this.values.set(vector.values, this.start[row]);
    });
    const members: number[][] = Array.from({ length: classes }, () => []);
    labels.forEach((label, row) => members[label]!.push(row));
    this.rowsOf = members.map((rows) => Int32Array.from(rows));
    this.dense = new Float32Array(features);
  }

  /** The index of saved utterances, their vectors computed again. */
  static fromTexts(texts: readonly string[], labels: Int32Array, classes: number, vectorizer: Vectorizer): Neighbours {
    return new Neighbours(texts, labels, classes, texts.map((text) => vectorizer.vectorize(text)), vectorizer.size);
  }

  /** The `count` utterances most similar to `vector` among those of `intents`, best first. */
  nearest(vector: SparseVector, intents: readonly number[], count: number): Neighbour[] {
    const { dense, start, indices, values } = this;
    for (let k = 0; k < vector.indices.length; k++) dense[vector.indices[k]!] = vector.values[k]!;
    const best: Neighbour[] = [];
    for (const intent of intents) {
      const rows = this.rowsOf[intent];
      for (let r = 0; rows !== undefined && r < rows.length; r++) {
        const row = rows[r]!;
        const end = start[row + 1]!;
        let similarity = 0;
        for (let at = start[row]!; at < end; at++) similarity += dense[indices[at]!]! * values[at]!;
        if (best.length === count && similarity <= best[count - 1]!.similarity) continue;
        let place = best.length;
        while (place > 0 && best[place - 1]!.similarity < similarity) place--;
        best.splice(place, 0, { row, intent, similarity });
        if (best.length > count) best.pop();
      }
    }
    for (let k = 0; k < vector.indices.length; k++) dense[vector.indices[k]!] = 0;
    return best;
  }
}
