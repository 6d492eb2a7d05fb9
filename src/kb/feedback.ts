import type { Recognition } from '../nlu/types.js';
import type { Collection, StoredActivity } from '../storage/ports.js';
import type { UnansweredLog } from './unanswered.js';

/** A customer's thumbs up or down on one of the bot's answers. */
export interface AnswerFeedback {
  /** `<conversationId>/<activityId>`: one rating per answer, the latest wins. */
  id: string;
  conversationId: string;
  activityId: string;
  helpful: boolean;
  at: string;
}

export interface FeedbackDeps {
  feedback: Collection<AnswerFeedback>;
  transcripts: { read(conversationId: string): Promise<StoredActivity[]> };
  unanswered: UnansweredLog;
  recognize: (text: string) => Recognition;
  clock?: () => Date;
}

/** A knowledge-base answer the bot sent (marked `channelData.parley.answer`), not a question or a notice. */
const isBotAnswer = (activity: StoredActivity) =>
  activity.type === 'message' && (activity.from as { role?: string } | undefined)?.role === 'bot' && typeof (activity.channelData as { parley?: { answer?: unknown } } | undefined)?.parley?.answer === 'string';

/**
 * Records thumbs up/down. A thumbs-down puts the question the answer replied to on the
 * unanswered review page. Only the bot's answers in the customer's own conversation count (a
 * thumbs-down on "Which order?" says nothing about the knowledge base).
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  async record(input: { conversationId: string; activityId: string; helpful: boolean }): Promise<AnswerFeedback | undefined> {
    const transcript = await this.deps.transcripts.read(input.conversationId);
    const answer = transcript.find((activity) => activity.id === input.activityId);
    if (!answer || !isBotAnswer(answer)) return undefined;
    const id = `${input.conversationId}/${input.activityId}`;
    const earlier = await this.deps.feedback.get(id);
    const stored: AnswerFeedback = { id, ...input, at: (this.deps.clock ?? (() => new Date()))().toISOString() };
    await this.deps.feedback.put(stored);
    if (!input.helpful && earlier?.helpful !== false) await this.reportQuestion(transcript, answer, input.conversationId);
    return stored;
  }

  private async reportQuestion(transcript: StoredActivity[], answer: StoredActivity, conversationId: string): Promise<void> {
    const question = transcript.find((activity) => activity.id === answer.replyToId);
    const text = typeof question?.text === 'string' ? question.text : '';
    if (!text.trim()) return;
    const recognition = this.deps.recognize(text);
    await this.deps.unanswered.record({
      text,
      language: recognition.language,
      conversationId,
      kind: 'unhelpful',
      bestGuesses: recognition.alternatives.slice(0, 3),
      ...(recognition.intent ? { answeredIntent: recognition.intent } : {}),
    });
  }

  async list(): Promise<AnswerFeedback[]> {
    return this.deps.feedback.all();
  }
}
