/**
 * The agent console (`/agent`): sign in, the live queue, a conversation with its composer,
 * and the customer's side panel. Plain DOM; every customer text is set as textContent.
 */
import { api, optional } from './api.js';
import { addLine, renderComposer, renderHeader, renderNotice, renderTranscript, renderTyping } from './conversation-view.js';
import { $ } from './dom.js';
import { bindCannedReplies } from './canned.js';
import { language, setLanguage, t, type UiLanguage } from './i18n.js';
import { connectLive, notifyCustomerWrote, notifyNewChat, updateTitle, watchConversation } from './live.js';
import { type QueueActions, renderQueue } from './queue-view.js';
import { type CustomerView, renderSide } from './side-panel.js';
import { type Detail, heldByMe, type Line, type QueueTab, senderOf, state, type Summary, type TicketRow } from './state.js';
import { ApiError, errorText } from '../shared/api.js';

let customer: CustomerView | null = null;
let stopLive: (() => void) | null = null;
let stopWatching: (() => void) | null = null;
let listsLoaded = false;

const debounce = (fn: () => void, ms: number) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
};

function hint(text: string, isError = false): void {
  const element = $('#composer-hint');
  element.textContent = text;
  element.classList.toggle('error', isError);
}

const failed = (error: unknown) => hint(t('error', { message: errorText(error, language()) }), true);

/** A ticket action's failure, as the side panel shows it beside the tickets. */
const failure = (error: unknown) => ({ text: errorText(error, language()), error: true });
function sideFailed(error: unknown): void {
  state.sideMessage = failure(error);
  redrawSide();
}

// ── views ──────────────────────────────────────────────────────────────────────────────
function applyStaticText(): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset.i18n as never);
  for (const element of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) element.placeholder = t(element.dataset.i18nPlaceholder as never);
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel as never));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  const presence = $('#presence');
  presence.textContent = !state.me ? '' : state.feedDown ? t('reconnecting') : t(state.agentsOnline === 1 ? 'agentOnline' : 'agentsOnline', { n: state.agentsOnline });
  presence.classList.toggle('down', !!state.me && state.feedDown);
  updateTitle();
}

const queueActions: QueueActions = {
  select: (id: string) => void select(id),
  tab: (tab: QueueTab) => {
    state.tab = tab;
    localStorage.setItem('parley.console.tab', tab);
    renderQueue($('#queue'), queueActions);
    if (tab === 'tickets') refreshTickets();
  },
  ticketFilter: () => (state.ticketFilter.search.trim() ? renderQueue($('#queue'), queueActions) : refreshTickets()),
};
const conversationActions = {
  open: (id: string) => void select(id),
  claim: () => void act('claim'),
  release: () => void act('release'),
  close: () => void act('close'),
  togglePass: () => void togglePass(),
  passTo: (to: string) => void passTo(to),
};
const sideActions = {
  open: (id: string) => void select(id),
  startCreating: () => startCreating(),
  cancelCreating: () => ((state.creating = null), redrawSide()),
  createTicket: () => void createTicket(),
  setTicketStatus: (id: string, status: string) => void changeTicket(id, { status }),
  setTicketPriority: (id: string, priority: string) => void changeTicket(id, { priority }),
  startResolving: (ticketId: string) => ((state.resolving = { ticketId, resolution: '', rootCause: '' }), redrawSide()),
  cancelResolving: () => ((state.resolving = null), redrawSide()),
  resolveTicket: () => void resolveTicket(),
  startAsking: (ticketId: string) => ((state.asking = { ticketId, question: '' }), redrawSide()),
  cancelAsking: () => ((state.asking = null), redrawSide()),
  askCustomer: () => void askCustomer(),
};

/** The side panel, drawn again from the state (drafts and the field being typed in survive). */
function redrawSide(): void {
  renderSide($('#side'), customer, sideActions);
}

/** The notice of a chat passed to this agent: opening it goes to the Active tab, where it now is. */
function drawNotice(): void {
  renderNotice(
    (id) => {
      state.passedToMe = null;
      queueActions.tab('active');
      void select(id);
    },
    () => ((state.passedToMe = null), drawNotice()),
  );
}

