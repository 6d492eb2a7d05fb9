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

  /** `texts` are normalised training texts, `labels` their intents' indices, `rows` their vectors. */
  constructor(
    readonly texts: readonly string[],
    readonly labels: Int32Array,
    classes: number,
    rows: { start: Int32Array; indices: Int32Array; values: Float32Array },
    features: number,
  ) {
    ({ start: this.start, indices: this.indices, values: this.values } = rows);
    const members: number[][] = Array.from({ length: classes }, () => []);
    labels.forEach((label, row) => members[label]!.push(row));
    this.rowsOf = members.map((list) => Int32Array.from(list));
    this.dense = new Float32Array(features);
  }

  /** Row vectors packed one after another (CSR): one allocation instead of thousands. */
  static pack(count: number, capacity: number, write: (row: number, into: SparseVector) => SparseVector) {
    const start = new Int32Array(count + 1);
    const indices = new Int32Array(capacity);
    const values = new Float32Array(capacity);
    for (let row = 0; row < count; row++) {
      const at = start[row]!;
      const written = write(row, { indices: indices.subarray(at), values: values.subarray(at) });
      start[row + 1] = at + written.indices.length;
    }
    const used = start[count]!;
    // Views, not copies: a copy would briefly double the peak memory of training.
    return { start, indices: indices.subarray(0, used), values: values.subarray(0, used) };
  }

  /** The stored vector of a row, as a view (no copy): training reads these. */
  vector(row: number): SparseVector {
    const from = this.start[row]!;
    const to = this.start[row + 1]!;
    return { indices: this.indices.subarray(from, to), values: this.values.subarray(from, to) };
  }

  /** The index of saved utterances, their vectors computed again. */
  static fromTexts(texts: readonly string[], labels: Int32Array, classes: number, vectorizer: Vectorizer): Neighbours {
    return Neighbours.fromVectors(texts, labels, classes, texts.map((text) => vectorizer.vectorize(text)), vectorizer.size);
  }

  /** The index of saved utterances and their vectors (`vectorizer.vectorize` of each text). */
  static fromVectors(texts: readonly string[], labels: Int32Array, classes: number, vectors: readonly SparseVector[], features: number): Neighbours {
    const capacity = vectors.reduce((sum, vector) => sum + vector.indices.length, 0);
    const rows = Neighbours.pack(texts.length, capacity, (row, into) => {
      into.indices.set(vectors[row]!.indices);
      into.values.set(vectors[row]!.values);
      return vectors[row]!;
    });
    return new Neighbours(texts, labels, classes, rows, features);
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
