import { extractFeatures, featureKinds } from './features.js';

/** A sparse, L2-normalised feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** What a fitted vectorizer is made of, as plain JSON. */
export interface SerializedVectorizer {
  features: string[];
  idf: number[];
  charWeight: number;
}

const charKinds = new Set<string>([featureKinds.chars, featureKinds.zhChars]);

/**
 * TF-IDF over a dictionary of features seen in training: sublinear term frequency
 * (1 + ln tf), smoothed idf, word-level and character-level features normalised as two
 * blocks (so long words do not drown the word features), then the whole vector to unit length.
 * Features never seen in training are ignored: an unknown word cannot throw.
 */
export class Vectorizer {
  private readonly index: Map<string, number>;
  private readonly isChar: Uint8Array;

  private constructor(
    readonly features: string[],
    readonly idf: Float32Array,
    readonly charWeight: number,
  ) {
    this.index = new Map(features.map((feature, i) => [feature, i]));
    this.isChar = Uint8Array.from(features, (feature) => (charKinds.has(feature[0]!) ? 1 : 0));
  }

  /**
   * Learn the dictionary and idf from training rows given as ids of a shared feature
   * dictionary (`names[id]` is the feature), keeping features in at least `minDf` rows.
   * Returns the vectorizer and, for each dictionary id, its index here (-1 if dropped).
   */
  static fit(rows: readonly Int32Array[], names: readonly string[], options: { minDf: number; charWeight: number }) {
    const df = new Int32Array(names.length);
    const seenIn = new Int32Array(names.length).fill(-1);
    rows.forEach((ids, row) => {
      for (const id of ids) {
        if (seenIn[id] === row) continue;
        seenIn[id] = row;
        df[id]!++;
      }
    });
    const kept: number[] = [];
    df.forEach((count, id) => count >= options.minDf && kept.push(id));
    kept.sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const localOf = new Int32Array(names.length).fill(-1);
    kept.forEach((id, local) => (localOf[id] = local));
    const n = rows.length;
    const idf = Float32Array.from(kept, (id) => Math.log((1 + n) / (1 + df[id]!)) + 1);
    return { vectorizer: new Vectorizer(kept.map((id) => names[id]!), idf, options.charWeight), localOf };
  }

  /** `idf` may also come as a typed array (a model posted by the training worker, see `PackedModel`). */
  static fromJSON(json: Omit<SerializedVectorizer, 'idf'> & { idf: ArrayLike<number> }): Vectorizer {
    return new Vectorizer(json.features, Float32Array.from(json.idf), json.charWeight);
  }

  toJSON(): SerializedVectorizer {
    return { features: this.features, idf: Array.from(this.idf), charWeight: this.charWeight };
  }

  get size(): number {
    return this.features.length;
  }

  /** The vector of a normalised text's features. Unknown features are ignored. */
  transform(features: readonly string[]): SparseVector {
    return this.transformCounting(features).vector;
  }

  /**
   * The vector of a normalised text's features, and the share of its feature occurrences
   * never seen in training (a hint that the message is about something else entirely).
   */
  transformCounting(features: readonly string[]): { vector: SparseVector; unknownShare: number } {
    const locals = new Int32Array(features.length);
    let known = 0;
    for (const feature of features) {
      const at = this.index.get(feature);
      if (at !== undefined) locals[known++] = at;
    }
    const unknownShare = features.length > 0 ? 1 - known / features.length : 1;
    return { vector: this.fromIndices(locals.subarray(0, known)), unknownShare };
  }

  /**
   * The vector of a training row given as shared-dictionary ids (see `fit`). With `into`, it is
   * written at the start of those arrays (room for `ids.length` entries) and returned as views.
   */
  transformIds(ids: Int32Array, localOf: Int32Array, into?: SparseVector): SparseVector {
    const locals = new Int32Array(ids.length);
    let known = 0;
    for (const id of ids) {
      const at = localOf[id]!;
      if (at >= 0) locals[known++] = at;
    }
    return this.fromIndices(locals.subarray(0, known), into);
  }

  /** `locals` is sorted in place: a typed array sorts numbers without a comparator call per pair. */
  private fromIndices(locals: Int32Array, into?: SparseVector): SparseVector {
    locals.sort();
    let distinct = 0;
    for (let i = 0; i < locals.length; i++) if (i === 0 || locals[i] !== locals[i - 1]) distinct++;
    const indices = into ? into.indices.subarray(0, distinct) : new Int32Array(distinct);
    const values = into ? into.values.subarray(0, distinct).fill(0) : new Float32Array(distinct);
    let wordNorm = 0;
    let charNorm = 0;
    for (let i = 0, k = -1; i < locals.length; i++) {
      const at = locals[i]!;
      if (i === 0 || at !== locals[i - 1]) indices[++k] = at;
      values[k]!++;
    }
    for (let k = 0; k < distinct; k++) {
      const at = indices[k]!;
      const value = (1 + Math.log(values[k]!)) * this.idf[at]!;
      values[k] = value;
      if (this.isChar[at]) charNorm += value * value;
      else wordNorm += value * value;
    }
    const total = Math.sqrt((wordNorm > 0 ? 1 : 0) + (charNorm > 0 ? this.charWeight ** 2 : 0)) || 1;
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) / total : 0;
    const charScale = charNorm > 0 ? this.charWeight / Math.sqrt(charNorm) / total : 0;
    for (let k = 0; k < distinct; k++) values[k]! *= this.isChar[indices[k]!] ? charScale : wordScale;
    return { indices, values };
  }

  /** Shorthand: the vector of a normalised text. */
  vectorize(normalText: string): SparseVector {
    return this.transform(extractFeatures(normalText));
  }
}