function renderConversation(): void {
  drawNotice();
  renderHeader(conversationActions);
  // The composer first: showing it shortens the transcript, which then scrolls to its last line.
  renderComposer();
  renderTranscript();
  renderTyping();
  redrawSide();
}

function renderAll(): void {
  applyStaticText();
  renderQueue($('#queue'), queueActions);
  renderConversation();
}

// ── data ───────────────────────────────────────────────────────────────────────────────
async function loadLists(): Promise<void> {
  const tabs = ['waiting', 'active', 'bot', 'closed'] as const;
  const lists = await Promise.all(tabs.map((status) => api<{ conversations: Summary[] }>('GET', `/conversations?status=${status}`)));
  tabs.forEach((tab, i) => (state.lists[tab] = lists[i]!.conversations));
  const fresh = state.lists.waiting.filter((item) => !state.knownWaiting.has(item.id));
  for (const item of fresh) state.knownWaiting.add(item.id);
  if (fresh.length > 0 && listsLoaded) notifyNewChat();
  listsLoaded = true;
  renderQueue($('#queue'), queueActions);
  updateTitle();
  followLanguage();
}

/**
 * The open chat's language as the queue has it now: a customer who asked for a person in English
 * and goes on in Chinese is marked 中文 above the chat, and the canned replies come in Chinese, at
 * once (they followed only when the chat was opened again).
 */
function followLanguage(): void {
  const detail = state.detail;
  const listed = detail && Object.values(state.lists).flat().find((item) => item.id === detail.id);
  if (!detail || !listed || (listed.language === detail.language && listed.traditional === detail.traditional)) return;
  detail.language = listed.language;
  detail.traditional = listed.traditional;
  renderHeader(conversationActions);
}
const refreshLists = debounce(() => void loadLists().catch(failed), 150);

/** The tickets tab's list, by the status chosen ('all': every ticket). */
async function loadTickets(): Promise<void> {
  if (!state.ticketsAvailable) return;
  const { status } = state.ticketFilter;
  state.tickets = (await api<{ tickets: TicketRow[] }>('GET', `/tickets${status === 'all' ? '' : `?status=${encodeURIComponent(status)}`}`)).tickets;
  renderQueue($('#queue'), queueActions);
}
const refreshTickets = debounce(() => void loadTickets().catch(failed), 150);

/** How many lines the chat shown had when the server read it: its live stream follows from there. */
let detailStored = 0;
/** Loads of the open chat, numbered, and the number of the one shown. */
let detailLoads = 0;
let detailShown = 0;

/**
 * The open chat as the server has it now. The lines shown live while it loaded came after the
 * server read it: they stay (a customer's line that came during a reload, the agent claiming the
 * chat say, was taken off the screen by it, and no stream sent it again). A load that arrives
 * after the agent opened another chat, or after a later load was shown, is dropped: it put the
 * other customer's chat under this one's selection (the composer sending here), or the chat as
 * it was before a claim.
 */
async function loadDetail(): Promise<void> {
  const id = state.selectedId;
  if (!id) return;
  const load = (detailLoads += 1);
  const detail = await api<Detail>('GET', `/conversations/${encodeURIComponent(id)}`);
  if (id !== state.selectedId || load < detailShown) return;
  detailShown = load;
  const shown = state.detail;
  detailStored = detail.activities.length;
  state.detail = detail;
  if (shown?.id === detail.id) for (const line of shown.activities) addLine(line);
  renderConversation();
}

