/**
 * One message row in the log. Message data only ever reaches the page as text nodes
 * (`textContent`, `append(string)`) or as the `href` of an http(s) link built with the DOM API.
 */
import { h, icon, ICONS, safeUrl } from './dom.js';
import type { Strings } from './strings.js';
import type { Activity, Sender } from './types.js';

export interface MessageContext {
  t: Strings;
  locale: string;
  botName: string;
  botAvatar: string | undefined;
}

/** Delivery of the customer's own message. */
export type Delivery = 'sending' | 'queued' | 'sent' | 'failed';

// An http(s) URL ends at whitespace, quotes, angle brackets or CJK text and punctuation.
const URL_PATTERN = /https?:\/\/[^\s<>"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;

/** Text with its http(s) URLs turned into links that open in a new tab without an opener. */
export function linkify(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(/[.,;:!?)\]}]+$/, '');
    const href = safeUrl(raw);
    if (!href) continue;
    fragment.append(text.slice(from, match.index), h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, raw));
    from = match.index + raw.length;
  }
  fragment.append(text.slice(from));
  return fragment;
}

export function avatar(name: string, url: string | undefined): HTMLElement {
  const initial = h('span', { class: 'av', 'aria-hidden': 'true' }, [...name.trim()][0]?.toUpperCase() ?? '?');
  const src = safeUrl(url);
  if (!src) return initial;
  const image = h('img', { class: 'av', alt: '', src, referrerpolicy: 'no-referrer' });
  image.addEventListener('error', () => image.replaceWith(initial), { once: true });
  return image;
}

export function timeOf(iso: string | undefined, locale: string): HTMLTimeElement | null {
  const date = iso ? new Date(iso) : new Date();
  if (Number.isNaN(date.getTime())) return null;
  const today = date.toDateString() === new Date().toDateString();
  const format = new Intl.DateTimeFormat(locale, today ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return h('time', { datetime: date.toISOString() }, format.format(date));
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A message row; `meta` receives the time and, for the customer's messages, the delivery state.
 * A message's own text sets its direction (`dir=auto`): Arabic or Hebrew reads right to left.
 */
export function messageRow(activity: Activity, sender: Sender, context: MessageContext): HTMLElement {
  const text = textOf(activity.text);
  if (sender === 'system') return h('div', { class: 'sys' }, text);
  const meta = h('div', { class: 'meta' }, timeOf(activity.timestamp, context.locale));
  if (sender === 'user') {
    return h('div', { class: 'm u' }, h('div', { class: 'b' }, h('span', { class: 'sr' }, `${context.t.you}: `), h('div', { class: 't', dir: 'auto' }, text), meta));
  }
  const agent = sender === 'agent';
  const name = agent ? textOf(activity.from?.name).slice(0, 80) || context.t.agent : context.botName;
  const body = h(
    'div',
    { class: 'b' },
    agent ? h('div', { class: 'n' }, name) : h('span', { class: 'sr' }, `${name}: `),
    h('div', { class: 't', dir: 'auto' }, linkify(text)),
    meta,
  );
  return h('div', { class: agent ? 'm ag' : 'm bot' }, avatar(name, agent ? activity.channelData?.parley?.avatarUrl : context.botAvatar), body);
}

/**
 * Show where a customer's message is: sending, waiting for the network, sent, or failed with
 * Retry. The log reads out what is added to it, not what changes: "Sending…" becoming "Sent" is
 * a quiet change of text, while a failure is added anew, so a screen reader says it.
 */
export function showDelivery(row: HTMLElement, state: Delivery, t: Strings, retry: () => void): void {
  const meta = row.querySelector('.meta');
  if (!meta) return;
  row.classList.toggle('fail', state === 'failed');
  row.classList.toggle('pending', state === 'sending' || state === 'queued');
  const label = { sending: t.sending, queued: t.queued, sent: t.sent, failed: t.failed }[state];
  const shown = meta.querySelector('.st');
  if (shown && state !== 'failed' && !shown.querySelector('button')) {
    if (shown.textContent !== label) shown.textContent = label;
    return;
  }
  shown?.remove();
  const status = h('span', { class: 'st' }, label);
  if (state === 'failed') {
    const button = h('button', { type: 'button', class: 'link' }, t.retry);
    button.addEventListener('click', retry);
    status.append(' ', button);
  }
  meta.append(status);
}

/** Thumbs up/down (👍/👎) for a bot answer; `given` is the customer's earlier choice. */
export function feedbackButtons(given: boolean | undefined, t: Strings, pick: (helpful: boolean) => void): HTMLElement {
  const group = h('span', { class: 'fb' });
  const make = (helpful: boolean) => {
    const button = h('button', { type: 'button', 'aria-label': helpful ? t.helpful : t.notHelpful, title: helpful ? t.helpful : t.notHelpful, 'aria-pressed': String(given === helpful), class: helpful ? '' : 'dn' }, icon(ICONS.thumb));
    button.addEventListener('click', () => {
      for (const other of group.children) other.setAttribute('aria-pressed', String(other === button));
      pick(helpful);
    });
    return button;
  };
  group.append(make(true), make(false));
  return group;
}
