import { createHash } from 'node:crypto';
import { conflict } from '../errors.js';
import type { Intent } from './schema.js';

/**
 * A short fingerprint of an intent as the draft holds it. The editor sends the one it loaded
 * (`If-Match`) when it saves or deletes; if the draft's intent has another one by then, someone
 * changed it meanwhile and the save is refused rather than silently overwriting their work.
 * A fingerprint of the content, not a counter: nothing to store, and drafts from before it work.
 */
export function revisionOf(intent: Intent): string {
  return fingerprintOf(intent);
}

/**
 * A fingerprint of the whole draft: a publish checked by a dry run sends it back, and is refused
 * when the draft changed meanwhile, so what goes live is what the admin reviewed.
 */
export function draftRevisionOf(intents: readonly Intent[]): string {
  return fingerprintOf(intents);
}

/** 16 URL-safe characters of the SHA-256 of `value` as JSON: what `If-Match` carries. */
const fingerprintOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);

/** Refuse (409 `intent_changed`) when the caller loaded another revision of `current` than it has now. */
export function assertRevision(current: Intent, expected: string | undefined): void {
  if (expected !== undefined && revisionOf(current) !== expected) {
    throw conflict('intent_changed', `intent "${current.name}" was changed by someone else after it was loaded; load it again`);
  }
}