async function loadCustomer(): Promise<void> {
  const id = state.detail?.customerId;
  customer = id ? ((await optional<CustomerView>('GET', `/customers/${encodeURIComponent(id)}`)) ?? null) : null;
  // Opened from the customer's history while they wait in a newer chat: say so, with the way there.
  // A customer who left this chat for a new one is most likely with the bot there.
  const openedAt = state.detail?.createdAt ?? '';
  const followed = state.detail?.customerLeft ? ['waiting', 'active', 'bot'] : ['waiting', 'active'];
  const newer = customer?.conversations
    .filter((each) => each.id !== state.detail?.id && each.createdAt > openedAt && followed.includes(each.status))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if ((newer?.id ?? null) !== state.newerChatId) {
    state.newerChatId = newer?.id ?? null;
    renderHeader(conversationActions);
  }
  redrawSide();
}
const refreshCustomer = debounce(() => void loadCustomer().catch(failed), 300);

/** New lines of conversation `id`, from the main feed or its own stream: shown if it is the chat on screen. */
function showLines(id: string, lines: Line[]): void {
  if (state.detail?.id !== id) return;
  const added = lines.filter(addLine);
  if (added.length === 0) return;
  if (added.some((line) => senderOf(line) === 'customer')) state.typingUntil = 0;
  renderTranscript();
  renderTyping();
}

/** Follow the open conversation's new lines, whoever has it: the bot's chats change too. */
function watchSelected(): void {
  stopWatching?.();
  stopWatching = null;
  const detail = state.detail;
  if (detail && detail.id === state.selectedId) stopWatching = watchConversation(detail.id, detailStored, (lines) => showLines(detail.id, lines));
}

/** Keep what was typed for the conversation being left, and bring back the one being opened's. */
function switchDraft(from: string | null, to: string): void {
  if (from === to) return;
  const box = $<HTMLTextAreaElement>('#composer-text');
  if (from && box.value.trim()) state.drafts.set(from, { text: box.value, mode: state.mode });
  else if (from) state.drafts.delete(from);
  const draft = state.drafts.get(to);
  box.value = draft?.text ?? '';
  state.mode = draft?.mode ?? 'reply';
}

/**
 * The drafts, the open chat's included, kept in this tab's session storage: reloading the
 * console mid-chat (or the page being reloaded for the agent) does not lose a half-written
 * reply. Signing out empties it; closing the tab drops it.
 */
const DRAFTS_KEY = 'parley.console.drafts';
/**
 * A reply or note on its way is left out of what is stored from the moment Enter is pressed: a
 * reload before the server answers must not bring it back to be sent twice (a failed send is
 * stored again).
 */
function keepDrafts(): void {
  const all = new Map(state.drafts);
  const box = $<HTMLTextAreaElement>('#composer-text');
  if (state.selectedId && box.value.trim()) all.set(state.selectedId, { text: box.value, mode: state.mode });
  else if (state.selectedId) all.delete(state.selectedId);
  for (const { conversationId, typed } of sending.values()) {
    const kept = all.get(conversationId);
    const rest = kept ? withoutSent(kept.text, typed) : '';
    if (kept && rest.trim()) all.set(conversationId, { ...kept, text: rest });
    else all.delete(conversationId);
  }
  try {
    if (all.size) sessionStorage.setItem(DRAFTS_KEY, JSON.stringify([...all]));
    else sessionStorage.removeItem(DRAFTS_KEY);
  } catch {
    // Storage full or blocked: drafts still live for this page.
  }
}
function restoreDrafts(): void {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(DRAFTS_KEY) ?? '[]');
    if (!Array.isArray(saved)) return;
    for (const entry of saved) {
      const [id, draft] = Array.isArray(entry) ? (entry as [unknown, { text?: unknown; mode?: unknown } | null]) : [];
      if (typeof id === 'string' && typeof draft?.text === 'string') state.drafts.set(id, { text: draft.text, mode: draft.mode === 'note' ? 'note' : 'reply' });
    }
  } catch {
    // A damaged entry: start without drafts.
  }
}

async function select(id: string): Promise<void> {
  switchDraft(state.selectedId, id);
  if (state.selectedId !== id) {
    state.sideMessage = null;
    state.newerChatId = null;
  }
  state.selectedId = id;
  state.typingUntil = 0;
  state.passing = null;
  history.replaceState(null, '', `#${id}`);
  renderQueue($('#queue'), queueActions);
  hint('');
  try {
    await loadDetail();
    watchSelected();
    await loadCustomer();
  } catch (error) {
    failed(error);
  }
}

