import { api, ApiError } from '../api.js';
import { JsonText } from '../../shared/api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import type { KnowledgeDiff } from '../types.js';
import { fileImport } from './file-import.js';

/** "Removed (37): account_security, acknowledgement, … and 29 more" */
function namesLine(label: string, names: string[]): HTMLElement | null {
  if (names.length === 0) return null;
  const shown = names.slice(0, 8).join(', ');
  const more = names.length > 8 ? ` ${t('andMore', { n: names.length - 8 })}` : '';
  return h('li', {}, h('strong', { text: `${label} (${names.length}): ` }), `${shown}${more}`);
}

/**
 * Importing JSON replaces the whole draft. Choosing a file first asks the server what that would
 * do to the draft (a dry run) and lists it, warning when intents would go (a file of one category
 * removes all the others); only "Replace the draft" writes it.
 */
export function jsonImport(status: HTMLElement, mayLeave: () => boolean, onImported: () => void): HTMLElement {
  return fileImport({
    label: t('importJson'),
    accept: 'application/json,.json',
    previewClass: 'json-preview',
    status,
    mayLeave,
    onImported,
    preview: async (file) => {
      const text = await file.text();
      if (text.trim() === '') return { say: t('notJson', { file: file.name }), tone: 'error' };
      let draftChanges: KnowledgeDiff;
      try {
        // The file as it is: the server reads it, and says where it is not JSON (line, column, the words there).
        ({ draftChanges } = await api<{ draftChanges: KnowledgeDiff }>('POST', '/knowledge/import?dryRun=true', new JsonText(text)));
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'malformed_json') throw error;
        const at = error.position;
        return at ? { say: t('notJsonAt', { file: file.name, line: at.line, column: at.column }), tone: 'error', excerpt: at.excerpt } : { say: t('notJson', { file: file.name }), tone: 'error' };
      }
      const { added, changed, removed } = draftChanges;
      if (added.length + changed.length + removed.length === 0) return { say: t('csvNothing'), tone: 'muted' };
      const knowledge = JSON.parse(text) as { intents?: unknown };
      const count = Array.isArray(knowledge.intents) ? knowledge.intents.length : 0;
      return {
        lines: [
          h('p', { text: t('jsonPreview', { count }) }),
          h('ul', { class: 'changes' }, namesLine(t('added'), added), namesLine(t('changed'), changed.map((change) => change.name)), namesLine(t('removed'), removed)),
          removed.length ? h('p', { class: 'error', attrs: { role: 'alert' }, text: t('jsonRemoves', { n: removed.length }) }) : null,
        ],
        applyLabel: t('jsonApply'),
        removes: removed.length > 0,
        apply: () => api('POST', '/knowledge/import', new JsonText(text)),
      };
    },
  });
}
