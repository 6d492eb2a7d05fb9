import { nextTurn } from '../concurrency.js';
import type { TrainedRecognizer } from '../nlu/recognizer.js';
import type { AuditLog } from './audit-log.js';
import { accuracyWarning, type GuardRailWarning, quickReplyWarnings, scoreCheckSet, structuralWarnings } from './guard-rails.js';
import { changedNames, diffKnowledge, type KnowledgeDiff, summarizeDiff } from './knowledge-diff.js';
import { indexIntents, type KnowledgeRuntime } from './knowledge-runtime.js';
import type { KnowledgeStore, VersionRecord } from './knowledge-store.js';
import { toTrainingExamples } from './loader.js';
import type { Intent } from './schema.js';
import type { Trainer } from './trainer.js';

export interface PublishOptions {
  who: string;
  note?: string;
  /** Train and check, report the warnings, but publish nothing. */
  dryRun?: boolean;
  restoredFrom?: number;
}

export interface PublishResult {
  /** The new version, or `undefined` for a dry run. */
  version?: VersionRecord;
  changes: KnowledgeDiff;
  warnings: GuardRailWarning[];
  checkAccuracy: { before: number; after: number; total: number };
  trainMs: number;
  /** The draft that was checked or published (see `draftRevisionOf`): a publish after a dry run sends it back. */
  draftRevision?: string;
}

export interface PublisherDeps {
  store: KnowledgeStore;
  audit: AuditLog;
  trainer: Trainer;
  runtime: KnowledgeRuntime;
  clock: () => Date;
}

/**
 * Turns a set of intents into the published version: checks, trains off the chat thread,
 * records the version, then swaps what customers get in one assignment. Publishes run one
 * at a time so version numbers never collide.
 */
export class KnowledgePublisher {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PublisherDeps) {}

  publish(intents: readonly Intent[], options: PublishOptions): Promise<PublishResult> {
    const run = this.queue.then(() => this.publishNow(intents, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async publishNow(intents: readonly Intent[], options: PublishOptions): Promise<PublishResult> {
    const { store, runtime, clock } = this.deps;
    const current = runtime.current();
    const changes = diffKnowledge([...current.intents.values()], intents);
    const started = performance.now();
    const recognizer = await this.deps.trainer.train(toTrainingExamples(intents));
    const trainMs = Math.round(performance.now() - started);
    const before = await scoreCheckSet(current.recognizer, intents, nextTurn);
    const after = await scoreCheckSet(recognizer, intents, nextTurn);
    const warnings = [...structuralWarnings(intents), ...quickReplyWarnings(recognizer, intents), ...[accuracyWarning(before, after) ?? []].flat()];
    const checkAccuracy = { before: before.accuracy, after: after.accuracy, total: after.total };
    if (options.dryRun) return { changes, warnings, checkAccuracy, trainMs };

    const number = Math.max(current.version, ...(await store.listVersions()).map((version) => version.number)) + 1;
    const record: VersionRecord = {
      id: String(number),
      number,
      at: clock().toISOString(),
      by: options.who,
      ...(options.note ? { note: options.note } : {}),
      ...(options.restoredFrom !== undefined ? { restoredFrom: options.restoredFrom } : {}),
      intentCount: intents.length,
      changes,
      summary: summarizeDiff(changes),
      warnings,
      ...(after.total > 0 ? { checkAccuracy: { correct: after.correct, total: after.total } } : {}),
    };
    await store.saveVersion(record, intents);
    this.swap(number, intents, recognizer);
    const { who, restoredFrom } = options;
    const target = `v${number}`;
    const names = changedNames(changes);
    if (restoredFrom !== undefined) {
      const detail = `restored version ${restoredFrom} as version ${number}: ${record.summary}`;
      await this.deps.audit.record({ who, action: 'knowledge.restored', target, detail, facts: { version: number, restoredFrom, changes: names } });
    } else {
      await this.deps.audit.record({ who, action: 'knowledge.published', target, detail: `published version ${number}: ${record.summary}`, facts: { version: number, changes: names } });
    }
    return { version: record, changes, warnings, checkAccuracy, trainMs };
  }

  /** One assignment: a turn in progress keeps the version it read; the next turn gets this one. */
  swap(version: number, intents: readonly Intent[], recognizer: TrainedRecognizer): void {
    this.deps.runtime.swap({ version, intents: indexIntents(intents), recognizer });
  }
}
