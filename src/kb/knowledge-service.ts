import { conflict, notFound } from '../errors.js';
import type { Language } from '../nlu/types.js';
import type { AuditLog } from './audit-log.js';
import { assertRevision, draftRevisionOf, revisionOf } from './intent-revision.js';
import { validateIntent, validateKnowledge } from './intent-validation.js';
import { diffKnowledge, type KnowledgeDiff, summarizeDiff } from './knowledge-diff.js';
import { KnowledgePublisher, type PublishResult } from './knowledge-publisher.js';
import { KnowledgeRuntime } from './knowledge-runtime.js';
import type { Draft, KnowledgeStore, VersionRecord } from './knowledge-store.js';
import { toTrainingExamples } from './loader.js';
import type { Intent } from './schema.js';
import type { Trainer } from './trainer.js';
import { tryOn, type TryResult } from './try-it.js';
import type { AddedExample, ExampleStates } from './unanswered.js';
import { applyUtteranceCsv, type UtteranceImportChange, utteranceChanges } from './utterance-csv.js';

const isEmptyDiff = (diff: KnowledgeDiff) => diff.added.length + diff.removed.length + diff.changed.length === 0;
const intentExists = (name: string) => conflict('intent_exists', `an intent named "${name}" exists already`);

export interface KnowledgeServiceDeps {
  store: KnowledgeStore;
  audit: AuditLog;
  trainer: Trainer;
  /** The knowledge base of the very first start (`KNOWLEDGE_DIR`). */
  seed: () => Promise<Intent[]>;
  clock?: () => Date;
}

/** The draft as the editor sees it: its intents and what changed since the published version. */
export interface DraftView {
  version: number;
  publishedVersion: number;
  intents: Intent[];
  changes: KnowledgeDiff;
  /** Each intent's revision, to send back as `If-Match` when saving or deleting it. */
  revisions: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

/** A version as the admin's Versions page lists it: the live one, and whether restoring it would change anything. */
export type DescribedVersion = VersionRecord & { current: boolean; sameAsLive: boolean };

/** What a save or delete expects to find: the revision of the intent the editor loaded. */
export interface RevisionCheck {
  ifRevision?: string;
}

/**
 * The knowledge base admins edit: a draft beside the published version, publish, versions,
 * diff and restore. Every change is audited. Draft changes run one at a time.
 */
export class KnowledgeService {
  private draftQueue: Promise<unknown> = Promise.resolve();
  private readonly publisher: KnowledgePublisher;
  private readonly clock: () => Date;

  private constructor(
    private readonly deps: KnowledgeServiceDeps,
    readonly runtime: KnowledgeRuntime,
  ) {
    this.clock = deps.clock ?? (() => new Date());
    this.publisher = new KnowledgePublisher({ ...deps, runtime, clock: this.clock });
  }

  /**
   * Open the stored knowledge: on the first start `seed()` becomes version 1; later the
   * latest published version is loaded, so admin edits survive restarts.
   */
  static async open(deps: KnowledgeServiceDeps): Promise<KnowledgeService> {
    const clock = deps.clock ?? (() => new Date());
    let latest = (await deps.store.listVersions()).at(-1);
    if (!latest) {
      const intents = validateKnowledge({ intents: await deps.seed() });
      const changes = diffKnowledge([], intents);
      latest = { id: '1', number: 1, at: clock().toISOString(), by: 'system', intentCount: intents.length, changes, summary: summarizeDiff(changes), warnings: [] };
      await deps.store.saveVersion(latest, intents);
      await deps.audit.record({ who: 'system', action: 'knowledge.seeded', target: 'v1', detail: `loaded ${intents.length} intents from KNOWLEDGE_DIR as version 1`, facts: { count: intents.length } });
    }
    const intents = (await deps.store.intentsOf(latest.number)) ?? [];
    const recognizer = await deps.trainer.train(toTrainingExamples(intents));
    const runtime = new KnowledgeRuntime({ version: latest.number, intents: new Map(intents.map((intent) => [intent.name, intent])), recognizer });
    const service = new KnowledgeService(deps, runtime);
    if (!(await deps.store.loadDraft())) await deps.store.saveDraft({ baseVersion: latest.number, intents, updatedAt: latest.at, updatedBy: latest.by });
    return service;
  }

