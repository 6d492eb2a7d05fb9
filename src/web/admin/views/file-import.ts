import { h } from '../dom.js';
import { t, uiLanguage } from '../i18n.js';
import { errorText } from '../../shared/api.js';

/** What importing a chosen file would do, shown before anything is written. */
export interface ImportPreview {
  /** What would change, and any warning. */
  lines: (HTMLElement | null)[];
  applyLabel: string;
  /** The import removes something: its button says so by its colour. */
  removes?: boolean;
  /** Write it. */
  apply: () => Promise<unknown>;
}

/** A file that will not be previewed: said in the status line instead (not the file kind asked for, nothing to change). */
export interface ImportRefusal {
  say: string;
  tone: 'error' | 'muted';
  /** The words of the file where it is wrong, shown under `say` with that character marked (`column`, from 1). */
  excerpt?: { text: string; column: number };
}

/** A line of the file, its faulty character marked (a blank one when the line ended too soon). */
function excerptOf({ text, column }: { text: string; column: number }): HTMLElement {
  const characters = Array.from(text);
  const at = characters[column - 1] ?? ' ';
  return h('code', { class: 'excerpt' }, characters.slice(0, column - 1).join(''), h('mark', { text: at }), characters.slice(column).join(''));
}

export interface FileImportOptions {
  label: string;
  accept: string;
  /** The preview box's class (its look, and what tests find it by). */
  previewClass: string;
  status: HTMLElement;
  /** False when the admin chose to keep unsaved edits rather than import over them. */
  mayLeave: () => boolean;
  onImported: () => void;
  /** Read the file and ask the server (a dry run) what importing it would change. */
  preview: (file: File) => Promise<ImportPreview | ImportRefusal>;
}

/**
 * A file picker whose file is previewed before it is imported: choosing a file only asks what it
 * would change and lists it; the preview's button writes it, Cancel forgets it. Errors (the
 * server's too) are said in the status line, in the page's language.
 */
export function fileImport(options: FileImportOptions): HTMLElement {
  const { status } = options;
  const input = h('input', { attrs: { type: 'file', accept: options.accept, 'aria-label': options.label } });
  const box = h('div', { class: options.previewClass, attrs: { hidden: '' } });
  const close = () => {
    box.hidden = true;
    box.replaceChildren();
    // The same file may be chosen again after a cancel.
    input.value = '';
  };
  const say = (text: string, tone: 'error' | 'muted', excerpt?: ImportRefusal['excerpt']) => {
    status.className = tone;
    status.replaceChildren(text, ...(excerpt ? [excerptOf(excerpt)] : []));
  };
  const fail = (error: unknown) => say(errorText(error, uiLanguage()), 'error');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = '';
    let shown: ImportPreview | ImportRefusal;
    try {
      shown = await options.preview(file);
    } catch (error) {
      close();
      return fail(error);
    }
    if ('say' in shown) {
      close();
      return say(shown.say, shown.tone, shown.excerpt);
    }
    const apply = h('button', { class: shown.removes ? 'danger' : 'primary', text: shown.applyLabel, attrs: { type: 'button' } });
    const cancel = h('button', { class: 'secondary', text: t('cancel'), attrs: { type: 'button' }, on: { click: close } });
    apply.addEventListener('click', async () => {
      if (!options.mayLeave()) return;
      apply.disabled = true;
      try {
        await shown.apply();
        close();
        options.onImported();
      } catch (error) {
        apply.disabled = false;
        fail(error);
      }
    });
    box.replaceChildren(...shown.lines.filter((line): line is HTMLElement => line !== null), h('div', { class: 'row' }, apply, cancel));
    box.hidden = false;
    apply.focus();
  });
  return h('div', {}, h('label', { class: 'file-button' }, h('span', { text: options.label }), input), box);
}