// ── actions ────────────────────────────────────────────────────────────────────────────
async function act(action: 'claim' | 'release' | 'close'): Promise<void> {
  if (!state.selectedId) return;
  // Closing ends the customer's chat (a waiting customer loses their place): ask first.
  if (action === 'close' && !window.confirm(t('confirmClose'))) return;
  try {
    await api('POST', `/conversations/${encodeURIComponent(state.selectedId)}/${action}`);
    hint('');
    await loadDetail();
    if (action === 'claim') $<HTMLTextAreaElement>('#composer-text').focus();
  } catch (error) {
    await loadDetail().catch(() => undefined);
    // A colleague claimed it a moment before: nothing went wrong; say who has it.
    const holder = state.detail?.agent?.name;
    if (action === 'claim' && error instanceof ApiError && error.code === 'already_claimed' && holder) hint(t('claimedFirst', { agent: holder }));
    else failed(error);
  }
  refreshLists();
}

/** The agents and admins with a console open: whom a chat can be passed to. */
const colleaguesOnline = async () => (await api<{ agents: { id: string; name: string }[] }>('GET', '/agents/online')).agents;

/** Open the "Pass to…" menu with the colleagues online now (or close it). */
async function togglePass(): Promise<void> {
  if (state.passing) {
    state.passing = null;
    renderHeader(conversationActions);
    $<HTMLButtonElement>('[data-action="pass"]').focus();
    return;
  }
  try {
    state.passing = await colleaguesOnline();
    renderHeader(conversationActions);
    document.querySelector<HTMLButtonElement>('.pass-menu button')?.focus();
  } catch (error) {
    failed(error);
  }
}

/** The open "Pass to…" menu with the colleagues online now, keeping the keyboard on the entry it was on. */
async function refreshPassMenu(): Promise<void> {
  const agents = await colleaguesOnline().catch(() => undefined);
  if (!agents || !state.passing) return;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.passTo : undefined;
  state.passing = agents;
  renderHeader(conversationActions);
  if (focused) document.querySelector<HTMLButtonElement>(`.pass-menu [data-pass-to="${CSS.escape(focused)}"]`)?.focus();
}

/** Pass the open chat to a colleague, or back to the queue. */
async function passTo(to: string): Promise<void> {
  if (!state.selectedId) return;
  state.passing = null;
  try {
    await api('POST', `/conversations/${encodeURIComponent(state.selectedId)}/transfer`, { to });
    hint('');
  } catch (error) {
    failed(error);
  }
  await loadDetail().catch(() => undefined);
  refreshLists();
}

/**
 * The composer holds what the API takes (4000 characters): a longer paste is cut by the browser
 * without a word, and the agent would send half a text thinking it whole. Say so while it is at the limit.
 */
function sayWhenCut(): void {
  const box = $<HTMLTextAreaElement>('#composer-text');
  const cut = t('tooLong', { n: box.maxLength });
  const shown = $('#composer-hint').textContent;
  if (box.value.length >= box.maxLength) hint(cut);
  else if (shown === cut) hint('');
}

/** What is left of a draft once `typed` was sent from it: what was typed after it. */
const withoutSent = (draft: string, typed: string) => (draft.startsWith(typed) ? draft.slice(typed.length).trimStart() : draft);

/** Replies and notes on their way, by chat and text: Enter pressed again before the answer sends nothing twice. */
const sending = new Map<string, { conversationId: string; typed: string }>();
/**
 * The page is going away (a reload, signing in again): a send it cuts off may well have reached
 * the customer, so it is not stored as a draft again. (One that had not is lost; the transcript,
 * reloaded, shows it missing.)
 */
let leaving = false;
for (const event of ['beforeunload', 'pagehide']) window.addEventListener(event, () => (leaving = true));
window.addEventListener('pageshow', () => (leaving = false));

