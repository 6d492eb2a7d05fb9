import { api } from '../api.js';
import { h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import type { KnowledgeDiff } from '../types.js';
import { errorText } from '../../shared/api.js';

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
  const input = h('input', { attrs: { type: 'file', accept: 'application/json,.json', 'aria-label': t('importJson') } });
  const preview = h('div', { class: 'json-preview', attrs: { hidden: '' } });
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
    let knowledge: unknown;
    try {
      knowledge = JSON.parse(await file.text());
    } catch {
      close();
      status.className = 'error';
      status.textContent = t('notJson', { file: file.name });
      return;
    }
    try {
      const { draftChanges } = await api<{ draftChanges: KnowledgeDiff }>('POST', '/knowledge/import?dryRun=true', knowledge);
      const { added, changed, removed } = draftChanges;
      if (added.length + changed.length + removed.length === 0) {
        close();
        status.className = 'muted';
        status.textContent = t('csvNothing');
        return;
      }
      const count = Array.isArray((knowledge as { intents?: unknown[] }).intents) ? (knowledge as { intents: unknown[] }).intents.length : 0;
      const apply = h('button', { class: removed.length ? 'danger' : 'primary', text: t('jsonApply'), attrs: { type: 'button' } });
      const cancel = h('button', { class: 'secondary', text: t('cancel'), attrs: { type: 'button' }, on: { click: close } });
      apply.addEventListener('click', async () => {
        if (!mayLeave()) return;
        apply.disabled = true;
        try {
          await api('POST', '/knowledge/import', knowledge);
          close();
          onImported();
        } catch (error) {
          apply.disabled = false;
          fail(error);
        }
      });
      preview.replaceChildren(
        h('p', { text: t('jsonPreview', { count }) }),
        h('ul', { class: 'changes' }, namesLine(t('added'), added), namesLine(t('changed'), changed.map((change) => change.name)), namesLine(t('removed'), removed)),
        ...(removed.length ? [h('p', { class: 'error', attrs: { role: 'alert' }, text: t('jsonRemoves', { n: removed.length }) })] : []),
        h('div', { class: 'row' }, apply, cancel),
      );
      preview.hidden = false;
      apply.focus();
    } catch (error) {
      close();
      fail(error);
    }
  });
  return h('div', {}, h('label', { class: 'file-button' }, h('span', { text: t('importJson') }), input), preview);
}
