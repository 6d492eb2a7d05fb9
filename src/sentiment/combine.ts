/** One piece of evidence about the writer's mood, on the AFINN scale (-5 … 5). */
export interface Cue {
  valence: number;
  /** Index of the clause it sits in; clauses are split by "but" / 但是. */
  clause: number;
  /** A transaction word ("refund", 退款): a request in a question, a complaint otherwise. */
  request?: boolean;
  /** Index of the sentence it sits in. */
  sentence?: number;
}

export interface MessageShape {
  clauses: number;
  exclamations: number;
  /** Mostly written in capitals. */
  shouting: boolean;
  /** Asks something; mild words in a question ("how do I get a refund?") are not a mood. */
  question: boolean;
  /** Sentences that ask something (end with a question mark). */
  questionSentences?: ReadonlySet<number>;
}

/** What a scorer read in a message: its cues and its shape, before they are added up. */
export interface Reading {
  cues: Cue[];
  shape: MessageShape;
}

export interface CombineOptions {
  /**
   * Leave transaction words out wherever they stand, not only in questions: what the message
   * says about the writer's mood beyond what it asks for ("I want a refund" then says nothing).
   */
  withoutRequests?: boolean;
}

/**
 * Add cues up into one raw score. The clause after the last contrast word weighs more
 * than what came before it ("nice staff, but my bag is still lost" is a complaint);
 * "!!!" and shouting amplify whatever direction the message already has.
 */
export function combine(cues: readonly Cue[], shape: MessageShape, { withoutRequests = false }: CombineOptions = {}): number {
  const last = shape.clauses - 1;
  let sum = 0;
  for (const cue of cues) {
    if (cue.request && (withoutRequests || (cue.sentence !== undefined && shape.questionSentences?.has(cue.sentence)))) continue;
    const weight = last === 0 ? 1 : cue.clause === last ? 1.5 : 0.5;
    sum += cue.valence * weight;
  }
  if (sum === 0) return 0;
  if (shape.question && cues.every((cue) => Math.abs(cue.valence) < 2.5)) sum *= 0.5;
  const sign = Math.sign(sum);
  sum += sign * Math.min(shape.exclamations, 4) * 0.3;
  if (shape.shouting) sum *= 1.3;
  return sum;
}