async function submitComposer(): Promise<void> {
  const box = $<HTMLTextAreaElement>('#composer-text');
  const typed = box.value;
  const text = typed.trim();
  // The chat and the mode are those of the moment Enter was pressed: the agent may open another
  // chat while the reply is on its way, and it must neither show there nor take that chat's draft.
  const conversationId = state.selectedId;
  const mode = state.mode;
  if (!text || !conversationId) return;
  const key = `${conversationId}\n${typed}`;
  if (sending.has(key)) return;
  sending.set(key, { conversationId, typed });
  keepDrafts();
  const id = encodeURIComponent(conversationId);
  try {
    if (mode === 'reply') {
      const { activity } = await api('POST', `/conversations/${id}/messages`, { text });
      if (state.detail?.id === conversationId && addLine(activity)) renderTranscript();
    } else {
      const { note } = await api('POST', `/conversations/${id}/notes`, { text });
      if (state.detail?.id === conversationId) {
        state.detail.notes.push(note);
        redrawSide();
      }
    }
    // What was sent leaves the composer; what was typed after it stays, in whichever chat it is.
    if (state.selectedId === conversationId) box.value = withoutSent(box.value, typed);
    const kept = state.drafts.get(conversationId);
    const rest = kept ? withoutSent(kept.text, typed) : '';
    if (kept && rest.trim()) state.drafts.set(conversationId, { ...kept, text: rest });
    else state.drafts.delete(conversationId);
    keepDrafts();
    if (state.selectedId === conversationId) hint('');
  } catch (error) {
    if (leaving) return;
    sending.delete(key);
    keepDrafts();
    failed(error);
  } finally {
    sending.delete(key);
  }
}

/** A ticket's description is at most this long (the API's limit). */
const DESCRIPTION_MAX = 4000;

/**
 * The form starts from the customer's last five lines (their latest words, within the limit), which
 * the agent may edit; a line that is only a button's title the bot offered ("Talk to a human",
 * 「与订单无关」) says nothing of the problem and is left out.
 */
function startCreating(): void {
  const detail = state.detail;
  if (!detail) return;
  const offered = new Set<string>();
  const said: string[] = [];
  for (const line of detail.activities) {
    for (const action of line.suggestedActions?.actions ?? []) if (action.title) offered.add(action.title.trim());
    const text = line.text?.trim() ?? '';
    if (senderOf(line) === 'customer' && text && !offered.has(text)) said.push(text);
  }
  const text = said.slice(-5).join('\n');
  const description = text.length > DESCRIPTION_MAX ? `…${text.slice(-(DESCRIPTION_MAX - 1))}` : text;
  state.creating = { conversationId: detail.id, description, priority: '', category: '' };
  state.sideMessage = null;
  redrawSide();
}

async function createTicket(): Promise<void> {
  const draft = state.creating;
  if (!draft) return;
  try {
    const body = { conversationId: draft.conversationId, description: draft.description.trim(), ...(draft.priority ? { priority: draft.priority } : {}), ...(draft.category ? { category: draft.category } : {}) };
    const created = await api<{ id: string }>('POST', '/tickets', body);
    state.creating = null;
    state.sideMessage = { text: t('ticketCreated', { id: created?.id ?? '' }), error: false };
    await loadCustomer();
  } catch (error) {
    sideFailed(error);
  }
}

async function resolveTicket(): Promise<void> {
  const draft = state.resolving;
  if (!draft) return;
  const rootCause = draft.rootCause.trim();
  try {
    await api('PATCH', `/tickets/${encodeURIComponent(draft.ticketId)}`, { status: 'resolved', resolution: draft.resolution.trim(), ...(rootCause ? { rootCause } : {}) });
    state.resolving = null;
    state.sideMessage = null;
    await loadCustomer();
  } catch (error) {
    sideFailed(error);
  }
}

async function askCustomer(): Promise<void> {
  const draft = state.asking;
  if (!draft) return;
  try {
    await api('PATCH', `/tickets/${encodeURIComponent(draft.ticketId)}`, { status: 'waiting_customer', question: draft.question.trim() });
    state.asking = null;
    state.sideMessage = null;
    await loadCustomer();
  } catch (error) {
    sideFailed(error);
  }
}