  private publishedIntents(): Intent[] {
    return [...this.runtime.current().intents.values()];
  }

  private async loadDraft(): Promise<Draft> {
    const draft = await this.deps.store.loadDraft();
    return draft ?? { baseVersion: this.runtime.current().version, intents: this.publishedIntents(), updatedAt: this.clock().toISOString(), updatedBy: 'system' };
  }

  async draft(): Promise<DraftView> {
    const draft = await this.loadDraft();
    const published = this.runtime.current().version;
    return { version: published, publishedVersion: published, intents: draft.intents, changes: diffKnowledge(this.publishedIntents(), draft.intents), revisions: Object.fromEntries(draft.intents.map((intent) => [intent.name, revisionOf(intent)])), updatedAt: draft.updatedAt, updatedBy: draft.updatedBy };
  }

  /** Change the draft one at a time; `change` returns the new intents. */
  private changeDraft<T>(who: string, change: (intents: Intent[]) => { intents: Intent[]; result: T }): Promise<T> {
    const run = this.draftQueue.then(async () => {
      const draft = await this.loadDraft();
      const { intents, result } = change(draft.intents);
      await this.deps.store.saveDraft({ baseVersion: draft.baseVersion, intents, updatedAt: this.clock().toISOString(), updatedBy: who });
      return result;
    });
    this.draftQueue = run.catch(() => undefined);
    return run;
  }

  /** A new intent of the draft; a name already taken answers 409 `intent_exists` rather than overwrite it. */
  async createIntent(input: unknown, who: string): Promise<Intent> {
    const intent = validateIntent(input);
    await this.changeDraft(who, (intents) => {
      if (intents.some((each) => each.name === intent.name)) throw intentExists(intent.name);
      return { intents: [...intents, intent], result: undefined };
    });
    await this.deps.audit.record({ who, action: 'intent.created', target: intent.name, detail: `created ${intent.name}`, facts: {} });
    return intent;
  }

  /**
   * Replace the intent `name` (created when the draft has none: PUT's upsert), or rename it when
   * `input.name` differs. A rename needs an intent to rename, so a body naming another intent
   * never creates one under a name the URL did not give; a body without a name takes `name`.
   */
  async saveIntent(name: string, input: unknown, who: string, check: RevisionCheck = {}): Promise<{ intent: Intent; created: boolean; revision: string }> {
    const named = input && typeof input === 'object' && !Array.isArray(input) && !('name' in input) ? { ...input, name } : input;
    const intent = validateIntent(named);
    const outcome = await this.changeDraft(who, (intents) => {
      const index = intents.findIndex((each) => each.name === name);
      // The editor loaded a revision of this intent: it must still be there, unchanged.
      if (check.ifRevision !== undefined && index === -1) throw notFound(`intent "${name}"`);
      if (index !== -1) assertRevision(intents[index]!, check.ifRevision);
      if (intent.name !== name) {
        if (index === -1) throw notFound(`intent "${name}"`);
        if (intents.some((each) => each.name === intent.name)) throw intentExists(intent.name);
      }
      const next = [...intents];
      if (index === -1) next.push(intent);
      else next[index] = intent;
      return { intents: next, result: { created: index === -1, before: intents[index] } };
    });
    const renamed = !outcome.created && intent.name !== name;
    const changed = outcome.before ? diffKnowledge([{ ...outcome.before, name: intent.name }], [intent]).changed[0]?.fields ?? [] : [];
    const target = intent.name;
    if (outcome.created) await this.deps.audit.record({ who, action: 'intent.created', target, detail: `created ${target}`, facts: {} });
    else if (renamed) await this.deps.audit.record({ who, action: 'intent.renamed', target, detail: `renamed ${name} to ${target}`, facts: { from: name } });
    else await this.deps.audit.record({ who, action: 'intent.updated', target, detail: changed.length ? `changed ${changed.join(', ')} of ${target}` : `saved ${target} without changing it`, facts: { fields: changed } });
    return { intent, created: outcome.created, revision: revisionOf(intent) };
  }

