import { extractFeatures } from '../nlu/features.js';
import { normalizeText } from '../nlu/normalize.js';
import type { Language, ScoredIntent } from '../nlu/types.js';
import type { UnansweredQuestion } from './unanswered.js';

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
  firstAt: string;
  lastAt: string;
  questions: Pick<UnansweredQuestion, 'id' | 'text' | 'at' | 'kind' | 'conversationId'>[];
}

/** Two questions whose feature vectors are at least this close (cosine) go together. */
export const SIMILARITY_THRESHOLD = 0.55;

type Vector = Map<string, number>;

/** The recognizer's own features (stems, word pairs, character n-grams), counted. */
function vectorOf(text: string): Vector {
  const vector: Vector = new Map();
  for (const feature of extractFeatures(normalizeText(text))) vector.set(feature, (vector.get(feature) ?? 0) + 1);
  return vector;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [feature, count] of a) {
    normA += count * count;
    dot += count * (b.get(feature) ?? 0);
  }
  for (const count of b.values()) normB += count * count;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
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
  return {
    id: first.id,
    text,
    language: first.language,
    count: members.length,
    kinds,
    bestGuesses: [...guesses]
      .map(([intent, total]) => ({ intent, score: total / members.length }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3),
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
  const groups: { vector: Vector; language: Language; members: UnansweredQuestion[] }[] = [];
  for (const question of [...questions].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))) {
    const vector = vectorOf(question.text);
    const home = groups.find((group) => group.language === question.language && cosine(group.vector, vector) >= SIMILARITY_THRESHOLD);
    if (home) home.members.push(question);
    else groups.push({ vector, language: question.language, members: [question] });
  }
  return groups.map((group) => summarize(group.members)).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
