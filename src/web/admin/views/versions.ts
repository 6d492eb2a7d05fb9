import { api } from '../api.js';
import { h, stacked } from '../dom.js';
import { formatTime, languageName, t, tOr, uiLanguage } from '../i18n.js';
import { errorText } from '../../shared/api.js';
import type { AuditEntry, ChangedNames, KnowledgeDiff, PublishResult, VersionRecord } from '../types.js';

type Version = VersionRecord & { current: boolean; sameAsLive: boolean };

const changeCount = (diff: KnowledgeDiff) => diff.added.length + diff.removed.length + diff.changed.length;

const fieldNames = (fields: readonly string[]) => fields.map((field) => tOr(`field_${field}`, field)).join(t('listComma'));

/** "2 added (a, b); 1 removed (c)" in the page's language, at most five names a kind. */
function changeSummary(names: ChangedNames): string {
  const part = (key: 'summaryAdded' | 'summaryChanged' | 'summaryRemoved', list: string[]) =>
    list.length ? t(key, { count: list.length, names: list.slice(0, 5).join(t('listComma')) + (list.length > 5 ? t('listComma') + '…' : '') }) : '';
  const parts = [part('summaryAdded', names.added), part('summaryChanged', names.changed), part('summaryRemoved', names.removed)].filter(Boolean);
  return parts.length ? parts.join(t('listSemicolon')) : t('summaryNone');
}

/** An audit entry in the page's language, from its facts; entries from before facts were kept read as stored. */
function auditLine(entry: AuditEntry): string {
  if (!entry.facts) return entry.detail;
  const target = entry.target ?? '';
  switch (entry.action) {
    case 'knowledge.seeded':
      return t('auditSeeded', { count: entry.facts.count });
    case 'intent.created':
      return t('auditCreated', { target });
    case 'intent.updated':
      // A save that changed nothing (Enter in a field of an intent only looked at) says so, not "changed no changes of".
      return entry.facts.fields.length ? t('auditUpdated', { target, fields: fieldNames(entry.facts.fields) }) : t('auditSavedUnchanged', { target });
    case 'intent.renamed':
      return t('auditRenamed', { target, from: entry.facts.from });
    case 'intent.deleted':
      return t('auditDeleted', { target });
    case 'knowledge.imported':
      return t('auditImported', { count: entry.facts.count });
    case 'utterances.imported': {
      const changes = entry.facts.changes.map((change) => t('auditCsvChange', { ...change, language: languageName(change.language) }));
      return t('auditCsv', { changes: changes.join(t('listSemicolon')) || t('summaryNone') });
    }
    case 'knowledge.published':
      return t('auditPublished', { version: entry.facts.version, summary: changeSummary(entry.facts.changes) });
    case 'knowledge.restored':
      return t('auditRestored', { version: entry.facts.version, from: entry.facts.restoredFrom, summary: changeSummary(entry.facts.changes) });
    case 'unanswered.added':
      return t('auditExample', { target, text: entry.facts.text, language: languageName(entry.facts.language) });
  }
}

/** What a version says of itself: the admin's note (Parley's own notes are worded here), then its changes. */
function versionNote(version: Version): string | undefined {
  if (version.restoredFrom !== undefined) return undefined; // the badge says it
  if (version.by === 'system') return t('seededNote');
  return version.note;
}

function diffView(diff: KnowledgeDiff): HTMLElement {
  const block = (label: string, names: string[], kind: string) =>
    names.length ? h('div', { class: `diff-${kind}` }, h('strong', { text: `${label} (${names.length})` }), h('ul', {}, ...names.map((name) => h('li', { text: name })))) : null;
  return h(
    'div',
    { class: 'diff' },
    block(t('added'), diff.added, 'added'),
    block(t('removed'), diff.removed, 'removed'),
    diff.changed.length
      ? h(
          'div',
          { class: 'diff-changed' },
          h('strong', { text: `${t('changed')} (${diff.changed.length})` }),
          h(
            'ul',
            {},
            ...diff.changed.map((change) =>
              h(
                'li',
                {},
                h('span', { class: 'intent-name', text: change.name }),
                ` — ${fieldNames(change.fields)}`,
                ...change.utterancesAdded.map((text) => h('div', { class: 'plus', text: `+ ${text}` })),
                ...change.utterancesRemoved.map((text) => h('div', { class: 'minus', text: `− ${text}` })),
              ),
            ),
          ),
        )
      : null,
    diff.added.length + diff.removed.length + diff.changed.length === 0 ? h('p', { class: 'muted', text: t('noChanges') }) : null,
  );
}

