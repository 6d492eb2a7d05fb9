import type { Thresholds } from './calibration.js';
import { ANSWER_RULE, clarifyCandidates, decide } from './calibration.js';
import { eitherOr, isBareTopic } from './bare-topic.js';
import { detectLanguage } from './language.js';
import { forEachInSteps } from '../concurrency.js';
import { closestVerbatim } from './near-verbatim.js';
import { Neighbours } from './neighbours.js';
import { normalizeText } from './normalize.js';
import { inScopeScore, Scorer } from './scorer.js';
import { SoundAlikes } from './sound-alike.js';
import { softmaxInPlace, type LinearModel } from './softmax.js';
import type { Language, Recognition, Recognizer, ScoredIntent } from './types.js';
import { Vectorizer, type SerializedVectorizer } from './vectorizer.js';

export { trainRecognizer, type TrainOptions } from './training.js';

/** Bumped whenever features, training or the serialized shape change: cached models are retrained. */
export const MODEL_VERSION = 9;

/** The intent name that, in training data, means "out of scope: should not be answered". */
export const OUT_OF_SCOPE_INTENT = 'oos';

/** A trained recognizer as plain JSON. */
export interface SerializedModel {
  version: number;
  intents: string[];
  vectorizer: SerializedVectorizer;
  /** Float32 weights, feature-major, base64. */
  weights: string;
  bias: number[];
  temperature: number;
  thresholds: Thresholds;
  /** The normalised training utterances and their intents' indices (nearest-utterance matching). */
  utterances: { texts: string[]; labels: number[] };
}

/**
 * A `SerializedModel` as the training worker posts it to the chat thread: its numbers in typed
 * arrays, transferred rather than copied, and each list of strings as one string and their
 * lengths. Posted as JSON, the default model's 7 MB took the chat thread 15–22 ms to receive (a
 * structured clone of ~30,000 strings and numbers) and 12 ms more to decode its base64 weights;
 * packed, about 1 ms, and the strings are cut apart in steps of their own.
 */
export interface PackedModel extends Omit<SerializedModel, 'vectorizer' | 'weights' | 'utterances'> {
  vectorizer: { features: PackedStrings; idf: Float32Array; charWeight: number };
  weights: Float32Array;
  utterances: { texts: PackedStrings; labels: Int32Array };
}

interface PackedStrings {
  joined: string;
  lengths: Int32Array;
}

const packStrings = (strings: readonly string[]): PackedStrings => ({ joined: strings.join(''), lengths: Int32Array.from(strings, (text) => text.length) });

function unpackStrings({ joined, lengths }: PackedStrings): string[] {
  const strings = new Array<string>(lengths.length);
  for (let i = 0, at = 0; i < lengths.length; at += lengths[i]!, i++) strings[i] = joined.slice(at, at + lengths[i]!);
  return strings;
}

/** The model packed for `postMessage(packed, transfer)`. */
export function packModel(json: SerializedModel): { packed: PackedModel; transfer: ArrayBuffer[] } {
  const packed: PackedModel = {
    ...json,
    vectorizer: { features: packStrings(json.vectorizer.features), idf: Float32Array.from(json.vectorizer.idf), charWeight: json.vectorizer.charWeight },
    weights: fromBase64(json.weights),
    utterances: { texts: packStrings(json.utterances.texts), labels: Int32Array.from(json.utterances.labels) },
  };
  const buffers = [packed.vectorizer.idf, packed.weights, packed.utterances.labels, packed.vectorizer.features.lengths, packed.utterances.texts.lengths].map((array) => array.buffer as ArrayBuffer);
  return { packed, transfer: buffers };
}

const maxAlternatives = 5;

