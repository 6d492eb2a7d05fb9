import { api, ApiError, download } from '../api.js';
import { h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import type { DraftView, Intent } from '../types.js';
import { csvImport } from './csv-import.js';
import { intentForm, WELCOME_INTENT } from './intent-editor.js';
import { byCategoryAndTitle, intentTitle } from '../intent-title.js';
import { jsonImport } from './json-import.js';
import { publishBar } from './publish-panel.js';
import { tryItPanel } from './try-it.js';
import { errorText } from '../../shared/api.js';

let selected: string | 'new' | undefined;
let query = '';
/** The editor's form, so switching intent, language or page can ask before its edits are lost. */
let openForm: { isDirty(): boolean } | undefined;

/** The line under the editor: what a save or delete came to. */
let editorStatus: HTMLElement | undefined;

export const hasUnsavedEdits = () => openForm?.isDirty() ?? false;

/**
 * Signed in again after the session ended under an editor with unsaved edits (a long answer
 * written for more than the 30 idle minutes, then Save): keep the page as it is, edits and all,
 * for Save to go through this time, rather than redraw it from the draft. True when kept.
 */
export function resumeEditing(): boolean {
  if (!hasUnsavedEdits()) return false;
  if (editorStatus) editorStatus.textContent = '';
  return true;
}

/** True when nothing unsaved would be lost, or the admin agrees to lose it. */
export const mayDiscardEdits = () => !hasUnsavedEdits() || confirm(t('unsavedEdits'));

/** Show another intent (or a new one) in the editor, once unsaved edits are dealt with. */
function choose(name: string | 'new', root: HTMLElement): void {
  if (!mayDiscardEdits()) return;
  selected = name;
  void renderIntents(root, undefined, 'open');
}

/**
 * An intent the search finds: by its name, category, examples, answers or button labels. An admin
 * often starts from what the bot said ('3-5 business days', 「3-5个工作日」), which found nothing.
 */
const matches = (intent: Intent, text: string) =>
  !text ||
  [intent.name, intent.category, ...intent.utterances.en, ...intent.utterances.zh, ...intent.answers.en, ...intent.answers.zh, intent.title?.en ?? '', intent.title?.zh ?? '']
    .some((value) => value.toLowerCase().includes(text.toLowerCase()));

function exportButton(label: string, path: string, fileName: string, status: HTMLElement): HTMLElement {
  const button = h('button', { class: 'link', text: label, attrs: { type: 'button' } });
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      await download(path, fileName);
    } catch (error) {
      status.className = 'error';
      status.textContent = errorText(error, uiLanguage());
    }
  });
  return button;
}

function importExport(reload: (message?: string) => void): HTMLElement {
  const status = h('p', { attrs: { role: 'status' } });
  return h(
    'details',
    { class: 'import-export' },
    h('summary', { text: t('importExport') }),
    exportButton(t('exportJson'), '/knowledge/export', 'knowledge.json', status),
    exportButton(t('exportCsv'), '/knowledge/utterances.csv', 'utterances.csv', status),
    jsonImport(status, mayDiscardEdits, () => reload(t('imported'))),
    csvImport(status, mayDiscardEdits, () => reload(t('imported'))),
    status,
  );
}

