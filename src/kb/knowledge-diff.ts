import type { Intent } from './schema.js';

/** How one intent changed between two versions. */
export interface IntentChange {
  name: string;
  /** Top-level fields whose value differs, e.g. `answers`, `utterances`. */
  fields: string[];
  utterancesAdded: string[];
  utterancesRemoved: string[];
}

/** What changed between two versions of the knowledge base. */
export interface KnowledgeDiff {
  added: string[];
  removed: string[];
  changed: IntentChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const utterancesOf = (intent: Intent) => [...intent.utterances.en, ...intent.utterances.zh];

function changeOf(before: Intent, after: Intent): IntentChange | undefined {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Intent>;
  const fields = [...keys].filter((key) => !same(before[key], after[key])).sort();
  if (fields.length === 0) return undefined;
  const old = new Set(utterancesOf(before));
  const now = new Set(utterancesOf(after));
  return {
    name: after.name,
    fields,
    utterancesAdded: [...now].filter((text) => !old.has(text)),
    utterancesRemoved: [...old].filter((text) => !now.has(text)),
  };
}

/** Intents added, removed and changed from `before` to `after`, by name. */
export function diffKnowledge(before: readonly Intent[], after: readonly Intent[]): KnowledgeDiff {
  const oldByName = new Map(before.map((intent) => [intent.name, intent]));
  const newByName = new Map(after.map((intent) => [intent.name, intent]));
  const changed: IntentChange[] = [];
  for (const intent of after) {
    const previous = oldByName.get(intent.name);
    const change = previous && changeOf(previous, intent);
    if (change) changed.push(change);
  }
  return {
    added: after.filter((intent) => !oldByName.has(intent.name)).map((intent) => intent.name),
    removed: before.filter((intent) => !newByName.has(intent.name)).map((intent) => intent.name),
    changed,
  };
}

export function isEmptyDiff(diff: KnowledgeDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** "2 added (a, b); 1 changed (c)" — the line a version list shows. */
/** The intents a diff added, changed and removed, by name. */
export interface ChangedNames {
  added: string[];
  changed: string[];
  removed: string[];
}

export const changedNames = (diff: KnowledgeDiff): ChangedNames => ({ added: diff.added, changed: diff.changed.map((change) => change.name), removed: diff.removed });

export function summarizeDiff(diff: KnowledgeDiff): string {
  const part = (label: string, names: string[]) => (names.length ? `${names.length} ${label} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})` : '');
  const parts = [part('added', diff.added), part('changed', diff.changed.map((change) => change.name)), part('removed', diff.removed)].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no changes';
}
