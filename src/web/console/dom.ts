/**
 * Building DOM without markup: text always goes in as text nodes, so nothing a customer
 * types can become HTML in the console.
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

export function clear(element: Element): void {
  element.replaceChildren();
}

export const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
};

const SVG = 'http://www.w3.org/2000/svg';

/** A small line chart of scores between -1 and 1 (the customer's mood over time). */
export function sparkline(scores: number[], width = 260, height = 56): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  const mid = document.createElementNS(SVG, 'line');
  for (const [name, value] of Object.entries({ x1: '0', x2: String(width), y1: String(height / 2), y2: String(height / 2), class: 'axis' })) mid.setAttribute(name, value);
  svg.appendChild(mid);
  if (scores.length === 0) return svg;
  const step = scores.length > 1 ? (width - 8) / (scores.length - 1) : 0;
  const points = scores.map((score, i) => [4 + i * step, height / 2 - (Math.max(-1, Math.min(1, score)) * (height - 8)) / 2] as const);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
  line.setAttribute('class', 'trend');
  svg.appendChild(line);
  for (const [i, [x, y]] of points.entries()) {
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', x.toFixed(1));
    dot.setAttribute('cy', y.toFixed(1));
    dot.setAttribute('r', '2.5');
    dot.setAttribute('class', scores[i]! < -0.2 ? 'neg' : scores[i]! > 0.2 ? 'pos' : 'neu');
    svg.appendChild(dot);
  }
  return svg;
}