function toBase64(weights: Float32Array): string {
  return Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** A recognizer trained from examples: the model behind the bot, the admin "try it" and the eval CLI. */
export class TrainedRecognizer implements Recognizer {
  private readonly scorer: Scorer;
  private readonly soundAlikes: SoundAlikes;

  constructor(
    readonly intents: string[],
    vectorizer: Vectorizer,
    model: LinearModel,
    readonly temperature: number,
    readonly thresholds: Thresholds,
    neighbours: Neighbours,
    /** Learnt from the neighbours' texts when not given (`loadRecognizerInSteps` learns them in steps). */
    soundAlikes?: SoundAlikes,
  ) {
    this.scorer = new Scorer(vectorizer, model, neighbours);
    this.soundAlikes = soundAlikes ?? new SoundAlikes(neighbours.texts);
  }

  recognize(text: string, languageHint?: Language): Recognition {
    const typed = normalizeText(typeof text === 'string' ? text : '');
    const language = detectLanguage(typed, languageHint);
    const { normal, reading: whole } = this.readCorrected(typed);
    return { language, ...(this.choiceBetween(normal, whole) ?? whole), ...(normal === typed ? {} : { readAs: normal }) };
  }

  /**
   * The message as typed, or with its sound-alike typos corrected (退宽要多久 → 退款要多久) when
   * that reading is the surer one: a decision nearer to answering, or the same one with a higher score.
   */
  private readCorrected(typed: string): { normal: string; reading: Omit<Recognition, 'language'> } {
    const reading = this.read(typed);
    const corrected = this.soundAlikes.correct(typed);
    if (corrected === typed) return { normal: typed, reading };
    const alternative = this.read(corrected);
    const rank = (r: Omit<Recognition, 'language'>) => (r.decision === 'answer' ? 2 : r.decision === 'clarify' ? 1 : 0);
    const better = rank(alternative) > rank(reading) || (rank(alternative) === rank(reading) && alternative.score > reading.score);
    return better ? { normal: corrected, reading: alternative } : { normal: typed, reading };
  }

  /** What the model makes of one normalised message, its language aside. */
  private read(normal: string): Omit<Recognition, 'language'> {
    const analysis = this.scorer.analyse(normal, maxAlternatives + 1);
    const probabilities = softmaxInPlace(analysis.logits, this.temperature);
    const ranked = analysis.ranked;
    const alternatives: ScoredIntent[] = ranked
      .filter((c) => this.intents[c] !== OUT_OF_SCOPE_INTENT)
      .slice(0, maxAlternatives)
      .map((c) => ({ intent: this.intents[c]!, score: probabilities[c]! }));
    const top = probabilities[ranked[0]!]!;
    const second = ranked.length > 1 ? probabilities[ranked[1]!]! : 0;
    const bestIntent = this.intents[ranked[0]!]!;
    if (analysis.vector.indices.length === 0) return { intent: null, score: top, alternatives, decision: 'fallback' };
    const inScope = inScopeScore(top, Scorer.similarity(analysis), analysis.unknownShare);
    const decision = bestIntent === OUT_OF_SCOPE_INTENT ? 'fallback' : decide(top, second, inScope, this.thresholds, isBareTopic(normal));
    if (decision === 'answer') return { intent: bestIntent, score: top, alternatives, decision };
    const lifted = this.nearVerbatim(normal, analysis.neighbours, probabilities);
    if (lifted) return { intent: lifted.intent, score: lifted.score, alternatives: lifted.alternatives, decision: 'answer' };
    if (decision === 'fallback') return { intent: null, score: top, alternatives, decision };
    return { intent: bestIntent, score: top, alternatives, decision, candidates: clarifyCandidates(alternatives) };
  }

  /**
   * "refund or return", 「退款还是退货」: a choice of two bare topics (see `eitherOr`), each of
   * which alone would be answered, as two different intents. The classifier reads the whole as
   * one of them (return at 0.89): the customer is asked which, with both offered.
   */
  private choiceBetween(normal: string, whole: Omit<Recognition, 'language'>): Omit<Recognition, 'language'> | undefined {
    const sides = eitherOr(normal);
    if (!sides) return undefined;
    const [first, second] = sides.map((side) => this.read(side)) as [Omit<Recognition, 'language'>, Omit<Recognition, 'language'>];
    if (first.decision !== 'answer' || second.decision !== 'answer' || first.intent === second.intent) return undefined;
    // The whole (`whole`, its own reading) must entertain both readings too: "paypal or credit
    // card" (paying, 0.99) is no choice between paying and gift cards, which "credit card" alone is read as.
    const plausible = (intent: string | null) => (whole.alternatives.find((each) => each.intent === intent)?.score ?? 0) >= ANSWER_RULE.offerAtLeast;
    if (!plausible(first.intent) || !plausible(second.intent)) return undefined;
    const candidates = [first, second].map(({ intent, score }) => ({ intent: intent!, score }));
    const best = whole.alternatives[0]!;
    return { intent: best.intent, score: best.score, alternatives: whole.alternatives, decision: 'clarify', candidates, choice: true };
  }

  /**
   * When the classifier is unsure, a message that is near-verbatim one of its nearest training
   * utterances (fuse.js distance within the cross-validated limit) is answered with that
   * utterance's intent, scored by how often such answers were right in cross-validation.
   */
  private nearVerbatim(normal: string, neighbours: Analysis['neighbours'], probabilities: Float64Array) {
    const candidates = neighbours.filter((n) => this.intents[n.intent] !== OUT_OF_SCOPE_INTENT);
    const texts = candidates.map((n) => this.scorer.neighbours.texts[n.row]!);
    const match = closestVerbatim(normal, texts, this.thresholds.nearVerbatim);
    if (!match) return null;
    const chosen = candidates[match.index]!.intent;
    const own = probabilities[chosen]!;
    const score = Math.max(own, this.thresholds.nearVerbatimPrecision);
    const rest = own < 1 ? (1 - score) / (1 - own) : 0;
    const alternatives: ScoredIntent[] = [{ intent: this.intents[chosen]!, score }];
    for (const c of rankByScore(probabilities)) {
      if (c === chosen || this.intents[c] === OUT_OF_SCOPE_INTENT) continue;
      if (alternatives.length === maxAlternatives) break;
      alternatives.push({ intent: this.intents[c]!, score: probabilities[c]! * rest });
    }
    return { intent: this.intents[chosen]!, score, alternatives };
  }

  toJSON(): SerializedModel {
    const { vectorizer, model, neighbours } = this.scorer;
    return {
      version: MODEL_VERSION,
      intents: this.intents,
      vectorizer: vectorizer.toJSON(),
      weights: toBase64(model.weights),
      bias: Array.from(model.bias),
      temperature: this.temperature,
      thresholds: this.thresholds,
      utterances: { texts: [...neighbours.texts], labels: Array.from(neighbours.labels) },
    };
  }
}

type Analysis = ReturnType<Scorer['analyse']>;

function rankByScore(probabilities: Float64Array): number[] {
  return Array.from(probabilities.keys()).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
}

/** Restore a recognizer saved with `toJSON()`; its predictions are identical. */
export function loadRecognizer(json: SerializedModel): TrainedRecognizer {
  const model = linearModelOf(json);
  const vectorizer = Vectorizer.fromJSON(json.vectorizer);
  const neighbours = Neighbours.fromTexts(json.utterances.texts, Int32Array.from(json.utterances.labels), json.intents.length, vectorizer);
  return new TrainedRecognizer(json.intents, vectorizer, model, json.temperature, json.thresholds, neighbours);
}

/** Utterances vectorised, or learnt from for sound-alikes, per step of `loadRecognizerInSteps`: a few ms of work on this machine. */
const UTTERANCES_PER_STEP = 256;

/**
 * `loadRecognizer` in steps of a few milliseconds, awaiting `pause` between them: a recognizer
 * published or tried while customers chat takes ~80 ms to load (the weights decoded, the
 * utterances vectorised again, the sound-alike words learnt), which in one piece held up every
 * turn that came meanwhile; so did each of those parts whole (20–40 ms).
 */
export async function loadRecognizerInSteps(json: SerializedModel | PackedModel, pause: () => Promise<void>): Promise<TrainedRecognizer> {
  const model = linearModelOf(json);
  await pause();
  const features = isPacked(json) ? unpackStrings(json.vectorizer.features) : json.vectorizer.features;
  await pause();
  const vectorizer = Vectorizer.fromJSON({ ...json.vectorizer, features });
  await pause();
  const texts = isPacked(json) ? unpackStrings(json.utterances.texts) : json.utterances.texts;
  const vectors: ReturnType<Vectorizer['vectorize']>[] = [];
  await forEachInSteps(texts, UTTERANCES_PER_STEP, pause, (text) => vectors.push(vectorizer.vectorize(text)));
  await pause();
  const neighbours = Neighbours.fromVectors(texts, Int32Array.from(json.utterances.labels), json.intents.length, vectors, vectorizer.size);
  const soundAlikes = await SoundAlikes.inSteps(texts, pause, UTTERANCES_PER_STEP);
  await pause();
  return new TrainedRecognizer(json.intents, vectorizer, model, json.temperature, json.thresholds, neighbours, soundAlikes);
}

const isPacked = (json: SerializedModel | PackedModel): json is PackedModel => typeof json.weights !== 'string';

/** The model's weights and bias, after checking the file is of this version. */
function linearModelOf(json: SerializedModel | PackedModel): LinearModel {
  if (json?.version !== MODEL_VERSION) throw new Error(`loadRecognizer: model version ${String(json?.version)}, expected ${MODEL_VERSION}`);
  return { classes: json.intents.length, weights: isPacked(json) ? json.weights : fromBase64(json.weights), bias: Float32Array.from(json.bias) };
}
