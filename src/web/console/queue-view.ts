import { h, redrawKeepingFocus } from './dom.js';
import { since, t, tOr, whenAt } from './i18n.js';
import { awaitsMyReply, type QueueTab, state, type Summary, type TicketRow, waitingLive } from './state.js';
import { isOpen } from '../../tickets/lifecycle.js';
import { TICKET_STATUSES, type TicketStatus } from '../../tickets/types.js';

const TAB_LABEL = { waiting: 'waiting', active: 'active', bot: 'recent', closed: 'closed', tickets: 'tickets' } as const;

export interface QueueActions {
  select(id: string): void;
  tab(tab: QueueTab): void;
  /** The tickets tab's filter changed: list again. */
  ticketFilter(): void;
}

/** The queue: tabs by status, each chat with language, waiting time, mood, priority and tags. */
export function renderQueue(root: HTMLElement, actions: QueueActions): void {
  redrawKeepingFocus(root, () => drawQueue(root, actions));
}

function drawQueue(root: HTMLElement, actions: QueueActions): void {
  const tabs = h('div', { class: 'tabs', attrs: { role: 'tablist' } });
  const shown: QueueTab[] = ['waiting', 'active', 'bot', 'closed', ...(state.ticketsAvailable ? (['tickets'] as const) : [])];
  // Waiting counts the customers still waiting live; the chats that became tickets, apart (+2).
  const live = state.lists.waiting.filter(waitingLive).length;
  const ticketed = state.lists.waiting.length - live;
  for (const tab of shown) {
    const count = tab === 'tickets' ? state.tickets.filter((ticket) => isOpen(ticket.status as TicketStatus)).length : tab === 'waiting' ? live : state.lists[tab].length;
    tabs.appendChild(
      h(
        'button',
        { class: `tab${state.tab === tab ? ' selected' : ''}`, attrs: { role: 'tab', 'aria-selected': String(state.tab === tab), 'data-tab': tab }, on: { click: () => actions.tab(tab) } },
        t(TAB_LABEL[tab]),
        tab === 'waiting' || tab === 'active' || (tab === 'tickets' && state.ticketFilter.status === 'unresolved') ? h('span', { class: 'count', text: String(count) }) : null,
        tab === 'waiting' && ticketed > 0 ? h('span', { class: 'count ticketed-count', text: `+${ticketed}`, attrs: { title: t('ticketedCount', { n: ticketed }), 'aria-label': t('ticketedCount', { n: ticketed }) } }) : null,
      ),
    );
  }
  if (state.tab === 'tickets') {
    root.append(tabs, ...ticketList(actions));
    return;
  }
  const list = h('ul', { class: 'queue-list', attrs: { 'aria-label': t(TAB_LABEL[state.tab]) } });
  const items = state.lists[state.tab];
  if (items.length === 0) list.appendChild(h('li', { class: 'empty', text: state.tab === 'waiting' ? t('emptyQueue') : '—' }));
  for (const [i, item] of items.entries()) {
    // The chats that became tickets come after every live one (the server's order): say where they start.
    if (item.timedOut && !items[i - 1]?.timedOut) list.appendChild(h('li', { class: 'queue-group', text: t('ticketedGroup') }));
    list.appendChild(h('li', {}, queueItem(item, actions.select)));
  }
  root.append(tabs, list);
}

/**
 * The tickets tab: unresolved tickets (or those of one status, or all) soonest due first, found
 * by number or customer; a ticket opens its conversation, whose side panel works the ticket.
 */
function ticketList(actions: QueueActions): HTMLElement[] {
  const filter = state.ticketFilter;
  const status = h('select', { attrs: { 'aria-label': t('ticketsShown'), 'data-field': 'ticket-status-filter' }, on: { change: (event: Event) => ((filter.status = (event.target as HTMLSelectElement).value), actions.ticketFilter()) } });
  for (const value of ['unresolved', ...TICKET_STATUSES, 'all']) {
    const label = value === 'unresolved' ? t('ticketsUnresolved') : value === 'all' ? t('ticketsAll') : tOr(`ticketStatus_${value}`, value);
    status.appendChild(h('option', { text: label, attrs: { value, ...(value === filter.status ? { selected: '' } : {}) } }));
  }
  const search = h('input', { attrs: { type: 'search', placeholder: t('ticketSearch'), 'aria-label': t('ticketSearch'), 'data-field': 'ticket-search' } });
  search.value = filter.search;
  search.addEventListener('input', () => {
    filter.search = search.value;
    actions.ticketFilter();
  });
  const wanted = filter.search.trim().toLowerCase();
  const rows = state.tickets.filter((ticket) => !wanted || ticket.id.toLowerCase().includes(wanted) || ticket.customerId.toLowerCase().includes(wanted));
  const list = h('ul', { class: 'queue-list', attrs: { 'aria-label': t('tickets') } });
  if (rows.length === 0) list.appendChild(h('li', { class: 'empty', text: wanted ? t('noTicketMatch') : t('noTickets') }));
  for (const ticket of rows) list.appendChild(h('li', {}, ticketItem(ticket, actions.select)));
  return [h('div', { class: 'ticket-filter' }, status, search), list];
}

