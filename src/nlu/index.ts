/**
 * Natural-language understanding: what a customer's message is about.
 *
 * `trainRecognizer(examples)` → a `TrainedRecognizer` whose `recognize(text)` gives the intent,
 * a calibrated score, alternatives and what to do (answer, ask "did you mean", or say not sure).
 * "Not sure" combines the calibrated probability with the similarity to the nearest training
 * utterance and the share of unseen words; when unsure, a near-verbatim fuse.js match against the
 * best intents' utterances may still answer. Every threshold comes from cross-validation;
 * `toJSON()` / `loadRecognizer()` save and restore it; `loadOrTrainRecognizer()` caches it on disk.
 * `extractEntities(text)` finds order numbers, emails and phone numbers.
 */
export type { Decision, Language, Recognition, Recognizer, ScoredIntent, TrainingExample } from './types.js';
export { detectLanguage, languageOfLocale, localeOf, showsLanguage } from './language.js';
export {
  MODEL_VERSION,
  OUT_OF_SCOPE_INTENT,
  TrainedRecognizer,
  loadRecognizer,
  loadRecognizerInSteps,
  trainRecognizer,
  type SerializedModel,
  type TrainOptions,
} from './recognizer.js';
export type { Thresholds } from './calibration.js';
export { ANSWER_RULE, expectedCalibrationError } from './calibration.js';
export { loadOrTrainRecognizer, modelCacheKey, type CacheOptions } from './model-cache.js';
export { bareOrderNumber, extractEntities, type Entities } from './entities.js';
export { normalizeText } from './normalize.js';
export { evaluateRecognizer, type EvaluationReport, type BotReading } from './evaluate.js';
export { readExamplesFile } from './jsonl.js';