function intentList(draft: DraftView, root: HTMLElement): HTMLElement {
  const changed = new Set([...draft.changes.added, ...draft.changes.changed.map((change) => change.name)]);
  const list = h('ul', { class: 'intent-list' });
  const fill = () => {
    // The greeting first: every customer reads it, and an admin looks for it before any answer.
    // Then by category and title: the returns intents together, each read by its button label.
    const shown = draft.intents.filter((intent) => matches(intent, query)).sort((a, b) => Number(b.name === WELCOME_INTENT) - Number(a.name === WELCOME_INTENT) || byCategoryAndTitle(a, b));
    list.replaceChildren(
      ...shown.map((intent) =>
        h(
          'li',
          {},
          h(
            'button',
            { class: intent.name === selected ? 'selected' : '', attrs: { type: 'button' }, on: { click: () => choose(intent.name, root) } },
            h('span', { text: intentTitle(intent) }),
            changed.has(intent.name) ? h('span', { class: 'dot', title: t('changes'), text: '•' }) : null,
            h('small', { class: 'muted', text: intent.name === WELCOME_INTENT ? t('welcomeListNote') : `${intent.category} · ${intent.name}` }),
          ),
        ),
      ),
    );
    if (shown.length === 0) list.append(h('li', { class: 'muted', text: t('noMatch') }));
  };
  const search = h('input', { attrs: { type: 'search', placeholder: t('search'), 'aria-label': t('search') } });
  search.value = query;
  search.addEventListener('input', () => ((query = search.value), fill()));
  fill();
  const create = h('button', { class: 'secondary', text: t('newIntent'), attrs: { type: 'button' }, on: { click: () => choose('new', root) } });
  return h('nav', { class: 'intents-nav' }, search, h('div', { class: 'row' }, create, h('small', { class: 'muted', text: `${draft.intents.length}` })), list, importExport((message) => void renderIntents(root, message)));
}

/** The editor; `saved`: what the save just made of it, said under its Save button. */
function editor(draft: DraftView, root: HTMLElement, saved?: string): HTMLElement {
  const intent = selected === 'new' ? undefined : draft.intents.find((each) => each.name === selected);
  if (!intent && selected !== 'new') return h('section', { class: 'editor' }, h('p', { class: 'muted', text: t('pickIntent') }));
  const form = intentForm(intent);
  openForm = form;
  // The revision this form was drawn from: a save or delete applies only if nobody changed the intent since.
  const ifMatch = intent ? { 'if-match': `"${draft.revisions[intent.name]}"` } : undefined;
  const status = h('p', { class: saved ? 'ok' : '', attrs: { role: 'status' }, text: saved });
  editorStatus = status;
  const save = h('button', { class: 'primary', text: t('save'), attrs: { type: 'submit' } });
  const remove = h('button', { class: 'danger', text: t('delete'), attrs: { type: 'button', ...(intent ? {} : { hidden: '' }) } });
  /** An error under the editor; when another admin changed the intent meanwhile, with a way to load their version. */
  const showError = (error: unknown) => {
    status.className = 'error';
    status.textContent = errorText(error, uiLanguage());
    if (error instanceof ApiError && error.code === 'intent_changed') {
      status.append(' ', h('button', { class: 'secondary', text: t('reloadIntent'), attrs: { type: 'button' }, on: { click: () => void renderIntents(root) } }));
    }
  };
  remove.addEventListener('click', async () => {
    if (remove.dataset.armed !== 'yes') return ((remove.dataset.armed = 'yes'), (remove.textContent = t('confirmDelete')));
    try {
      await api('DELETE', `/knowledge/intents/${encodeURIComponent(intent!.name)}`, undefined, ifMatch);
    } catch (error) {
      // Another admin may have deleted, renamed or changed it: say so, and disarm the button.
      delete remove.dataset.armed;
      remove.textContent = t('delete');
      showError(error);
      return;
    }
    selected = undefined;
    await renderIntents(root, t('deleted'), 'list');
  });
  const element = h('form', { class: 'editor', attrs: { novalidate: '' } }, h('h2', { text: intent?.name ?? t('newIntent'), attrs: { tabindex: '-1' } }), form.element, h('div', { class: 'row actions' }, save, remove), status);
  /** Save the form: `asNew` creates the intent (409 when its name is taken), never writing over an existing one. */
  const saveForm = async (asNew: boolean) => {
    const body = form.read();
    try {
      if (asNew) await api('POST', '/knowledge/intents', body);
      else await api('PUT', `/knowledge/intents/${encodeURIComponent(form.originalName!)}`, body, ifMatch);
      selected = String(body.name);
      await renderIntents(root, t('saved'), 'editor');
    } catch (error) {
      if (form.showErrors(error)) {
        status.className = 'error';
        status.textContent = t('fixErrors');
        // The first field at fault may be a screen or more above Save (the name, an answer): take the
        // admin there, its label and error in the middle of the screen, clear of the sticky bar.
        const first = form.element.querySelector<HTMLElement>('.field.invalid');
        first?.scrollIntoView({ block: 'center' });
        first?.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
      } else if (!asNew && error instanceof ApiError && error.status === 404) {
        // Another admin deleted it while this one edited: the edits are still in the form, and can bring it back.
        status.className = 'error';
        status.textContent = t('intentGone');
        status.append(' ', h('button', { class: 'secondary', text: t('saveAsNew'), attrs: { type: 'button' }, on: { click: () => void saveForm(true) } }));
      } else showError(error);
    }
  };
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveForm(form.originalName === undefined);
  });
  return element;
}

