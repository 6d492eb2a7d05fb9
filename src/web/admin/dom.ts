/**
 * Building DOM without markup: text always goes in as text nodes, so nothing a customer
 * typed (an unanswered question, an utterance) can become HTML in the admin's browser.
 */
export { $, append, h, svg, type Props } from '../shared/dom.js';
import { h } from '../shared/dom.js';

/** A labelled form field with a slot for its error message right under it. */
export function field(label: string, control: HTMLElement, key: string, hint?: string): HTMLElement {
  const id = `f-${key.replace(/\W/g, '-')}`;
  control.id = id;
  return h(
    'div',
    { class: 'field', attrs: { 'data-field': key } },
    h('label', { text: label, attrs: { for: id } }),
    control,
    hint ? h('small', { class: 'hint', text: hint }) : null,
    h('p', { class: 'field-error', attrs: { role: 'alert', 'data-error-for': key } }),
  );
}

export const percent = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`);

/**
 * A table a phone shows as one card per row (`.table.stacked` in admin.css): each cell gets its
 * column's name to print above it, as `data-label`. Rows of another shape (a detail row) are left alone.
 */
export function stacked(table: HTMLTableElement): HTMLTableElement {
  const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  table.classList.add('stacked');
  for (const row of table.querySelectorAll('tbody tr')) {
    const cells = [...row.children] as HTMLElement[];
    if (cells.length === names.length) cells.forEach((cell, index) => names[index] && cell.setAttribute('data-label', names[index]!));
  }
  return table;
}
