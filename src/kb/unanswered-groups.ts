import { ANSWER_RULE } from '../nlu/calibration.js';
import { extractFeatures } from '../nlu/features.js';
import { normalizeText } from '../nlu/normalize.js';
import type { Language, ScoredIntent } from '../nlu/types.js';
import type { ExampleState, UnansweredQuestion } from './unanswered.js';

/** Similar unanswered questions, shown as one row of the review page. */
export interface UnansweredGroup {
  /** The id of the group's first question. */
  id: string;
  /** The question that stands for the group (its most frequent wording). */
  text: string;
  language: Language;
  count: number;
  kinds: Partial<Record<UnansweredQuestion['kind'], number>>;
  /** The recognizer's best guesses, averaged over the group's questions. */
  bestGuesses: ScoredIntent[];
  /**
   * The intent to offer first when adding the group as an example: the best guess when the bot
   * would have answered with it (from `ANSWER_RULE.answerFloor`, a calibrated probability: right
   * more often than not), else none, and the admin chooses.
   */
  suggestedIntent: string | null;
  firstAt: string;
  lastAt: string;
  questions: Pick<UnansweredQuestion, 'id' | 'text' | 'at' | 'kind' | 'conversationId'>[];
  /**
   * Set by `UnansweredLog.groups` when a question of the group was added as an example: its
   * intent and where the example stands now (`gone`: it is back under review because of that).
   */
  example?: { intent: string; state: ExampleState };
}

/** Two questions whose feature vectors are at least this close (cosine) go together. */
export const SIMILARITY_THRESHOLD = 0.55;

/** Feature counts and their Euclidean norm. */
interface Vector {
  counts: Map<string, number>;
  norm: number;
}

/** The recognizer's own features (stems, word pairs, character n-grams), counted. */
function vectorOf(text: string): Vector {
  const counts = new Map<string, number>();
  for (const feature of extractFeatures(normalizeText(text))) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  let squares = 0;
  for (const count of counts.values()) squares += count * count;
  return { counts, norm: Math.sqrt(squares) };
}

function cosine(a: Vector, b: Vector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let dot = 0;
  for (const [feature, count] of small) dot += count * (large.get(feature) ?? 0);
  return dot / (a.norm * b.norm);
}

function summarize(members: UnansweredQuestion[]): UnansweredGroup {
  const wordings = new Map<string, number>();
  const kinds: UnansweredGroup['kinds'] = {};
  const guesses = new Map<string, number>();
  for (const question of members) {
    wordings.set(question.text, (wordings.get(question.text) ?? 0) + 1);
    kinds[question.kind] = (kinds[question.kind] ?? 0) + 1;
    for (const guess of question.bestGuesses) guesses.set(guess.intent, (guesses.get(guess.intent) ?? 0) + guess.score);
  }
  const text = [...wordings].sort((a, b) => b[1] - a[1])[0]![0];
  const first = members[0]!;
  const bestGuesses = [...guesses]
    .map(([intent, total]) => ({ intent, score: total / members.length }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const best = bestGuesses[0];
  return {
    id: first.id,
    text,
    language: first.language,
    count: members.length,
    kinds,
    bestGuesses,
    suggestedIntent: best && best.score >= ANSWER_RULE.answerFloor ? best.intent : null,
    firstAt: first.at,
    lastAt: members.at(-1)!.at,
    questions: members.map(({ id, text: wording, at, kind, conversationId }) => ({ id, text: wording, at, kind, conversationId })),
  };
}

/**
 * Greedy single pass, oldest first: a question joins the first group whose first question is
 * similar enough, else starts a group. Deterministic for the same questions.
 */
export function groupQuestions(questions: readonly UnansweredQuestion[]): UnansweredGroup[] {
  type Group = { vector: Vector; language: Language; members: UnansweredQuestion[] };
  const groups: Group[] = [];
  // The same wording always lands in the same group (groups are only appended, a group's vector
  // never changes): compared once, however often it was asked.
  const groupOf = new Map<string, Group>();
  for (const question of [...questions].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    const wording = `${question.language}\u0000${question.text}`;
    let home = groupOf.get(wording);
    if (!home) {
      const vector = vectorOf(question.text);
      home = groups.find((group) => group.language === question.language && cosine(group.vector, vector) >= SIMILARITY_THRESHOLD);
      if (!home) groups.push((home = { vector, language: question.language, members: [] }));
      groupOf.set(wording, home);
    }
    home.members.push(question);
  }
  return groups.map((group) => summarize(group.members)).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
