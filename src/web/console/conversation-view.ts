import { $, append, h, redrawKeepingFocus } from './dom.js';
import { clockTime, language, since, t, tOr } from './i18n.js';
import { languageBadge, shortId } from './queue-view.js';
import { heldByMe, type Line, senderOf, state } from './state.js';

export interface ConversationActions {
  /** Open another conversation (the customer's newer one). */
  open(id: string): void;
  claim(): void;
  release(): void;
  close(): void;
  /** Open or close the "Pass to…" menu. */
  togglePass(): void;
  /** Pass the open chat to a colleague (their id) or back to the queue (`'queue'`). */
  passTo(to: string): void;
}

/** The header: who, status, and the claim / hand back / close buttons that fit the state. */
export function renderHeader(actions: ConversationActions): void {
  const header = $('#conv-header');
  // Drawn again once a press on it is over: a redraw between the press and the release lost the click on 'Claim'.
  redrawKeepingFocus(header, () => drawHeader(header, actions));
}

function drawHeader(header: HTMLElement, actions: ConversationActions): void {
  const detail = state.detail;
  if (!detail) {
    header.appendChild(h('p', { class: 'placeholder', text: t('pickConversation') }));
    return;
  }
  const mine = heldByMe(detail);
  const rating = detail.handoff?.rating;
  const button = (label: 'claim' | 'release' | 'close', onClick: () => void, primary = false) =>
    h('button', { class: primary ? 'primary' : '', text: t(label), attrs: { type: 'button', 'data-action': label }, on: { click: onClick } });
  header.append(
    h(
      'div',
      { class: 'who' },
      h('strong', { text: `${t('customer')} ${shortId(detail.customerId)}`, title: detail.customerId }),
      h('span', { class: `badge status ${detail.status}`, text: tOr(`status_${detail.status}`, detail.status) }),
      h('span', { class: 'badge lang', text: languageBadge(detail) }),
      detail.agent ? h('span', { class: 'holder', text: t('heldBy', { agent: detail.agent.name }) }) : null,
      detail.waitingSince ? h('span', { class: 'wait', text: t('waitingFor', { time: since(detail.waitingSince) }) }) : null,
      rating ? h('span', { class: `badge rating r${rating.score}`, text: `★ ${t('rated', { score: rating.score })}`, attrs: rating.comment ? { title: rating.comment } : {} }) : null,
    ),
    ...(state.newerChatId || detail.customerLeft
      ? [
          h(
            'p',
            { class: 'newer', attrs: { role: 'status' } },
            t(detail.customerLeft ? 'customerLeft' : 'newerChat'),
            ...(state.newerChatId ? [' ', h('button', { class: 'link', text: t('openNewerChat'), attrs: { type: 'button' }, on: { click: () => actions.open(state.newerChatId!) } })] : []),
          ),
        ]
      : []),
    h(
      'div',
      { class: 'actions' },
      detail.status === 'waiting' || detail.status === 'bot' ? button('claim', actions.claim, true) : null,
      mine || (detail.status === 'active' && state.me?.role === 'admin') || detail.status === 'waiting' ? button('release', actions.release) : null,
      detail.status === 'active' && (mine || state.me?.role === 'admin') ? passControl(actions, detail.agent?.id) : null,
      detail.status !== 'closed' && (detail.status !== 'active' || mine || state.me?.role === 'admin') ? button('close', actions.close) : null,
    ),
  );
}

/** "Pass to…": the colleagues online (not the one who has the chat), then the queue. */
function passControl(actions: ConversationActions, holderId: string | undefined): HTMLElement {
  const open = state.passing !== null;
  const toggle = h('button', { text: t('passTo'), attrs: { type: 'button', 'data-action': 'pass', 'aria-haspopup': 'true', 'aria-expanded': String(open) }, on: { click: actions.togglePass } });
  if (!open) return h('div', { class: 'pass' }, toggle);
  const colleagues = state.passing!.filter((each) => each.id !== holderId);
  const choice = (label: string, to: string) => h('button', { text: label, attrs: { type: 'button', role: 'menuitem', 'data-pass-to': to }, on: { click: () => actions.passTo(to) } });
  const menu = h(
    'ul',
    { class: 'pass-menu', attrs: { role: 'menu', 'aria-label': t('passMenu') }, on: { keydown: (event: KeyboardEvent) => event.key === 'Escape' && actions.togglePass() } },
    ...(colleagues.length ? colleagues.map((each) => h('li', { attrs: { role: 'none' } }, choice(each.name, each.id))) : [h('li', { class: 'none', text: t('noColleagueOnline'), attrs: { role: 'none' } })]),
    h('li', { class: 'queue-choice', attrs: { role: 'none' } }, choice(t('passToQueue'), 'queue')),
  );
  return h('div', { class: 'pass' }, toggle, menu);
}

