import { api } from '../api.js';
import { h } from '../dom.js';
import { languageName, t } from '../i18n.js';
import type { UtteranceImportChange } from '../types.js';
import { fileImport } from './file-import.js';

/** One line of the preview: "gift_wrap, English: +1 added, −4 removed (1 left)". */
const changeLine = (change: UtteranceImportChange) =>
  h('li', { text: t('csvChange', { intent: change.intent, language: languageName(change.language), added: change.added, removed: change.removed, total: change.total }) });

/**
 * Importing utterances from CSV replaces the examples of each (intent, language) pair the file
 * has lines for. Choosing a file first asks the server what that would change (a dry run) and
 * lists it; only "Import these changes" writes the draft.
 */
export function csvImport(status: HTMLElement, mayLeave: () => boolean, onImported: () => void): HTMLElement {
  return fileImport({
    label: t('importCsv'),
    accept: 'text/csv,.csv',
    previewClass: 'csv-preview',
    status,
    mayLeave,
    onImported,
    preview: async (file) => {
      const csv = await file.text();
      const { utteranceChanges } = await api<{ utteranceChanges: UtteranceImportChange[] }>('POST', '/knowledge/utterances/import', { csv, dryRun: true });
      if (utteranceChanges.length === 0) return { say: t('csvNothing'), tone: 'muted' };
      return {
        lines: [h('p', { text: t('csvPreview') }), h('ul', { class: 'changes' }, ...utteranceChanges.map(changeLine)), h('p', { class: 'muted', text: t('csvUntouched') })],
        applyLabel: t('csvApply'),
        apply: () => api('POST', '/knowledge/utterances/import', { csv }),
      };
    },
  });
}