  async deleteIntent(name: string, who: string, check: RevisionCheck = {}): Promise<void> {
    await this.changeDraft(who, (intents) => {
      const found = intents.find((intent) => intent.name === name);
      if (!found) throw notFound(`intent "${name}"`);
      assertRevision(found, check.ifRevision);
      return { intents: intents.filter((intent) => intent.name !== name), result: undefined };
    });
    await this.deps.audit.record({ who, action: 'intent.deleted', target: name, detail: `deleted ${name}`, facts: {} });
  }

  /** Add one example utterance to an intent of the draft (from the unanswered review), as the intent keeps it (trimmed). */
  async addExample(name: string, language: Language, wording: string, who: string): Promise<Intent> {
    const text = wording.trim();
    const intent = await this.changeDraft(who, (intents) => {
      const found = intents.find((each) => each.name === name);
      if (!found) throw notFound(`intent "${name}"`);
      const updated = found.utterances[language].includes(text) ? found : validateIntent({ ...found, utterances: { ...found.utterances, [language]: [...found.utterances[language], text] } });
      return { intents: intents.map((each) => (each.name === name ? updated : each)), result: updated };
    });
    await this.deps.audit.record({ who, action: 'unanswered.added', target: name, detail: `added "${text}" (${language}) as an example of ${name}`, facts: { text, language } });
    return intent;
  }

  /**
   * Where examples stand now, for the unanswered review: in the published knowledge, only in the
   * draft, or in neither (a rollback, an import or an edit took them out). Reads the draft once.
   */
  async exampleStates(): Promise<ExampleStates> {
    const published = this.runtime.current().intents;
    const draft = new Map((await this.loadDraft()).intents.map((intent) => [intent.name, intent]));
    const has = (intent: Intent | undefined, { language, text }: AddedExample) => intent?.utterances[language].includes(text.trim()) ?? false;
    return (example) => (has(published.get(example.intent), example) ? 'published' : has(draft.get(example.intent), example) ? 'draft' : 'gone');
  }

  /**
   * Replace the whole draft (an import); it stays a draft until published. `dryRun` only says
   * what the import would do to the draft (`draftChanges`: intents added, changed and removed),
   * so the page can ask first: a file of one category removes every other intent.
   */
  async replaceDraft(input: unknown, who: string, detail: string, options: { dryRun?: boolean } = {}): Promise<{ draftChanges: KnowledgeDiff } | DraftView> {
    const intents = validateKnowledge(input);
    if (options.dryRun) return { draftChanges: diffKnowledge((await this.loadDraft()).intents, intents) };
    await this.changeDraft(who, () => ({ intents, result: undefined }));
    await this.deps.audit.record({ who, action: 'knowledge.imported', detail: `${detail}: ${intents.length} intents`, facts: { count: intents.length } });
    return this.draft();
  }

  /**
   * Replace the utterances of the (intent, language) pairs a CSV has lines for
   * (`intent,language,text`), answering the new draft and what changed; `dryRun` only says what
   * would change (the draft is left alone), so the page can ask first.
   */
  async importUtteranceCsv(csv: string, who: string, options: { dryRun?: boolean } = {}): Promise<{ utteranceChanges: UtteranceImportChange[] } | (DraftView & { utteranceChanges: UtteranceImportChange[] })> {
    if (options.dryRun) {
      const intents = (await this.loadDraft()).intents;
      return { utteranceChanges: utteranceChanges(intents, validateKnowledge({ intents: applyUtteranceCsv(intents, csv) })) };
    }
    const changes = await this.changeDraft(who, (intents) => {
      const next = validateKnowledge({ intents: applyUtteranceCsv(intents, csv) });
      return { intents: next, result: utteranceChanges(intents, next) };
    });
    const listed = changes.map((change) => `${change.intent} (${change.language}) +${change.added} -${change.removed}`).join('; ');
    await this.deps.audit.record({
      who,
      action: 'utterances.imported',
      detail: `imported utterances from CSV: ${listed || 'no changes'}`,
      facts: { changes: changes.map(({ intent, language, added, removed }) => ({ intent, language, added, removed })) },
    });
    return { ...(await this.draft()), utteranceChanges: changes };
  }

