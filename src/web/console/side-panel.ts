import { h, redrawKeepingFocus, sparkline } from './dom.js';
import { t, tOr, whenAt } from './i18n.js';
import { moodTrend, wordOf } from './mood.js';
import { shortId } from './queue-view.js';
import { state } from './state.js';
import { npsKind } from '../../analytics/stats.js';
import { isOpen, TRANSITIONS } from '../../tickets/lifecycle.js';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type TicketStatus } from '../../tickets/types.js';

/** `GET /api/customers/:id` as far as the console uses it. */
export interface CustomerView {
  id: string;
  identity?: { externalId: string; email?: string; name?: string };
  tags: { name: string; reason: string; because?: string; facts?: Record<string, string | number> }[];
  /** `choice`: a button the customer clicked, which says nothing of their mood. */
  sentiment: { rolling: number | null; history: { at: string; score: number; label: string; choice?: true }[] };
  churnRisk: { score: number; signals: { name: string; active: boolean; evidence: string; because?: { facts: Record<string, string | number> } }[] };
  tickets: TicketOfCustomer[];
  conversations: { id: string; status: string; createdAt: string; temperature?: Temperature | null }[];
  contact?: { lastAt: string | null; daysSinceLast: number | null; last30Days: number | null; total: number };
  /** Answers to "how likely are you to recommend us?" (0–10), oldest first. */
  nps?: { at: string; score: number }[];
  consent?: { profiling?: boolean };
}

/** How a conversation felt: the customer's emotion and how the service went, in one score. */
interface Temperature {
  score: number;
  label: string;
  emotion: number;
  service: number;
}

interface TicketHistoryLine {
  at: string;
  by: { kind: string; name?: string };
  action: string;
  from?: string | null;
  to?: string | null;
  text?: string;
}

type TicketOfCustomer = {
  id: string;
  status: string;
  overdue?: boolean;
  priority?: string;
  category?: string;
  description?: string;
  dueAt?: string;
  assignee?: string | null;
  resolution?: string | null;
  csat?: { score: number; comment: string | null } | null;
  history?: TicketHistoryLine[];
};

export interface SideActions {
  open(conversationId: string): void;
  /** Open the form to file a ticket from the chat; `createTicket` files what it holds. */
  startCreating(): void;
  cancelCreating(): void;
  createTicket(): void;
  setTicketStatus(ticketId: string, status: string): void;
  setTicketPriority(ticketId: string, priority: string): void;
  /** Picking "resolved" asks for the resolution first (the customer is sent it). */
  startResolving(ticketId: string): void;
  cancelResolving(): void;
  resolveTicket(): void;
  /** Picking "waiting for customer" asks what the customer should be asked first (they are sent it). */
  startAsking(ticketId: string): void;
  cancelAsking(): void;
  askCustomer(): void;
}

/** A ticket's status and the statuses it may move to from there (the others would be refused). */
const statusChoices = (status: string): string[] => [status, ...(TRANSITIONS[status as TicketStatus] ?? [])];
/** Most urgent first, as an agent picks one. */
const PRIORITIES_SHOWN = [...TICKET_PRIORITIES].reverse();

/** The side panel: profile, tickets, private notes and past conversations of the customer. */
export function renderSide(root: HTMLElement, customer: CustomerView | null, actions: SideActions): void {
  redrawKeepingFocus(root, () => {
    const detail = state.detail;
    if (!detail) return;
    root.append(profileSection(customer, detail.customerId), ticketSection(customer, actions), notesSection(), pastSection(customer, actions));
  });
}

function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'panel' }, h('h2', { text: title }), ...children);
}