function ticketItem(ticket: TicketRow, select: (id: string) => void): HTMLButtonElement {
  const open = isOpen(ticket.status as TicketStatus);
  const due = ticket.overdue ? t('ticketOverdue') : open ? t('ticketDue', { at: whenAt(ticket.dueAt) }) : '';
  return h(
    'button',
    {
      class: `queue-item ticket-item priority-${ticket.priority}${state.selectedId === ticket.conversationId ? ' selected' : ''}${ticket.overdue ? ' overdue' : ''}`,
      attrs: { 'data-ticket': ticket.id },
      on: { click: () => select(ticket.conversationId) },
    },
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'customer mono', text: ticket.id }),
      h('span', { class: `badge priority ${ticket.priority}`, text: tOr(`priority_${ticket.priority}`, ticket.priority) }),
      h('span', { class: 'badge status', text: tOr(`ticketStatus_${ticket.status}`, ticket.status) }),
    ),
    h('div', { class: 'preview', text: ticket.description.split('\n')[0] ?? '' }),
    h('div', { class: 'row meta' }, h('span', { text: [tOr(`ticketCategory_${ticket.category}`, ticket.category), due].filter(Boolean).join(' · ') }), h('span', { class: 'holder', text: shortId(ticket.customerId) })),
  );
}

function queueItem(item: Summary, select: (id: string) => void): HTMLButtonElement {
  const mood = item.mood?.label ?? 'neutral';
  const reason = item.status === 'waiting' && item.reason ? tOr(`reason_${item.reason}`, '') : '';
  const needsReply = awaitsMyReply(item);
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
      h('span', { class: 'customer', text: shortId(item.customerId), title: item.customerId }),
      h('span', { class: 'badge lang', text: languageBadge(item) }),
      item.priority !== 'normal' ? h('span', { class: `badge priority ${item.priority}`, text: tOr(`priority_${item.priority}`, item.priority) }) : null,
      item.mood ? h('span', { class: `badge mood ${mood}`, title: `${t('mood')}: ${item.mood.score.toFixed(2)}`, text: tOr(`mood_${mood}`, mood) }) : null,
      // Why the chat came to the agents, where it says more than the mood badge.
      reason ? h('span', { class: 'badge reason', text: reason }) : null,
      needsReply ? h('span', { class: 'badge needs-reply', text: t('needsReply') }) : null,
      item.customerLeft ? h('span', { class: 'badge customer-left', text: t('customerLeftBadge') }) : null,
      // Kept in the queue to be picked up, but no longer a customer watching the widget.
      item.timedOut ? h('span', { class: 'badge ticketed', title: t('turnedIntoTicketWhy'), text: item.ticketId ? t('turnedIntoTicket', { id: item.ticketId }) : t('timedOutBadge') }) : null,
    ),
    h('div', { class: 'preview', text: item.customerSaid?.text ?? item.lastMessage?.text ?? '' }),
    h(
      'div',
      { class: 'row meta' },
      item.waitingSince
        ? h('span', { class: 'wait', text: t('waitingFor', { time: since(item.waitingSince) }) }, ...timeoutNote(item))
        : item.lastMessage
          ? h('time', { class: 'last', text: whenAt(item.lastMessage.at), attrs: { datetime: item.lastMessage.at } })
          : null,
      item.agent ? h('span', { class: 'holder', text: t('heldBy', { agent: item.agent.name }) }) : null,
      item.ticketId && !item.timedOut ? h('span', { class: 'ticket', text: t('ticketNote', { id: item.ticketId }) }) : null,
      ...item.tags.slice(0, 3).map((tag) => h('span', { class: 'tag', text: tOr(`tag_${tag}`, tag) })),
    ),
  );
}

/** "· times out in 2 min" on a waiting chat, urgent in its last minute; the queue is redrawn every 15 s. */
function timeoutNote(item: Summary): (Node | string)[] {
  if (!item.timesOutAt) return [];
  const left = Date.parse(item.timesOutAt) - Date.now();
  const minutes = Math.max(0, Math.ceil(left / 60_000));
  return [' · ', h('span', { class: `timeout${left < 60_000 ? ' soon' : ''}`, text: t('timesOutIn', { n: minutes }) })];
}

export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 10)}…` : id;
}

/** EN, 中文, or 繁體 for a customer who reads Traditional (write to them in Traditional). */
export function languageBadge(conversation: Pick<Summary, 'language' | 'traditional'>): string {
  if (conversation.language !== 'zh') return 'EN';
  return conversation.traditional ? '繁體' : '中文';
}