function versionRow(version: Version, previous: number | undefined, live: number, root: HTMLElement): HTMLElement[] {
  const detail = h('td', { attrs: { colspan: '5' } });
  const detailRow = h('tr', { class: 'detail', attrs: { hidden: '' } }, detail);
  const compare = h('button', { class: 'link', text: t('diff'), attrs: { type: 'button', ...(previous ? {} : { disabled: '' }) } });
  /** A refused diff or restore is said under its row, not lost in the console. */
  const showError = (error: unknown) => {
    detailRow.hidden = false;
    detail.replaceChildren(h('p', { class: 'error', attrs: { role: 'alert' }, text: errorText(error, uiLanguage()) }));
  };
  compare.addEventListener('click', async () => {
    detailRow.hidden = !detailRow.hidden;
    if (detailRow.hidden) return;
    try {
      detail.replaceChildren(diffView((await api<{ diff: KnowledgeDiff }>('GET', `/knowledge/diff?from=${previous}&to=${version.number}`)).diff));
    } catch (error) {
      showError(error);
    }
  });
  // Restoring what customers already get would only throw the draft away (the API refuses it too).
  const same = version.current || version.sameAsLive;
  const restore = h('button', { class: 'secondary', text: t('restore'), attrs: { type: 'button', ...(same ? { disabled: '', title: t('sameAsLive') } : {}) } });
  restore.addEventListener('click', async () => {
    if (restore.dataset.armed !== 'yes') {
      // The draft becomes the restored version: say how much unpublished work that discards.
      try {
        const { diff } = await api<{ diff: KnowledgeDiff }>('GET', `/knowledge/diff?from=${live}&to=draft`);
        const count = changeCount(diff);
        restore.dataset.armed = 'yes';
        restore.textContent = count ? t('confirmRestoreDiscards', { n: version.number, count }) : t('confirmRestore', { n: version.number });
        restore.classList.toggle('danger', count > 0);
      } catch (error) {
        showError(error);
      }
      return;
    }
    restore.disabled = true;
    try {
      const result = await api<PublishResult>('POST', `/knowledge/versions/${version.number}/restore`);
      await renderVersions(root, t('restored', { n: version.number, m: result.version!.number }));
    } catch (error) {
      delete restore.dataset.armed;
      restore.textContent = t('restore');
      restore.classList.remove('danger');
      restore.disabled = false;
      showError(error);
    }
  });
  const label = h('td', {}, h('strong', { text: `v${version.number}` }), version.current ? h('span', { class: 'badge live', text: t('current') }) : null);
  const note = versionNote(version);
  const what = h('td', {}, note ? h('div', { text: note }) : null, h('small', { class: 'muted', text: changeSummary({ ...version.changes, changed: version.changes.changed.map((change) => change.name) }) }), version.restoredFrom ? h('small', { class: 'badge', text: t('restoredFrom', { n: version.restoredFrom }) }) : null);
  return [h('tr', { attrs: { 'data-version': String(version.number) } }, label, h('td', { text: formatTime(version.at) }), h('td', { text: version.by }), what, h('td', { class: 'actions' }, compare, restore)), detailRow];
}

function auditList(entries: AuditEntry[]): HTMLElement {
  return h(
    'details',
    { class: 'audit' },
    h('summary', { text: `${t('audit')} (${entries.length})` }),
    h('ol', {}, ...entries.map((entry) => h('li', {}, h('time', { text: formatTime(entry.at) }), ' ', h('strong', { text: entry.who }), ' ', auditLine(entry)))),
  );
}

/** Published versions, newest first: who, when, what changed; diff and restore. */
export async function renderVersions(root: HTMLElement, message?: string): Promise<void> {
  const [{ versions }, { entries }] = await Promise.all([api<{ versions: Version[] }>('GET', '/knowledge/versions'), api<{ entries: AuditEntry[] }>('GET', '/knowledge/audit')]);
  const live = versions.find((version) => version.current)?.number ?? 0;
  const rows = versions.flatMap((version, index) => versionRow(version, versions[index + 1]?.number, live, root));
  root.replaceChildren(
    h(
      'section',
      { class: 'versions-page' },
      h('h2', { text: t('navVersions') }),
      message ? h('p', { class: 'ok', attrs: { role: 'status' }, text: message }) : null,
      stacked(h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...['version', 'when', 'who', 'what'].map((key) => h('th', { text: t(key as 'when') })), h('th', {}, h('span', { class: 'sr-only', text: t('actionsColumn') })))), h('tbody', {}, ...rows))),
      auditList(entries),
    ),
  );
}