  /** What the draft and the published recognizer make of a sentence, side by side. */
  async tryIt(text: string): Promise<{ draft: TryResult; published: TryResult }> {
    const draft = await this.loadDraft();
    const recognizer = await this.deps.trainer.train(toTrainingExamples(draft.intents));
    const published = this.runtime.current();
    return {
      draft: tryOn(text, 'draft', recognizer, new Map(draft.intents.map((intent) => [intent.name, intent]))),
      published: tryOn(text, published.version, published.recognizer, published.intents),
    };
  }

  /**
   * Publish the draft (or, `dryRun`, only check it). `ifDraft`: the `draftRevision` a dry run
   * answered; when the draft has changed since (another admin saved), 409 `draft_changed`, so
   * nothing the admin did not review goes live.
   */
  async publish(options: { who: string; note?: string; dryRun?: boolean; ifDraft?: string }): Promise<PublishResult> {
    const draft = await this.loadDraft();
    const draftRevision = draftRevisionOf(draft.intents);
    if (options.ifDraft !== undefined && options.ifDraft !== draftRevision) {
      throw conflict('draft_changed', 'the draft was changed after it was checked; check it again before publishing');
    }
    const changes = diffKnowledge(this.publishedIntents(), draft.intents);
    if (!options.dryRun && isEmptyDiff(changes)) {
      throw conflict('nothing_to_publish', 'the draft is the same as the published version');
    }
    const { ifDraft: _checked, ...publishOptions } = options;
    return { ...(await this.publisher.publish(validateKnowledge({ intents: draft.intents }), publishOptions)), draftRevision };
  }

  /**
   * Publish an old version again as a new version; the draft becomes that version too (the
   * editor warns how many unpublished changes that discards). Restoring what customers already
   * get would only throw the draft away, so it is refused like an empty publish.
   */
  async restore(number: number, who: string): Promise<PublishResult> {
    const intents = await this.deps.store.intentsOf(number);
    if (!intents) throw notFound(`version ${number}`);
    if (isEmptyDiff(diffKnowledge(this.publishedIntents(), intents))) {
      throw conflict('nothing_to_restore', `version ${number} is the same as the published version`);
    }
    await this.changeDraft(who, () => ({ intents, result: undefined }));
    return this.publisher.publish(intents, { who, restoredFrom: number });
  }

  /** Newest first; `sameAsLive`: its intents are what customers get now, so restoring it would change nothing. */
  async versions(): Promise<DescribedVersion[]> {
    return Promise.all((await this.deps.store.listVersions()).reverse().map((version) => this.described(version)));
  }

  /** One version's record, as `versions` lists it (reading that version only); undefined when there is none. */
  async version(number: number): Promise<DescribedVersion | undefined> {
    const record = (await this.deps.store.listVersions()).find((each) => each.number === number);
    return record && this.described(record);
  }

  private async described(version: VersionRecord): Promise<DescribedVersion> {
    const current = version.number === this.runtime.current().version;
    const same = current || isEmptyDiff(diffKnowledge(this.publishedIntents(), (await this.deps.store.intentsOf(version.number)) ?? []));
    return { ...version, current, sameAsLive: same };
  }

  /** The intents of a version, or of the draft. */
  async intentsOf(version: number | 'draft'): Promise<Intent[]> {
    if (version === 'draft') return (await this.loadDraft()).intents;
    const intents = await this.deps.store.intentsOf(version);
    if (!intents) throw notFound(`version ${version}`);
    return intents;
  }

  async diff(from: number | 'draft', to: number | 'draft'): Promise<KnowledgeDiff> {
    return diffKnowledge(await this.intentsOf(from), await this.intentsOf(to));
  }

  audit(limit?: number) {
    return this.deps.audit.list(limit);
  }
}