/** A change to a ticket; the panel shows the ticket as stored afterwards (also when refused). */
async function changeTicket(ticketId: string, change: { status?: string; priority?: string }): Promise<void> {
  try {
    await api('PATCH', `/tickets/${encodeURIComponent(ticketId)}`, change);
    state.sideMessage = null;
    await loadCustomer();
  } catch (error) {
    state.sideMessage = failure(error);
    await loadCustomer().catch(() => redrawSide());
  }
}

// ── live feed ──────────────────────────────────────────────────────────────────────────
function goLive(): void {
  stopLive?.();
  stopLive = connectLive({
    hello: ({ agentsOnline }) => {
      state.agentsOnline = agentsOnline;
      state.feedDown = false;
      applyStaticText();
      // After a reconnect, catch up on what the feed missed; an error from while it was away is over.
      hint('');
      refreshLists();
      if (state.selectedId) void loadDetail().catch(failed);
    },
    queue: ({ conversationId, event, toAgentId, byAgentId, byAgentName }) => {
      if (event === 'handoff.transferred' && toAgentId && toAgentId === state.me?.id && byAgentId !== state.me.id) {
        state.passedToMe = { conversationId, by: byAgentName ?? '' };
        drawNotice();
        notifyCustomerWrote();
      }
      refreshLists();
      if (conversationId !== state.selectedId) return;
      // The customer left for a new chat (or came back): the header offers the way there, which the profile knows.
      if (event === 'handoff.customerLeft' || event === 'handoff.customerReturned') void loadDetail().then(loadCustomer).catch(failed);
      else void loadDetail().catch(failed);
    },
    activity: ({ conversationId, activity }) => {
      if (conversationId === state.selectedId) showLines(conversationId, [activity]);
      else if (senderOf(activity) === 'customer' && state.lists.active.some((item) => item.id === conversationId && heldByMe(item))) notifyCustomerWrote();
      refreshLists();
    },
    typing: ({ conversationId }) => {
      if (conversationId !== state.selectedId) return;
      state.typingUntil = Date.now() + 4000;
      renderTyping();
      setTimeout(renderTyping, 4100);
    },
    customer: ({ conversationId }) => {
      if (conversationId === state.selectedId) refreshCustomer();
      refreshLists();
    },
    // A ticket filed or changed (by anyone): the list, and the open chat's side panel if it is its.
    ticket: ({ conversationId }) => {
      if (conversationId === state.selectedId) refreshCustomer();
      refreshTickets();
    },
    presence: ({ agentsOnline }) => {
      state.agentsOnline = agentsOnline;
      applyStaticText();
      // An open "Pass to…" menu follows the colleagues who come and go.
      if (state.passing) void refreshPassMenu();
    },
    signedOut: () => showLogin(t('signedOut')),
    lost: () => {
      state.feedDown = true;
      applyStaticText();
    },
  });
}

// ── session ────────────────────────────────────────────────────────────────────────────
/**
 * Nothing of the agent who leaves stays for whoever sits down next at the desk: not the
 * password in the sign-in form (one click signed them back in), not what they had typed in a
 * chat or in a ticket form (it sat in the composer, in its mode, ready to go out under the
 * next agent's name).
 */
function forgetAgent(): void {
  $<HTMLInputElement>('#login-form input[name=password]').value = '';
  $<HTMLTextAreaElement>('#composer-text').value = '';
  state.drafts.clear();
  sessionStorage.removeItem(DRAFTS_KEY);
  state.mode = 'reply';
  state.creating = null;
  state.resolving = null;
  state.asking = null;
  state.sideMessage = null;
  state.passing = null;
  state.passedToMe = null;
  // Nor the chat they had open (its transcript and customer stay out of the hidden page).
  state.selectedId = null;
  state.detail = null;
  customer = null;
}