/**
 * The knowledge page: intent list and search, the editor, try it, and publish. `focus`: where the
 * keyboard goes once the page is redrawn (the old page took the focused element with it, leaving
 * a keyboard user at the top of the page, 40 intents away from the editor they opened or saved);
 * `open` is the editor of an intent just picked, brought on screen too.
 */
export async function renderIntents(root: HTMLElement, message?: string, focus?: 'open' | 'editor' | 'list'): Promise<void> {
  // Until the page is redrawn, the editor on screen takes no typing: on a slow line an admin who
  // clicked New intent typed into the intent still shown, and the redraw took those edits with it.
  // Should the draft not come (the session ended, say), the editor is theirs again, edits and all.
  const leaving = root.querySelector<HTMLElement>('.editor');
  leaving?.setAttribute('inert', '');
  let draft: DraftView;
  try {
    draft = await api<DraftView>('GET', '/knowledge');
  } catch (error) {
    leaving?.removeAttribute('inert');
    throw error;
  }
  // A save's outcome goes under the Save button just pressed: at the top of the page, it was out
  // of sight (or under the sticky bar) for an admin who had scrolled down a long intent to save it.
  const saved = focus === 'editor' ? message : undefined;
  const page = h(
    'div',
    { class: 'knowledge-page' },
    // The other pages show their name as a heading; here the columns say it, and a screen reader hears it.
    h('h2', { class: 'sr-only', text: t('navIntents') }),
    publishBar(draft, (version) => void renderIntents(root, t('publishedVersion', { n: version })), mayDiscardEdits),
    message && !saved ? h('p', { class: 'ok', attrs: { role: 'status' }, text: message }) : null,
    h('div', { class: 'knowledge-columns' }, intentList(draft, root), editor(draft, root, saved), tryItPanel(draft)),
  );
  root.replaceChildren(page);
  // Keep the intent being edited in sight in a long list.
  const chosen = page.querySelector<HTMLElement>('.intent-list button.selected');
  const list = chosen?.closest('ul');
  if (chosen && list) list.scrollTop = chosen.offsetTop - list.offsetTop - list.clientHeight / 3;
  const heading = page.querySelector<HTMLElement>('.editor h2');
  if (heading && (focus === 'editor' || focus === 'open')) heading.focus({ preventScroll: true });
  // On a phone the editor is under the list, a screen down: a tap on an intent seemed to do nothing.
  // Brought up unless its top is already in the upper half of the screen (beside the list, on a laptop).
  if (heading && focus === 'open') {
    const { top } = heading.getBoundingClientRect();
    if (top < 0 || top > innerHeight / 2) heading.closest('.editor')?.scrollIntoView({ block: 'start' });
  }
  if (focus === 'list') page.querySelector<HTMLElement>('.intents-nav input[type=search]')?.focus({ preventScroll: true });
}