/** A colleague passed this agent a chat: say so above the open one, with the way there. */
export function renderNotice(open: (id: string) => void, dismiss: () => void): void {
  const notice = $('#notice');
  redrawKeepingFocus(notice, () => drawNotice(notice, open, dismiss));
}

function drawNotice(notice: HTMLElement, open: (id: string) => void, dismiss: () => void): void {
  const passed = state.passedToMe;
  notice.hidden = !passed;
  if (!passed) return;
  const here = passed.conversationId === state.selectedId;
  append(
    notice,
    h('span', { class: 'text', text: t(here ? 'passedToYouHere' : 'passedToYou', { agent: passed.by }) }),
    here ? null : h('button', { class: 'primary', text: t('openPassed'), attrs: { type: 'button' }, on: { click: () => open(passed.conversationId) } }),
    h('button', { class: 'link', text: t('dismiss'), attrs: { type: 'button' }, on: { click: dismiss } }),
  );
}

/**
 * The transcript: customer, bot, agent and system lines look different; text is only ever text.
 * It is a live region, so a screen reader reads each line added to it: new lines are appended,
 * never the whole list drawn again (that read every line out again on each live event). Another
 * chat, or the other language, gets a fresh list, whose lines are there to read, not announced.
 */
export function renderTranscript(): void {
  let list = $('#transcript');
  const stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const lines = (state.detail?.activities ?? []).filter((line) => line.type === 'message' && typeof line.text === 'string');
  const shown = [...list.children].map((item) => (item as HTMLElement).dataset.id);
  const conversation = state.detail?.id ?? '';
  const sameList = list.dataset.conversation === conversation && list.dataset.language === language() && shown.every((id, i) => lines[i]?.id === id);
  if (sameList) {
    for (const line of lines.slice(shown.length)) list.appendChild(lineItem(line));
  } else {
    const fresh = list.cloneNode(false) as HTMLElement;
    fresh.append(...lines.map(lineItem));
    fresh.dataset.conversation = conversation;
    fresh.dataset.language = language();
    list.replaceWith(fresh);
    list = fresh;
  }
  if (stickToBottom || !sameList) list.scrollTop = list.scrollHeight;
}

function lineItem(line: Line): HTMLLIElement {
  const sender = senderOf(line);
  const who = sender === 'agent' ? (line.from.name ?? t('agent')) : sender === 'customer' ? t('customer') : sender === 'bot' ? t('bot') : t('system');
  const time = clockTime(line.timestamp);
  if (sender === 'system') return h('li', { class: 'line system', attrs: { 'data-id': line.id } }, h('span', { class: 'text', text: line.text ?? '' }), h('time', { text: time }));
  return h(
    'li',
    { class: `line ${sender}`, attrs: { 'data-id': line.id } },
    h('div', { class: 'meta' }, h('span', { class: 'who', text: who }), h('time', { text: time })),
    h('div', { class: 'bubble', text: line.text ?? '' }),
  );
}

/** Add a live line unless it is there already (the feed and a reload can both bring it). */
export function addLine(line: Line): boolean {
  const detail = state.detail;
  if (!detail || detail.activities.some((each) => each.id === line.id)) return false;
  detail.activities.push(line);
  detail.activities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return true;
}

/** The composer shows only for a conversation; replying needs the claim, notes do not. */
export function renderComposer(): void {
  const composer = $<HTMLFormElement>('#composer');
  const detail = state.detail;
  composer.hidden = !detail;
  if (!detail) return;
  const mine = heldByMe(detail);
  const text = $<HTMLTextAreaElement>('#composer-text');
  composer.classList.toggle('note-mode', state.mode === 'note');
  for (const button of composer.querySelectorAll<HTMLButtonElement>('[data-mode]')) {
    button.classList.toggle('selected', button.dataset.mode === state.mode);
    button.setAttribute('aria-pressed', String(button.dataset.mode === state.mode));
  }
  // The placeholder changes with the state (it says why replying is blocked); the name stays put.
  text.setAttribute('aria-label', t(state.mode === 'note' ? 'note' : 'replyLabel'));
  const blocked = state.mode === 'reply' && !mine;
  text.disabled = blocked;
  // When replying is not possible, say why (and what would make it possible).
  const why = detail.status === 'closed' ? t('closedNoReply') : detail.status === 'active' && detail.agent ? t('heldByOther', { agent: detail.agent.name }) : t('claimFirst');
  text.placeholder = state.mode === 'note' ? t('notePlaceholder') : blocked ? why : detail.customerLeft ? t('customerLeftNoReply') : t('replyPlaceholder');
  $<HTMLButtonElement>('#composer button[type=submit]').disabled = blocked;
}

export function renderTyping(): void {
  $('#typing').hidden = Date.now() > state.typingUntil;
}
