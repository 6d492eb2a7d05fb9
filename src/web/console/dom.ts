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
 *
 * A redraw while a pointer is pressed in `root` waits until the press is over (see `afterPress`).
 */
export function redrawKeepingFocus(root: HTMLElement, draw: () => void): void {
  if (press.target && root.contains(press.target)) {
    press.pending.set(root, draw);
    return;
  }
  press.pending.delete(root);
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

/**
 * The pointer pressed on the page, and the redraws held back meanwhile. A button redrawn between
 * the press and the release never receives the click (Chromium sends none once the element
 * pressed is gone): an agent who clicked a chat in the queue just as a live event redrew it
 * (right after signing in, the queue is drawn three times in a second) saw nothing happen. So a
 * part being pressed is drawn again only once the click is out — at the click, whose own
 * handlers draw at once; after a press that ended in no click (released elsewhere, cancelled),
 * a moment after the release: a tap's click comes in a later task than its `pointerup`. The
 * Space key pressed on a button is a press too.
 */
const press = { target: null as Node | null, pending: new Map<HTMLElement, () => void>() };
const TAP_CLICK_MS = 500;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;

function afterPress(): void {
  clearTimeout(releaseTimer);
  press.target = null;
  // After the click's handlers: they may draw the same parts, from newer state.
  setTimeout(() => {
    if (press.target) return;
    for (const [root, draw] of [...press.pending]) redrawKeepingFocus(root, draw);
  });
}

document.addEventListener('pointerdown', (event) => {
  clearTimeout(releaseTimer);
  press.target = event.target instanceof Node ? event.target : null;
}, true);
document.addEventListener('pointerup', (event) => {
  if (press.target) releaseTimer = setTimeout(afterPress, event.pointerType === 'mouse' ? 0 : TAP_CLICK_MS);
}, true);
document.addEventListener('click', () => press.target && afterPress(), true);
// The keyboard's press: Space on a button clicks it at the key's release, like a pointer's (Enter
// clicks at once, and needs nothing held back).
document.addEventListener('keydown', (event) => {
  const target = event.target;
  if (event.key !== ' ' || event.repeat || !(target instanceof HTMLButtonElement)) return;
  clearTimeout(releaseTimer);
  press.target = target;
}, true);
document.addEventListener('keyup', (event) => {
  if (event.key === ' ' && press.target) releaseTimer = setTimeout(afterPress, 0);
}, true);
document.addEventListener('pointercancel', afterPress, true);
window.addEventListener('blur', afterPress);

/**
 * A small line chart of scores between -1 and 1 (the customer's mood over time), each point
 * coloured by its mood as the queue names it; `label` says what it shows in words.
 */
export function sparkline(readings: readonly { score: number; label: string }[], label: string, width = 260, height = 56): SVGSVGElement {
  const scores = readings.map((reading) => reading.score);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'sparkline', role: 'img', 'aria-label': label });
  chart.appendChild(svg('line', { x1: 0, x2: width, y1: height / 2, y2: height / 2, class: 'axis' }));
  if (scores.length === 0) return chart;
  const step = scores.length > 1 ? (width - 8) / (scores.length - 1) : 0;
  const points = scores.map((score, i) => [4 + i * step, height / 2 - (Math.max(-1, Math.min(1, score)) * (height - 8)) / 2] as const);
  chart.appendChild(svg('polyline', { points: points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '), class: 'trend' }));
  for (const [i, [x, y]] of points.entries()) {
    const mood = readings[i]!.label === 'negative' ? 'neg' : readings[i]!.label === 'positive' ? 'pos' : 'neu';
    chart.appendChild(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5, class: mood }));
  }
  return chart;
}
