import type { Storage } from '../storage/ports.js';
import { type AuditEntry, AuditLog } from './audit-log.js';
import { type AnswerFeedback, FeedbackService } from './feedback.js';
import { KnowledgeService } from './knowledge-service.js';
import { KnowledgeStore, type VersionRecord } from './knowledge-store.js';
import type { Intent } from './schema.js';
import { createTrainer, type TrainerOptions } from './trainer.js';
import { UnansweredLog, type UnansweredQuestion } from './unanswered.js';

export interface KnowledgeServicesDeps {
  storage: Pick<Storage, 'collection' | 'keyValue' | 'transcripts'>;
  /** The knowledge base of the very first start. */
  seed: () => Promise<Intent[]>;
  modelDir: string;
  trainIn?: TrainerOptions['mode'];
  onTraining?: TrainerOptions['onTraining'];
  clock?: () => Date;
}

/**
 * The knowledge module, wired on its storage: `knowledge-versions.json` (version records),
 * `knowledge/` (the draft and each version's intents), `knowledge-audit.json`,
 * `unanswered.json` and `feedback.json`.
 */
export async function createKnowledgeServices(deps: KnowledgeServicesDeps) {
  const clock = deps.clock ?? (() => new Date());
  const audit = new AuditLog(deps.storage.collection<AuditEntry>('knowledge-audit'), clock);
  const store = new KnowledgeStore(deps.storage.collection<VersionRecord>('knowledge-versions'), deps.storage.keyValue('knowledge'));
  const trainer = createTrainer({ modelDir: deps.modelDir, mode: deps.trainIn ?? 'worker', ...(deps.onTraining ? { onTraining: deps.onTraining } : {}) });
  const knowledge = await KnowledgeService.open({ store, audit, trainer, seed: deps.seed, clock });
  const unanswered = new UnansweredLog(deps.storage.collection<UnansweredQuestion>('unanswered'), clock, () => knowledge.exampleStates());
  const feedback = new FeedbackService({
    feedback: deps.storage.collection<AnswerFeedback>('feedback'),
    transcripts: deps.storage.transcripts,
    unanswered,
    recognize: (text) => knowledge.runtime.current().recognizer.recognize(text),
    clock,
  });
  return { knowledge, runtime: knowledge.runtime, unanswered, feedback, audit };
}

export type KnowledgeServices = Awaited<ReturnType<typeof createKnowledgeServices>>;
