/**
 * Building DOM without markup: text always goes in as text nodes, so nothing a customer
 * types can become HTML in the console.
 */
export { $, append, h, type Props } from '../shared/dom.js';
import { svg } from '../shared/dom.js';

export function clear(element: Element): void {
  element.replaceChildren();
}

/** What marks an element as "the same one" in a redrawn copy: a form field, a queue item, a tab. */
const SAME = ['data-field', 'data-conversation', 'data-ticket', 'data-tab'];

/**
 * Empty `root` and draw it again with `draw`. Parts of the console are redrawn on every live
 * event; the element that had the keyboard focus (marked by one of `SAME`) gets it back in its
 * new copy, with the caret where it was, so typing and keyboard navigation carry on.
 */
export function redrawKeepingFocus(root: HTMLElement, draw: () => void): void {
  const active = document.activeElement;
  const mark = active instanceof HTMLElement && root.contains(active) ? SAME.find((name) => active.hasAttribute(name)) : undefined;
  const value = mark ? active!.getAttribute(mark)! : '';
  const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : null;
  clear(root);
  draw();
  if (!mark) return;
  const next = root.querySelector<HTMLElement>(`[${mark}="${CSS.escape(value)}"]`);
  next?.focus();
  if (caret && (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement)) next.setSelectionRange(caret[0] ?? null, caret[1] ?? null);
}

/** A small line chart of scores between -1 and 1 (the customer's mood over time); `label` says what it shows in words. */
export function sparkline(scores: number[], label: string, width = 260, height = 56): SVGSVGElement {
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'sparkline', role: 'img', 'aria-label': label });
  chart.appendChild(svg('line', { x1: 0, x2: width, y1: height / 2, y2: height / 2, class: 'axis' }));
  if (scores.length === 0) return chart;
  const step = scores.length > 1 ? (width - 8) / (scores.length - 1) : 0;
  const points = scores.map((score, i) => [4 + i * step, height / 2 - (Math.max(-1, Math.min(1, score)) * (height - 8)) / 2] as const);
  chart.appendChild(svg('polyline', { points: points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '), class: 'trend' }));
  for (const [i, [x, y]] of points.entries()) {
    const mood = scores[i]! < -0.2 ? 'neg' : scores[i]! > 0.2 ? 'pos' : 'neu';
    chart.appendChild(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5, class: mood }));
  }
  return chart;
}
