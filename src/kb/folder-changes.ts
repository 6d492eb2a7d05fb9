import { validateKnowledge } from './intent-validation.js';
import { diffKnowledge, isEmptyDiff, type KnowledgeDiff } from './knowledge-diff.js';
import { loadKnowledgeDir } from './loader.js';
import type { Intent } from './schema.js';

/**
 * How the knowledge folder differs from version 1, which was loaded from it on the first start
 * of this DATA_DIR; `undefined` when it does not, or cannot be read (a restored DATA_DIR on a
 * machine without the folder needs none).
 *
 * The folder is read only on that first start: an operator who edits `knowledge/*.json` and
 * restarts would otherwise see nothing change and nothing said.
 */
export async function knowledgeFolderChanges(dir: string, firstVersion: () => Promise<readonly Intent[]>): Promise<KnowledgeDiff | undefined> {
  let folder: Intent[];
  let first: readonly Intent[];
  try {
    folder = validateKnowledge({ intents: await loadKnowledgeDir(dir) });
    first = await firstVersion();
  } catch {
    return undefined;
  }
  const diff = diffKnowledge(first, folder);
  return isEmptyDiff(diff) ? undefined : diff;
}
