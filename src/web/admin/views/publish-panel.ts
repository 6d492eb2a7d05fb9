import { api, ApiError } from '../api.js';
import { h, percent } from '../dom.js';
import { languageName, t, uiLanguage } from '../i18n.js';
import type { DraftView, GuardRailWarning, PublishResult } from '../types.js';
import { errorText } from '../../shared/api.js';

/** A long answer quoted in a warning: its start is enough to find it. */
const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** A guard-rail warning in the admin's language (the API's `message` is English). */
function warningText(warning: GuardRailWarning): string {
  switch (warning.code) {
    case 'duplicate_utterance':
      return t('warnDuplicate', { text: warning.text, intents: warning.intents.join(', ') });
    case 'few_examples':
      return t('warnFewExamples', { intent: warning.intent, count: warning.count, min: warning.min, language: languageName(warning.language) });
    case 'missing_answer':
      return t('warnMissingAnswer', { intent: warning.intent, language: languageName(warning.language) });
    case 'few_out_of_scope':
      return t('warnFewOutOfScope', { count: warning.count, min: warning.min, language: languageName(warning.language) });
    case 'accuracy_drop':
      return t('warnAccuracyDrop', { before: percent(warning.before), after: percent(warning.after), total: warning.total });
    case 'wrong_language': {
      const params = { text: shorten(warning.text), intent: warning.intent, language: languageName(warning.language), written: languageName(warning.written) };
      return warning.field === 'utterances' ? t('warnWrongLanguageExample', params) : t('warnWrongLanguage', { ...params, field: t(`wrongField_${warning.field}`) });
    }
    case 'quick_reply_unanswered':
      return t(warning.decision === 'fallback' ? 'warnQuickReplyFallback' : 'warnQuickReplyClarify', { text: warning.text, intent: warning.intent, language: languageName(warning.language) });
  }
}

function warningItem(warning: GuardRailWarning): HTMLElement {
  const item = h('li', { class: `warning warning-${warning.code}`, text: warningText(warning) });
  if (warning.code === 'accuracy_drop' && warning.misses.length) {
    item.append(h('p', { class: 'misses-lead', text: t('accuracyBroken') }), h('ul', { class: 'misses' }, ...warning.misses.slice(0, 5).map((miss) => h('li', { text: `“${miss.text}” → ${miss.got ?? '—'} (${miss.expected})` }))));
  }
  return item;
}

function changeList(result: Pick<PublishResult, 'changes'>): HTMLElement {
  const { added, removed, changed } = result.changes;
  const row = (label: string, names: string[]) => (names.length ? h('li', {}, h('strong', { text: `${label}: ` }), names.join(', ')) : null);
  return h('ul', { class: 'changes' }, row(t('added'), added), row(t('changed'), changed.map((change) => change.name)), row(t('removed'), removed));
}

/** The bar over the editor: unpublished changes, and Publish with a look at the guard rails first. */
export function publishBar(draft: DraftView, onPublished: (version: number) => void, mayRedraw: () => boolean = () => true): HTMLElement {
  const count = draft.changes.added.length + draft.changes.removed.length + draft.changes.changed.length;
  const panel = h('div', { class: 'publish-panel', attrs: { 'aria-live': 'polite' } });
  const button = h('button', { class: 'primary', text: t('publish'), attrs: { type: 'button', ...(count ? {} : { disabled: '' }) } });
  /** The dry run: what would go live and the guard rails' warnings, with Publish now; `noteText` keeps a note typed before a re-check. */
  const checkDraft = async (noteText = '') => {
    panel.replaceChildren(h('p', { class: 'muted', text: t('checking') }));
    try {
      const check = await api<PublishResult>('POST', '/knowledge/publish', { dryRun: true });
      const note = h('input', { attrs: { type: 'text', 'aria-label': t('note'), placeholder: t('note') } });
      note.value = noteText;
      const go = h('button', { class: check.warnings.length ? 'danger' : 'primary', text: check.warnings.length ? t('publishAnyway') : t('publishNow'), attrs: { type: 'button' } });
      const cancel = h('button', { class: 'link', text: t('cancel'), attrs: { type: 'button' }, on: { click: () => panel.replaceChildren() } });
      go.addEventListener('click', async () => {
        go.disabled = true;
        try {
          // Only the draft checked above: another admin's save since then is refused (409 draft_changed).
          const ifMatch = check.draftRevision ? { 'if-match': `"${check.draftRevision}"` } : undefined;
          const result = await api<PublishResult>('POST', '/knowledge/publish', { note: note.value || undefined }, ifMatch);
          onPublished(result.version!.number);
        } catch (error) {
          const again = error instanceof ApiError && error.code === 'draft_changed' ? h('button', { class: 'secondary', text: t('checkAgain'), attrs: { type: 'button' }, on: { click: () => void checkDraft(note.value) } }) : null;
          panel.replaceChildren(h('p', { class: 'error', text: errorText(error, uiLanguage()) }, ...(again ? [' ', again] : [])));
          again?.focus();
        }
      });
      panel.replaceChildren(
        changeList(check),
        h('h3', { text: `${t('warnings')} (${check.warnings.length})` }),
        check.warnings.length ? h('ul', { class: 'warnings' }, ...check.warnings.map(warningItem)) : h('p', { class: 'ok', text: t('noWarnings') }),
        h('div', { class: 'row' }, note, go, cancel),
      );
    } catch (error) {
      panel.replaceChildren(h('p', { class: 'error', text: errorText(error, uiLanguage()) }));
    }
  };
  button.addEventListener('click', () => {
    // Publishing redraws the page (and publishes the saved draft, not the form): ask first.
    if (mayRedraw()) void checkDraft();
  });
  return h(
    'div',
    { class: 'publish-bar' },
    h('div', { class: 'row' }, h('span', { class: count ? 'badge pending' : 'badge', text: count === 0 ? t('noChanges') : count === 1 ? t('pendingChange') : t('pendingChanges', { n: count }) }), button),
    panel,
  );
}