function profileSection(customer: CustomerView | null, customerId: string): HTMLElement {
  if (!customer) return section(t('profile'), h('p', { class: 'muted', text: t('noProfile') }), h('p', { class: 'mono', text: customerId }));
  const identity = customer.identity;
  const risk = Math.round(customer.churnRisk.score * 100);
  return section(
    t('profile'),
    h('p', { class: 'identity' }, h('strong', { text: identity?.name ?? shortId(customer.id) }), identity?.email ? h('span', { class: 'muted', text: ` · ${identity.email}` }) : null),
    h('h3', { text: t('tags') }),
    customer.tags.length
      ? h(
          'ul',
          { class: 'tags' },
          ...customer.tags.map((tag) =>
            h('li', {}, h('span', { class: 'tag', text: tOr(`tag_${tag.name}`, tag.name) }), h('span', { class: 'reason', text: tOr(`tagWhy_${tag.because ?? tag.name}`, tag.reason, tag.facts) })),
          ),
        )
      : h('p', { class: 'muted', text: t('noTags') }),
    h('h3', { text: t('mood') }),
    ...moodLines(customer),
    contactLine(customer),
    temperatureLine(customer),
    npsLine(customer),
    h('h3', { text: t('churnRisk') }),
    h('div', { class: 'risk' }, h('div', { class: `risk-bar ${risk >= 60 ? 'high' : risk >= 30 ? 'medium' : 'low'}`, attrs: { style: `width:${Math.max(2, risk)}%` } }), h('span', { text: `${risk}%` })),
    h(
      'ul',
      { class: 'signals' },
      ...customer.churnRisk.signals
        .filter((signal) => signal.active)
        .map((signal) => h('li', { text: t('signalLine', { name: tOr(`signal_${signal.name}`, signal.name), why: tOr(`signalWhy_${signal.name}`, signal.evidence, signal.because?.facts) }) })),
    ),
  );
}

/**
 * The customer's mood in words: how they feel now (as the queue says it: the latest mood they
 * expressed in this chat) and which way it goes, over a chart of their latest messages whose
 * points are named in words for a screen reader. No scores: an agent reads "Upset ↘ getting
 * worse" at a glance, where "Sentiment trend (-0.09)" had to be worked out.
 */
function moodLines(customer: CustomerView): (Node | null)[] {
  const points = customer.sentiment.history.filter((point) => !point.choice).slice(-24);
  const now = state.detail?.mood?.label ?? points.at(-1)?.label;
  const trend = moodTrend(points.map((point) => point.score));
  const word = (label: string) => tOr(`mood_${label}`, label);
  const summary = now
    ? h(
        'p',
        { class: `mood-now ${now}` },
        h('strong', { text: tOr(`moodNow_${now}`, now) }),
        trend ? h('span', { class: `trend ${trend}` }, h('span', { class: 'arrow', text: TREND_ARROW[trend], attrs: { 'aria-hidden': 'true' } }), t(`trend_${trend}`)) : null,
      )
    : null;
  // Without the customer's consent the mood of each message is not kept: say so, rather than "no readings yet".
  if (points.length === 0) return [summary, h('p', { class: 'muted', text: customer.consent?.profiling === false ? t('noConsent') : t('noMood') })];
  return [
    summary,
    sparkline(points, t('moodChart', { n: points.length, moods: points.map((point) => word(point.label)).join(t('listSeparator')) })),
    h('p', { class: 'chart-caption muted', text: t('moodChartCaption', { n: points.length }) }),
  ];
}

const TREND_ARROW = { worsening: '↘', steady: '→', improving: '↗' } as const;

/** Recency and frequency of contact (what the bot can see of RFM). */
function contactLine(customer: CustomerView): HTMLElement | null {
  const contact = customer.contact;
  if (!contact?.lastAt) return null;
  const days = contact.daysSinceLast ?? Math.floor((Date.now() - Date.parse(contact.lastAt)) / 86_400_000);
  const when = days <= 0 ? t('contactToday') : t('contactDaysAgo', { n: days });
  // The count of recent contacts is kept only with the customer's consent: without it, it is left out, not shown as "—".
  const text = contact.last30Days === null ? t('contactLineNoRecent', { when, total: contact.total }) : t('contactLine', { when, recent: contact.last30Days, total: contact.total });
  return h('p', { class: 'contact muted', text });
}

