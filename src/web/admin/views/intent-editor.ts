import { ApiError } from '../api.js';
import { type FieldProblem, fieldText } from '../../shared/api.js';
import { field, h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import type { Intent } from '../types.js';

const LANGUAGES = [
  ['en', 'english'],
  ['zh', 'chinese'],
] as const;
const DIALOGS = ['', 'complaint', 'ticket-status', 'handoff'];
/** The intent the bot greets new conversations with (`WELCOME_INTENT` in src/kb/schema.ts, which the page does not bundle). */
export const WELCOME_INTENT = 'welcome';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const textarea = (value: string[] = [], rows = 4) => h('textarea', { attrs: { rows: String(rows) } }, value.join('\n'));
const input = (value = '') => {
  const element = h('input', { attrs: { type: 'text' } });
  element.value = value;
  return element;
};

/** The editor form of one intent; `read()` gives back what the admin typed, in the API's shape. */
export function intentForm(intent: Intent | undefined) {
  const name = input(intent?.name);
  const category = input(intent?.category);
  // The greeting is sent, never recognised or started as a dialog: only its answers, quick replies and links show.
  const greeting = intent?.name === WELCOME_INTENT;
  const unlessGreeting = (element: HTMLElement) => ((element.hidden = greeting), element);
  const dialog = h('select', {}, ...DIALOGS.map((value) => h('option', { text: value || t('none'), attrs: { value } })));
  dialog.value = intent?.dialog ?? '';
  const perLanguage = LANGUAGES.map(([language, label]) => {
    const controls = {
      utterances: textarea(intent?.utterances[language], 7),
      answers: textarea(intent?.answers[language], 8),
      quickReplies: textarea(intent?.quickReplies?.[language], 2),
      title: input(intent?.title?.[language]),
      check: textarea(intent?.check?.[language], 3),
    };
    const section = h(
      'fieldset',
      { class: `lang-block lang-${language}` },
      h('legend', { text: t(label) }),
      unlessGreeting(field(t('utterances'), controls.utterances, `utterances.${language}`)),
      field(t('answers'), controls.answers, `answers.${language}`),
      field(t('quickReplies'), controls.quickReplies, `quickReplies.${language}`),
      unlessGreeting(field(t('buttonTitle'), controls.title, `title.${language}`)),
      unlessGreeting(field(t('check'), controls.check, `check.${language}`)),
    );
    return { language, controls, section };
  });
  const links = textarea((intent?.links ?? []).map((link) => [link.url, link.label.en, link.label.zh, ...(link.orderUrl ? [link.orderUrl] : [])].join(' | ')), 2);

  const element = h(
    'div',
    { class: 'intent-form' },
    greeting ? h('p', { class: 'note', text: t('welcomeHint') }) : null,
    h('div', { class: 'row' }, field(t('name'), name, 'name', t('nameHint')), field(t('category'), category, 'category'), unlessGreeting(field(t('dialog'), dialog, 'dialog'))),
    h('div', { class: 'lang-columns' }, ...perLanguage.map((each) => each.section)),
    field(t('links', { orderPlaceholder: '{order}' }), links, 'links'),
  );

  function read(): Record<string, unknown> {
    const pick = (key: keyof (typeof perLanguage)[number]['controls']) =>
      Object.fromEntries(perLanguage.map(({ language, controls }) => [language, lines((controls[key] as HTMLTextAreaElement).value)]));
    const titles = Object.fromEntries(perLanguage.map(({ language, controls }) => [language, controls.title.value.trim()]));
    const quickReplies = pick('quickReplies');
    const check = pick('check');
    const linkList = lines(links.value).map((line) => {
      const [url = '', en = '', zh = '', orderUrl = ''] = line.split('|').map((part) => part.trim());
      return { url, label: { en, zh }, ...(orderUrl ? { orderUrl } : {}) };
    });
    return {
      ...(intent ?? {}),
      name: name.value.trim(),
      category: category.value.trim(),
      utterances: pick('utterances'),
      answers: pick('answers'),
      quickReplies: Object.values(quickReplies).some((list) => list.length) ? quickReplies : undefined,
      title: titles.en || titles.zh ? titles : undefined,
      check: Object.values(check).some((list) => list.length) ? check : undefined,
      links: linkList.length ? linkList : undefined,
      dialog: dialog.value || undefined,
    };
  }

  /** A field's error in the admin's language: the editor's own words where it has them, else the shared ones. */
  function fieldErrorText(problem: FieldProblem): string {
    const { path, code, limit } = problem;
    if (code === 'taken') return t('fieldNameTaken');
    if (code === 'too_few' && path.startsWith('answers') && limit === 1) return t('fieldNeedsAnswer');
    if (code === 'invalid_format' && (path === 'name' || path.includes('url'))) return t(path === 'name' ? 'fieldBadName' : 'fieldBadUrl');
    return fieldText(problem, uiLanguage());
  }

  /**
   * Which line of a one-per-line field is at fault: the server counts the non-empty lines from 0
   * (`answers.en.1`), the admin sees the textarea's lines, blank ones included; a line too long
   * also says how long it is (the limit alone did not say which of a few long answers it was).
   */
  function whichLine(box: Element, problem: FieldProblem): string {
    const parts = problem.path.split('.');
    const index = Number(parts[0] === 'links' ? parts[1] : parts[2]);
    const control = box.querySelector('textarea');
    if (!control || !Number.isInteger(index)) return '';
    const all = control.value.split('\n');
    const line = all.map((text, number) => ({ text: text.trim(), number: number + 1 })).filter((each) => each.text)[index];
    if (!line) return '';
    return problem.code === 'too_long' ? t('onLineLength', { n: line.number, length: line.text.length }) : t('onLine', { n: line.number });
  }

  /** The fields at fault: a taken name (`intent_exists`) belongs under the name field too. */
  const problemsOf = (error: ApiError): FieldProblem[] =>
    error.code === 'intent_exists' ? [{ path: 'name', message: error.message, code: 'taken' }] : error.fields;

  /** Each error goes under the field it names (`utterances.en.2` → the English utterances); true when any was placed. */
  function showErrors(error: unknown): boolean {
    for (const slot of element.querySelectorAll('.field-error')) slot.textContent = '';
    for (const marked of element.querySelectorAll('.invalid')) marked.classList.remove('invalid');
    if (!(error instanceof ApiError)) return false;
    const problems = problemsOf(error);
    for (const problem of problems) {
      const { path } = problem;
      const parts = path.split('.');
      const key = ['utterances', 'answers', 'quickReplies', 'title', 'check'].includes(parts[0]!) ? parts.slice(0, 2).join('.') : parts[0]!;
      const box = element.querySelector(`[data-field="${CSS.escape(key)}"]`);
      const slot = box?.querySelector('.field-error');
      if (!box || !slot) continue;
      const item = whichLine(box, problem);
      const text = fieldErrorText(problem);
      slot.textContent = slot.textContent ? `${slot.textContent}; ${text}${item}` : `${text}${item}`;
      box.classList.add('invalid');
    }
    return problems.length > 0;
  }

  // What the form held when drawn: anything else is an edit not yet saved to the draft.
  const initial = JSON.stringify(read());
  /** Unsaved edits in a form still on the page (one the page has replaced holds nothing to lose). */
  const isDirty = () => element.isConnected && JSON.stringify(read()) !== initial;

  return { element, read, showErrors, isDirty, originalName: intent?.name };
}
