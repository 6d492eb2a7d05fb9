import { randomUUID } from 'node:crypto';
import type { Language, ScoredIntent } from '../nlu/types.js';
import type { Collection } from '../storage/ports.js';
import { groupQuestions, type UnansweredGroup } from './unanswered-groups.js';

/** A question the bot could not answer with confidence, kept for the admin's review. */
export interface UnansweredQuestion {
  id: string;
  text: string;
  language: Language;
  at: string;
  conversationId: string;
  /**
   * `fallback`: the bot said it was not sure; `clarify`: it asked "did you mean";
   * `unhelpful`: it answered and the customer said the answer did not help.
   */
  kind: 'fallback' | 'clarify' | 'unhelpful';
  bestGuesses: ScoredIntent[];
  status: 'new' | 'added' | 'dismissed';
  /** For `unhelpful`: the intent whose answer did not help. */
  answeredIntent?: string;
  /** Who reviewed it and when (added as an example, or dismissed). */
  reviewed?: { by: string; at: string; intent?: string };
}

/** Records, groups and reviews what the bot missed. */
export class UnansweredLog {
  constructor(
    private readonly questions: Collection<UnansweredQuestion>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Keep a question for review. A message without a single word ("👍", "???", "12345") is not
   * kept: there is nothing in it to add as an example.
   */
  async record(question: Omit<UnansweredQuestion, 'id' | 'at' | 'status'>): Promise<UnansweredQuestion | undefined> {
    if (!/\p{L}/u.test(question.text)) return undefined;
    const stored: UnansweredQuestion = { ...question, id: randomUUID(), at: this.clock().toISOString(), status: 'new' };
    await this.questions.put(stored);
    return stored;
  }

  /** Oldest first. */
  async list(): Promise<UnansweredQuestion[]> {
    return (await this.questions.all()).sort((a, b) => a.at.localeCompare(b.at));
  }

  get(id: string): Promise<UnansweredQuestion | undefined> {
    return this.questions.get(id);
  }

  /** Questions still to review, similar ones together, the most frequent first. */
  async groups(status: UnansweredQuestion['status'] = 'new'): Promise<UnansweredGroup[]> {
    return groupQuestions((await this.list()).filter((question) => question.status === status));
  }

  /** Mark questions reviewed; resolves with those that existed. */
  async review(ids: readonly string[], status: 'added' | 'dismissed', by: string, intent?: string): Promise<UnansweredQuestion[]> {
    const reviewed: UnansweredQuestion[] = [];
    for (const id of new Set(ids)) {
      const question = await this.questions.get(id);
      if (!question) continue;
      const updated: UnansweredQuestion = { ...question, status, reviewed: { by, at: this.clock().toISOString(), ...(intent ? { intent } : {}) } };
      await this.questions.put(updated);
      reviewed.push(updated);
    }
    return reviewed;
  }
}

export { groupQuestions, SIMILARITY_THRESHOLD, type UnansweredGroup } from './unanswered-groups.js';
