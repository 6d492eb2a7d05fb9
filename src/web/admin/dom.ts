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
