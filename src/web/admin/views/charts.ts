import { h, svg } from '../dom.js';
import { formatCompact, formatCount } from '../i18n.js';

export interface Point {
  label: string;
  value: number;
}

const short = (day: string) => day.slice(5).replace('-', '/');

/** Vertical bars, one per day; every few labels shown so they never overlap, the last day's always. */
export function barChart(points: Point[], options: { width?: number; height?: number; title: string }): SVGSVGElement {
  const width = options.width ?? 560;
  const height = options.height ?? 180;
  const pad = { left: 32, right: 8, top: 10, bottom: 24 };
  const max = Math.max(1, ...points.map((point) => point.value));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': options.title });
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const step = inner.w / Math.max(1, points.length);
  const every = Math.ceil(points.length / 8);
  for (const tick of [0, Math.round(max / 2), max]) {
    const y = pad.top + inner.h - (tick / max) * inner.h;
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }), svg('text', { x: pad.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, formatCompact(tick)));
  }
  points.forEach((point, index) => {
    const barHeight = (point.value / max) * inner.h;
    const x = pad.left + index * step + step * 0.15;
    const bar = svg('rect', { x, y: pad.top + inner.h - barHeight, width: Math.max(1, step * 0.7), height: barHeight, class: 'bar' });
    bar.append(svg('title', {}, `${point.label}: ${formatCount(point.value)}`));
    chart.append(bar);
    // Counted back from the last day, which is always labelled: a manager finds today's bar.
    if ((points.length - 1 - index) % every === 0) chart.append(svg('text', { x: x + step * 0.35, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, short(point.label)));
  });
  return chart;
}

/** A line of scores between -1 and 1 with the zero line; dots carry their values. */
export function moodChart(points: Point[], options: { width?: number; height?: number; title: string }): SVGSVGElement {
  const width = options.width ?? 560;
  const height = options.height ?? 180;
  const pad = { left: 32, right: 12, top: 10, bottom: 24 };
  const inner = { w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': options.title });
  const yOf = (value: number) => pad.top + ((1 - value) / 2) * inner.h;
  for (const tick of [1, 0, -1]) {
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: yOf(tick), y2: yOf(tick), class: tick === 0 ? 'zero' : 'grid' }), svg('text', { x: pad.left - 6, y: yOf(tick) + 4, class: 'axis', 'text-anchor': 'end' }, tick > 0 ? '+1' : String(tick)));
  }
  const xOf = (index: number) => pad.left + (points.length === 1 ? inner.w / 2 : (index / (points.length - 1)) * inner.w);
  if (points.length > 1) chart.append(svg('polyline', { points: points.map((point, index) => `${xOf(index)},${yOf(point.value)}`).join(' '), class: 'line' }));
  const every = Math.ceil(points.length / 8);
  points.forEach((point, index) => {
    const dot = svg('circle', { cx: xOf(index), cy: yOf(point.value), r: 3.5, class: point.value < -0.2 ? 'dot negative' : point.value > 0.2 ? 'dot positive' : 'dot' });
    dot.append(svg('title', {}, `${point.label}: ${point.value.toFixed(2)}`));
    chart.append(dot);
    if (index % every === 0) chart.append(svg('text', { x: xOf(index), y: height - 6, class: 'axis', 'text-anchor': 'middle' }, short(point.label)));
  });
  return chart;
}

/** Horizontal bars with their labels and counts (top intents, tickets by status). */
export function rankChart(rows: Point[], options: { title: string; width?: number }): SVGSVGElement {
  const width = options.width ?? 560;
  const rowHeight = 26;
  const labelWidth = 170;
  const height = Math.max(rowHeight, rows.length * rowHeight) + 4;
  const max = Math.max(1, ...rows.map((row) => row.value));
  // Room after the longest bar for its count (about 8 units a character at this size).
  const valueRoom = 14 + 8 * Math.max(...rows.map((row) => formatCount(row.value).length));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart rank', role: 'img', 'aria-label': options.title });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const barWidth = ((width - labelWidth - valueRoom) * row.value) / max;
    const label = row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label;
    chart.append(
      svg('text', { x: labelWidth - 8, y: y + 14, class: 'label', 'text-anchor': 'end' }, label),
      svg('rect', { x: labelWidth, y: y + 2, width: Math.max(2, barWidth), height: rowHeight - 8, rx: 3, class: 'bar' }),
      svg('text', { x: labelWidth + barWidth + 6, y: y + 14, class: 'value' }, formatCount(row.value)),
    );
  });
  return chart;
}

export function chartCard(title: string, body: Element, empty: boolean, emptyText: string): HTMLElement {
  return h('section', { class: 'chart-card' }, h('h3', { text: title }), empty ? h('p', { class: 'muted', text: emptyText }) : body);
}
