/**
 * Building DOM without markup: text always goes in as text nodes, so nothing a customer
 * typed (an unanswered question, an utterance) can become HTML in the admin's browser.
 */
type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: any) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, handler] of Object.entries(props.on ?? {})) element.addEventListener(name, handler as EventListener);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
};

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes; text only through `text`. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

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
