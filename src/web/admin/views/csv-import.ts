import { api } from '../api.js';
import { h } from '../dom.js';
import { languageName, t, uiLanguage } from '../i18n.js';
import type { UtteranceImportChange } from '../types.js';
import { errorText } from '../../shared/api.js';

/** One line of the preview: "gift_wrap, English: +1 added, −4 removed (1 left)". */
const changeLine = (change: UtteranceImportChange) =>
  h('li', { text: t('csvChange', { intent: change.intent, language: languageName(change.language), added: change.added, removed: change.removed, total: change.total }) });

/**
 * Importing utterances from CSV replaces the examples of each (intent, language) pair the file
 * has lines for. Choosing a file first asks the server what that would change (a dry run) and
 * lists it; only "Import these changes" writes the draft.
 */
export function csvImport(status: HTMLElement, mayLeave: () => boolean, onImported: () => void): HTMLElement {
  const input = h('input', { attrs: { type: 'file', accept: 'text/csv,.csv', 'aria-label': t('importCsv') } });
  const preview = h('div', { class: 'csv-preview', attrs: { hidden: '' } });
  const close = () => {
    preview.hidden = true;
    preview.replaceChildren();
    // The same file may be chosen again after a cancel.
    input.value = '';
  };
  const fail = (error: unknown) => {
    status.className = 'error';
    status.textContent = errorText(error, uiLanguage());
  };
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = '';
    try {
      const csv = await file.text();
      const { utteranceChanges } = await api<{ utteranceChanges: UtteranceImportChange[] }>('POST', '/knowledge/utterances/import', { csv, dryRun: true });
      if (utteranceChanges.length === 0) {
        close();
        status.className = 'muted';
        status.textContent = t('csvNothing');
        return;
      }
      const apply = h('button', { class: 'primary', text: t('csvApply'), attrs: { type: 'button' } });
      const cancel = h('button', { class: 'secondary', text: t('cancel'), attrs: { type: 'button' }, on: { click: close } });
      apply.addEventListener('click', async () => {
        if (!mayLeave()) return;
        apply.disabled = true;
        try {
          await api('POST', '/knowledge/utterances/import', { csv });
          close();
          onImported();
        } catch (error) {
          apply.disabled = false;
          fail(error);
        }
      });
      preview.replaceChildren(h('p', { text: t('csvPreview') }), h('ul', { class: 'changes' }, ...utteranceChanges.map(changeLine)), h('p', { class: 'muted', text: t('csvUntouched') }), h('div', { class: 'row' }, apply, cancel));
      preview.hidden = false;
    } catch (error) {
      close();
      fail(error);
    }
  });
  return h('div', {}, h('label', { class: 'file-button' }, h('span', { text: t('importCsv') }), input), preview);
}
