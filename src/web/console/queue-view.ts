import { h, redrawKeepingFocus } from './dom.js';
import { since, t, tOr, whenAt } from './i18n.js';
import { type QueueTab, state, type Summary } from './state.js';

const TABS: QueueTab[] = ['waiting', 'active', 'bot', 'closed'];
const TAB_LABEL = { waiting: 'waiting', active: 'active', bot: 'recent', closed: 'closed' } as const;

/** The queue: tabs by status, each chat with language, waiting time, mood, priority and tags. */
export function renderQueue(root: HTMLElement, actions: { select(id: string): void; tab(tab: QueueTab): void }): void {
  redrawKeepingFocus(root, () => drawQueue(root, actions));
}

function drawQueue(root: HTMLElement, actions: { select(id: string): void; tab(tab: QueueTab): void }): void {
  const tabs = h('div', { class: 'tabs', attrs: { role: 'tablist' } });
  for (const tab of TABS) {
    const count = state.lists[tab].length;
    tabs.appendChild(
      h(
        'button',
        { class: `tab${state.tab === tab ? ' selected' : ''}`, attrs: { role: 'tab', 'aria-selected': String(state.tab === tab), 'data-tab': tab }, on: { click: () => actions.tab(tab) } },
        t(TAB_LABEL[tab]),
        tab === 'waiting' || tab === 'active' ? h('span', { class: 'count', text: String(count) }) : null,
      ),
    );
  }
  const list = h('ul', { class: 'queue-list', attrs: { 'aria-label': t(TAB_LABEL[state.tab]) } });
  const items = state.lists[state.tab];
  if (items.length === 0) list.appendChild(h('li', { class: 'empty', text: state.tab === 'waiting' ? t('emptyQueue') : '—' }));
  for (const item of items) list.appendChild(h('li', {}, queueItem(item, actions.select)));
  root.append(tabs, list);
}

function queueItem(item: Summary, select: (id: string) => void): HTMLButtonElement {
  const mood = item.mood?.label ?? 'neutral';
  return h(
    'button',
    {
      class: `queue-item priority-${item.priority}${state.selectedId === item.id ? ' selected' : ''}${item.timedOut ? ' timed-out' : ''}`,
      attrs: { 'data-conversation': item.id, 'aria-current': String(state.selectedId === item.id) },
      on: { click: () => select(item.id) },
    },
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'customer', text: shortId(item.customerId) }),
      h('span', { class: 'badge lang', text: languageBadge(item) }),
      item.priority !== 'normal' ? h('span', { class: `badge priority ${item.priority}`, text: tOr(`priority_${item.priority}`, item.priority) }) : null,
      item.mood ? h('span', { class: `badge mood ${mood}`, title: `${t('mood')}: ${item.mood.score.toFixed(2)}`, text: tOr(`mood_${mood}`, mood) }) : null,
    ),
    h('div', { class: 'preview', text: item.lastMessage?.text ?? '' }),
    h(
      'div',
      { class: 'row meta' },
      item.waitingSince
        ? h('span', { class: 'wait', text: t('waitingFor', { time: since(item.waitingSince) }) })
        : item.lastMessage
          ? h('time', { class: 'last', text: whenAt(item.lastMessage.at), attrs: { datetime: item.lastMessage.at } })
          : null,
      item.agent ? h('span', { class: 'holder', text: t('heldBy', { agent: item.agent.name }) }) : null,
      item.ticketId ? h('span', { class: 'ticket', text: t('ticketNote', { id: item.ticketId }) }) : null,
      ...item.tags.slice(0, 3).map((tag) => h('span', { class: 'tag', text: tOr(`tag_${tag}`, tag) })),
    ),
  );
}

export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 10)}…` : id;
}

/** EN, 中文, or 繁體 for a customer who reads Traditional (write to them in Traditional). */
export function languageBadge(conversation: Pick<Summary, 'language' | 'traditional'>): string {
  if (conversation.language !== 'zh') return 'EN';
  return conversation.traditional ? '繁體' : '中文';
}