const signed = (value: number) => `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

/**
 * The touchpoint temperature of the open conversation, and how its service went, in words (the
 * mood it also weighs is the one above); the scores are kept for whoever points at it.
 */
function temperatureLine(customer: CustomerView): HTMLElement | null {
  const temperature = customer.conversations.find((each) => each.id === state.detail?.id)?.temperature;
  if (!temperature) return null;
  const text = t('temperatureLine', { label: tOr(`temperature_${temperature.label}`, temperature.label), service: t(`service_${wordOf(temperature.service)}`) });
  const scores = t('temperatureScores', { score: signed(temperature.score), emotion: signed(temperature.emotion), service: signed(temperature.service) });
  return h('p', { class: `temperature ${temperature.label}`, text, title: scores });
}

/** The customer's latest answer to the NPS question, and what it makes them. */
function npsLine(customer: CustomerView): HTMLElement | null {
  const last = customer.nps?.at(-1);
  if (!last) return null;
  const kind = npsKind(last.score);
  return h('p', { class: `nps ${kind}`, text: t('npsLine', { score: last.score, kind: t(`nps_${kind}`) }) });
}

function ticketSection(customer: CustomerView | null, actions: SideActions): HTMLElement {
  const tickets = customer?.tickets ?? [];
  const list = tickets.length ? h('ul', { class: 'tickets' }, ...tickets.map((ticket) => ticketRow(ticket, actions))) : h('p', { class: 'muted', text: t('noTickets') });
  const draft = state.creating?.conversationId === state.detail?.id ? state.creating : null;
  const create = !state.ticketsAvailable
    ? null
    : draft
      ? createForm(draft, actions)
      : h('button', { text: t('createTicket'), attrs: { type: 'button' }, on: { click: () => actions.startCreating() } });
  const message = state.sideMessage ? h('p', { class: `side-message${state.sideMessage.error ? ' error' : ''}`, text: state.sideMessage.text, attrs: { role: state.sideMessage.error ? 'alert' : 'status' } }) : null;
  return section(t('tickets'), message, list, create);
}

/** One ticket: id, priority, category and status (both changeable), what happened, when it is due. */
function ticketRow(ticket: CustomerView['tickets'][number], actions: SideActions): HTMLElement {
  const resolving = state.resolving?.ticketId === ticket.id ? state.resolving : null;
  const asking = state.asking?.ticketId === ticket.id ? state.asking : null;
  const status = selectOf({
    label: `${ticket.id} ${t('ticketStatus')}`,
    options: statusChoices(ticket.status),
    current: resolving ? 'resolved' : asking ? 'waiting_customer' : ticket.status,
    labelOf: (value) => tOr(`ticketStatus_${value}`, value),
    // "Resolved" first asks for the resolution the customer is sent; "waiting for customer", for what to ask them.
    onChange: (value) =>
      value === 'resolved' ? actions.startResolving(ticket.id) : value === 'waiting_customer' ? actions.startAsking(ticket.id) : actions.setTicketStatus(ticket.id, value),
  });
  const priority = ticket.priority
    ? selectOf({
        label: `${ticket.id} ${t('priority')}`,
        options: PRIORITIES_SHOWN,
        current: ticket.priority,
        labelOf: (value) => tOr(`priority_${value}`, value),
        onChange: (value) => actions.setTicketPriority(ticket.id, value),
        className: `badge priority ${ticket.priority}`,
      })
    : null;
  for (const select of [status, priority]) if (select) select.disabled = !state.ticketsAvailable;
  const category = ticket.category ? tOr(`ticketCategory_${ticket.category}`, ticket.category) : '';
  const due = ticket.overdue ? t('ticketOverdue') : ticket.dueAt && isOpen(ticket.status as TicketStatus) ? t('ticketDue', { at: whenAt(ticket.dueAt) }) : '';
  const owner = ticket.assignee ? t('assignedTo', { name: ticket.assignee }) : '';
  const about = [category, due, owner].filter(Boolean).join(' · ');
  const outcome = [ticket.resolution && !isOpen(ticket.status as TicketStatus) ? t('resolvedWith', { resolution: ticket.resolution }) : '', ticket.csat ? t('ticketCsat', { score: ticket.csat.score }) : '']
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    { class: ticket.overdue ? 'overdue' : '' },
    h('div', { class: 'ticket-head' }, h('span', { class: 'mono', text: ticket.id }), priority, status),
    ticket.description ? h('div', { class: 'ticket-text', text: ticket.description, title: ticket.description }) : null,
    about ? h('div', { class: 'ticket-due muted', text: about }) : null,
    outcome ? h('div', { class: 'ticket-outcome', text: outcome }) : null,
    resolving ? resolveForm(resolving, actions) : null,
    asking ? askForm(asking, actions) : null,
    historyOf(ticket),
  );
}

/** Every step the ticket went through, who took it and when (its trace), folded away until opened. */
function historyOf(ticket: TicketOfCustomer): HTMLElement | null {
  const history = ticket.history ?? [];
  if (history.length === 0) return null;
  const details = h('details', { class: 'ticket-history', attrs: state.openHistories.has(ticket.id) ? { open: '' } : {} }, h('summary', { text: t('ticketHistory', { n: history.length }) }));
  details.addEventListener('toggle', () => (details.open ? state.openHistories.add(ticket.id) : state.openHistories.delete(ticket.id)));
  const lines = [...history].reverse().map((entry) => {
    const who = entry.by.name ?? tOr(`by_${entry.by.kind}`, entry.by.kind);
    const word = (value: string | null | undefined) => (value ? tOr(`ticketStatus_${value}`, tOr(`priority_${value}`, value)) : '—');
    // "delivery, high" on the filing line: the category and priority, in the console's language.
    const text = entry.action === 'created' ? (entry.text ?? '').split(', ').map((part) => tOr(`ticketCategory_${part}`, word(part))).join(' · ') : (entry.text ?? '');
    const what = tOr(`history_${entry.action}`, entry.action, { from: word(entry.from), to: entry.action === 'assignee' || entry.action === 'csat' || entry.action === 'nps' ? (entry.to ?? '—') : word(entry.to), text });
    return h('li', {}, h('span', { class: 'muted', text: `${whenAt(entry.at)} · ${who} · ` }), h('span', { text: what }));
  });
  details.appendChild(h('ul', {}, ...lines));
  return details;
}

/** What the customer is asked (sent to them in the chat; their answer comes back to the ticket). */
function askForm(draft: { question: string }, actions: SideActions): HTMLElement {
  const field = boundField(draft, 'question', t('question'), 'textarea', { required: '', maxlength: '2000', rows: '3' });
  return panelForm('ask ticket-form', [field], t('askCustomer'), () => draft.question.trim() !== '', actions.askCustomer, actions.cancelAsking);
}

/** A labelled select of `options` (named by `labelOf`) with `current` chosen. */
function selectOf(spec: { label: string; options: readonly string[]; current: string; labelOf: (value: string) => string; onChange: (value: string) => void; className?: string }): HTMLSelectElement {
  const select = h('select', {
    ...(spec.className ? { class: spec.className } : {}),
    attrs: { 'aria-label': spec.label, 'data-field': spec.label },
    on: { change: (event: Event) => spec.onChange((event.target as HTMLSelectElement).value) },
  });
  for (const value of spec.options) select.appendChild(h('option', { text: value ? spec.labelOf(value) : t('auto'), attrs: { value, ...(value === spec.current ? { selected: '' } : {}) } }));
  return select;
}

/** A select for the create form whose first option leaves the choice to the ticket service ("automatic"). */
function choice(label: string, value: string, options: string[], labelOf: (option: string) => string, onChange: (value: string) => void): HTMLElement {
  return h('label', {}, h('span', { text: label }), selectOf({ label, options: ['', ...options], current: value, labelOf, onChange }));
}

/** Filing a ticket from the chat: what happened (the customer's last lines, editable), priority and category. */
function createForm(draft: { description: string; priority: string; category: string }, actions: SideActions): HTMLElement {
  const choices = h(
    'div',
    { class: 'row' },
    choice(t('priority'), draft.priority, PRIORITIES_SHOWN, (priority) => tOr(`priority_${priority}`, priority), (value) => (draft.priority = value)),
    choice(t('category'), draft.category, [...TICKET_CATEGORIES], (category) => tOr(`ticketCategory_${category}`, category), (value) => (draft.category = value)),
  );
  const description = boundField(draft, 'description', t('ticketDescription'), 'textarea', { required: '', maxlength: '4000', rows: '4' });
  return panelForm('ticket-form', [description, choices], t('fileTicket'), () => draft.description.trim() !== '', actions.createTicket, actions.cancelCreating);
}

/** The resolution (sent to the customer with the CSAT question) and the root cause (kept on the ticket). */
function resolveForm(draft: { resolution: string; rootCause: string }, actions: SideActions): HTMLElement {
  const fields = [
    boundField(draft, 'resolution', t('resolution'), 'textarea', { required: '', maxlength: '4000', rows: '3' }),
    boundField(draft, 'rootCause', t('rootCause'), 'input', { maxlength: '2000' }),
  ];
  return panelForm('resolve ticket-form', fields, t('resolve'), () => draft.resolution.trim() !== '', actions.resolveTicket, actions.cancelResolving);
}

/** A labelled text field bound to `draft[key]`: what is typed lives in the draft, so a live redraw keeps it. */
function boundField<K extends string>(draft: Record<K, string>, key: K, label: string, tag: 'textarea' | 'input', attrs: Record<string, string>): HTMLElement {
  const field = h(tag, { attrs: { ...attrs, 'aria-label': label, 'data-field': key } });
  field.value = draft[key];
  field.addEventListener('input', () => (draft[key] = field.value));
  return h('label', {}, h('span', { text: label }), field);
}

/** A side-panel form: its fields, then submit (when `ready`) and cancel. */
function panelForm(className: string, fields: Node[], submitLabel: string, ready: () => boolean, submit: () => void, cancel: () => void): HTMLElement {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (ready()) submit();
  };
  const buttons = h('div', { class: 'row' }, h('button', { class: 'primary', text: submitLabel, attrs: { type: 'submit' } }), h('button', { text: t('cancel'), attrs: { type: 'button' }, on: { click: () => cancel() } }));
  return h('form', { class: className, on: { submit: onSubmit } }, ...fields, buttons);
}

function notesSection(): HTMLElement {
  const notes = state.detail?.notes ?? [];
  return section(
    t('notes'),
    notes.length
      ? h('ul', { class: 'notes' }, ...notes.map((note) => h('li', {}, h('div', { class: 'muted', text: `${note.agentName} · ${whenAt(note.at)}` }), h('div', { text: note.text }))))
      : h('p', { class: 'muted', text: t('noNotes') }),
  );
}

function pastSection(customer: CustomerView | null, actions: SideActions): HTMLElement {
  const past = (customer?.conversations ?? []).filter((each) => each.id !== state.detail?.id).slice(-8).reverse();
  return section(
    t('pastConversations'),
    past.length
      ? h('ul', { class: 'past' }, ...past.map((each) => h('li', {}, h('button', { class: 'link', text: [whenAt(each.createdAt), tOr(`status_${each.status}`, each.status), each.temperature ? tOr(`temperature_${each.temperature.label}`, each.temperature.label) : ''].filter(Boolean).join(' · '), attrs: { type: 'button' }, on: { click: () => actions.open(each.id) } }))))
      : h('p', { class: 'muted', text: '—' }),
  );
}