function showLogin(message = ''): void {
  stopLive?.();
  stopLive = null;
  stopWatching?.();
  stopWatching = null;
  state.me = null;
  forgetAgent();
  renderConversation();
  $('#app-view').hidden = true;
  $('#login-view').hidden = false;
  $('#logout').hidden = true;
  $('#me').textContent = '';
  $('#login-error').textContent = message;
  applyStaticText();
  $<HTMLInputElement>('#login-form input[name=email]').focus();
}

async function signedIn(user: NonNullable<typeof state.me>): Promise<void> {
  state.me = user;
  // The password is not kept in the page (hidden) for the whole shift.
  $<HTMLInputElement>('#login-form input[name=password]').value = '';
  $('#login-view').hidden = true;
  $('#app-view').hidden = false;
  $('#logout').hidden = false;
  $('#me').textContent = user.name;
  state.ticketsAvailable = (await optional('GET', '/tickets?status=open').catch(() => undefined)) !== undefined;
  await Promise.all([loadLists(), loadTickets()]);
  goLive();
  renderAll();
  const wanted = location.hash.slice(1);
  if (wanted) await select(wanted);
}

function bindStatic(): void {
  $<HTMLFormElement>('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      const { user } = await api('POST', '/auth/login', { email: form.get('email'), password: form.get('password') });
      await signedIn(user);
    } catch (error) {
      $('#login-error').textContent = errorText(error, language());
    }
  });
  $('#logout').addEventListener('click', async () => {
    // Signing out puts the chats the agent holds back in the queue: say so first. Asked of the
    // server, not the Active list, which a claim a moment ago may not have reached yet.
    const active = await api<{ conversations: Summary[] }>('GET', '/conversations?status=active').then(
      ({ conversations }) => conversations,
      () => state.lists.active,
    );
    const held = active.filter(heldByMe).length;
    if (held > 0) {
      // With no colleague online the chats cannot wait for one: they become tickets at once.
      const online = await colleaguesOnline().catch(() => undefined);
      const alone = online !== undefined && !online.some((each) => each.id !== state.me?.id);
      const question = alone ? (held === 1 ? t('signOutHoldingOneAlone') : t('signOutHoldingAlone', { n: held })) : held === 1 ? t('signOutHoldingOne') : t('signOutHolding', { n: held });
      if (!window.confirm(question)) return;
    }
    stopLive?.();
    await api('POST', '/auth/logout').catch(() => undefined);
    showLogin();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      setLanguage(button.dataset.lang as UiLanguage);
      renderAll();
    });
  }
  const sound = $<HTMLInputElement>('#sound');
  sound.checked = state.sound;
  sound.addEventListener('change', () => {
    state.sound = sound.checked;
    localStorage.setItem('parley.console.sound', sound.checked ? 'on' : 'off');
  });
  const composer = $<HTMLFormElement>('#composer');
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitComposer();
  });
  $<HTMLTextAreaElement>('#composer-text').addEventListener('input', keepDrafts);
  $<HTMLTextAreaElement>('#composer-text').addEventListener('input', sayWhenCut);
  $<HTMLTextAreaElement>('#composer-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  for (const button of composer.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
    button.addEventListener('click', () => {
      state.mode = button.dataset.mode as 'reply' | 'note';
      keepDrafts();
      renderComposer();
      $<HTMLTextAreaElement>('#composer-text').focus();
    });
  }
  bindCannedReplies();
  // A click anywhere else closes the "Pass to…" menu, as menus do.
  document.addEventListener('click', (event) => {
    if (state.passing && !(event.target instanceof Element && event.target.closest('.pass'))) {
      state.passing = null;
      renderHeader(conversationActions);
    }
  });
  // Waiting times and time-outs move on by themselves, in the queue and in the open chat's header.
  setInterval(() => {
    if (!state.me) return;
    renderQueue($('#queue'), queueActions);
    if (state.detail?.waitingSince) renderHeader(conversationActions);
  }, 15_000);
}

async function start(): Promise<void> {
  setLanguage(language());
  restoreDrafts();
  bindStatic();
  try {
    const { user } = await api('GET', '/auth/me');
    await signedIn(user);
  } catch {
    showLogin();
  }
}

void start();
