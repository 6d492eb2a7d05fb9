import { randomUUID } from 'node:crypto';
import type { Language, ScoredIntent } from '../nlu/types.js';
import type { Collection } from '../storage/ports.js';
import { groupQuestions, type UnansweredGroup } from './unanswered-groups.js';

/** The example an added question became: as stored, or its own wording for one added before that was kept. */
function exampleOf(question: UnansweredQuestion): AddedExample | undefined {
  const intent = question.reviewed?.intent;
  if (question.status !== 'added' || !intent) return undefined;
  return { intent, ...(question.reviewed?.example ?? { language: question.language, text: question.text }) };
}

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
  /**
   * Who reviewed it and when (added as an example, or dismissed); for an added one, the intent
   * and the example it became (absent from questions added before it was kept: their own wording).
   */
  reviewed?: { by: string; at: string; intent?: string; example?: { language: Language; text: string } };
}

/** The example a question was added as: this wording, in this language, of this intent. */
export interface AddedExample {
  intent: string;
  language: Language;
  text: string;
}

/**
 * Where an added example stands now: `published` (customers get it), `draft` (added, not
 * published yet) or `gone` (a rollback, an import or an edit took it out of both).
 */
export type ExampleState = 'published' | 'draft' | 'gone';

/** Looks up where examples stand, against the knowledge of one moment. */
export type ExampleStates = (example: AddedExample) => ExampleState;

/**
 * Records, groups and reviews what the bot missed. Whether an added question still counts as
 * added is read from the knowledge each time (`exampleStates`), not stored: after a rollback that
 * took its example away it is back under review, and a later publish that brings the example back
 * makes it added again, with nothing rewritten on either.
 */
export class UnansweredLog {
  constructor(
    private readonly questions: Collection<UnansweredQuestion>,
    private readonly clock: () => Date = () => new Date(),
    private readonly exampleStates: () => Promise<ExampleStates> = async () => () => 'published',
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

  /**
   * Questions with this status, similar ones together, the most frequent first. An added question
   * whose example is in neither the published knowledge nor the draft is `new` again; each group
   * says where the example of its first added question stands (`example`).
   */
  async groups(status: UnansweredQuestion['status'] = 'new'): Promise<UnansweredGroup[]> {
    const stateOf = await this.exampleStates();
    const examples = new Map<string, NonNullable<UnansweredGroup['example']>>();
    const members = (await this.list()).filter((question) => {
      const example = exampleOf(question);
      if (!example) return question.status === status;
      const state = stateOf(example);
      // A question added before its example was kept is no note's subject: its wording may be a variant's.
      if (state !== 'gone' || question.reviewed?.example) examples.set(question.id, { intent: example.intent, state });
      return (state === 'gone' ? 'new' : 'added') === status;
    });
    return groupQuestions(members).map((group) => {
      const example = group.questions.map((question) => examples.get(question.id)).find((each) => each !== undefined);
      return example ? { ...group, example } : group;
    });
  }

  /** Mark questions reviewed (`example`: what they were added as); resolves with those that existed. */
  async review(ids: readonly string[], status: 'added' | 'dismissed', by: string, example?: AddedExample): Promise<UnansweredQuestion[]> {
    const reviewed: UnansweredQuestion[] = [];
    const added = example ? { intent: example.intent, example: { language: example.language, text: example.text } } : {};
    for (const id of new Set(ids)) {
      const question = await this.questions.get(id);
      if (!question) continue;
      const updated: UnansweredQuestion = { ...question, status, reviewed: { by, at: this.clock().toISOString(), ...added } };
      await this.questions.put(updated);
      reviewed.push(updated);
    }
    return reviewed;
  }
}

export { groupQuestions, SIMILARITY_THRESHOLD, type UnansweredGroup } from './unanswered-groups.js';
