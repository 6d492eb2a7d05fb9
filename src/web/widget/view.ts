/**
 * The widget's DOM: a launcher button and the chat panel, inside a shadow root. It knows how
 * things look and which control was used; what to do about it is the controller's business.
 */
import type { Team } from './connection.js';
import type { Palette } from './contrast.js';
import { h, icon, ICONS, safeUrl } from './dom.js';
import { avatar, type Delivery, feedbackButtons, messageRow, type MessageContext, showDelivery } from './messages.js';
import type { WidgetOptions } from './options.js';
import { CSS } from './styles.js';
import { localeOf } from './strings.js';
import type { Activity, Sender } from './types.js';

export interface ViewEvents {
  toggle(open: boolean): void;
  send(text: string): void;
  input(text: string): void;
  quickReply(value: string): void;
  retry(cid: string): void;
  feedback(activityId: string, helpful: boolean): void;
  consent(given: boolean): void;
  sound(on: boolean): void;
  restart(): void;
}

export type Status = 'idle' | 'connecting' | 'unreachable' | 'online' | 'offline';
/** The longest message the composer takes, in characters (well inside the server's 10 KB). */
const MAX_MESSAGE = 2000;
/** Who answers the customer's messages now (see `setPeople`). */
export type People = 'bot' | 'waiting' | 'kept' | 'agent';

export class ChatView {
  readonly host = document.createElement('parley-chat');
  private readonly root: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  private readonly status = h('p');
  private readonly banner: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly log: HTMLElement;
  private readonly typing = h('div', { class: 'typing', hidden: true, 'aria-hidden': 'true' }, h('i'), h('i'), h('i'));
  private readonly replies: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly consent: HTMLInputElement;
  private readonly sound: HTMLButtonElement;
  private unread = 0;

  constructor(
    private readonly options: WidgetOptions,
    private readonly context: MessageContext,
    palette: Palette,
    state: { draft: string; consent: boolean; sound: boolean },
    private readonly on: ViewEvents,
  ) {
    const { t } = context;
    const shadow = this.host.attachShadow({ mode: 'open' });
    for (const [name, value] of [['--pa', palette.accent], ['--pt', palette.onAccent], ['--pi', palette.ink]] as const) this.host.style.setProperty(name, value);
    this.adoptStyles(shadow);

    this.sound = h('button', { type: 'button', class: 'ib', 'aria-pressed': String(state.sound), 'aria-label': t.sound, title: t.sound }, icon(ICONS.bell));
    this.sound.addEventListener('click', () => {
      const on = this.sound.getAttribute('aria-pressed') !== 'true';
      this.sound.setAttribute('aria-pressed', String(on));
      this.on.sound(on);
    });
    const close = h('button', { type: 'button', class: 'ib', 'aria-label': t.close, title: t.close }, icon(ICONS.close));
    close.addEventListener('click', () => this.on.toggle(false));
    const title = options.title ?? t.title;
    const header = h('header', null, avatar(title, options.avatarUrl), h('div', { class: 'ht' }, h('h2', { id: 'pt' }, title), this.status), this.sound, close);
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    // Each message is read out once, when it is added; changes inside a message are not news.
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.log });
    this.scroller = h('div', { class: 'scroll', tabindex: '0', 'aria-label': t.log }, this.log, this.typing);
    this.replies = h('div', { class: 'qr', role: 'group', 'aria-label': t.replies });
    this.input = this.composer(state.draft);
    const send = h('button', { type: 'submit', class: 'send', 'aria-label': t.send, title: t.send }, icon(ICONS.send));
    const form = h('form', null, h('label', { class: 'sr', for: 'pm' }, t.message), this.input, send);
    // At the length limit the rest of a paste is cut: say so, rather than lose it silently.
    const limit = h('p', { class: 'limit', role: 'status', hidden: true }, t.tooLong(MAX_MESSAGE));
    this.input.addEventListener('input', () => (limit.hidden = this.input.value.length < MAX_MESSAGE));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.consent = h('input', { type: 'checkbox', checked: state.consent });
    this.consent.addEventListener('change', () => this.on.consent(this.consent.checked));
    const newChat = h('button', { type: 'button', class: 'link' }, t.newChat);
    // A new conversation clears this one from the panel: ask first (earlier tickets stay askable).
    newChat.addEventListener('click', () => window.confirm(t.newChatConfirm) && this.on.restart());
    const privacyUrl = safeUrl(options.privacyUrl);
    const privacy = privacyUrl ? h('a', { href: privacyUrl, target: '_blank', rel: 'noopener noreferrer' }, t.privacy) : null;
    const footer = h('footer', null, h('span', null, h('label', null, this.consent, t.consent), privacy && ' · ', privacy), newChat);
    this.panel = h('div', { class: 'panel', id: 'pp', role: 'dialog', 'aria-labelledby': 'pt', hidden: true }, header, this.banner, this.scroller, this.replies, limit, form, footer);
    if (options.greeting) this.log.append(h('div', { class: 'm bot' }, avatar(title, options.avatarUrl), h('div', { class: 'b' }, h('div', { class: 't' }, options.greeting))));

    this.launcher = h('button', { type: 'button', class: 'launcher', 'aria-controls': 'pp', 'aria-expanded': 'false' }, icon(ICONS.chat), this.badge);
    this.launcher.addEventListener('click', () => this.on.toggle(this.panel.hidden));
    // A labelled section: a landmark the customer can jump to, and the header and footer inside
    // it are the chat's own, not a second banner and contentinfo beside the shop's.
    // English and Chinese read left to right, also on a right-to-left page (direction is inherited
    // through the shadow root; `all: initial` does not reset it).
    this.root = h('section', { class: options.position === 'left' ? 'root left' : 'root', lang: localeOf(options.locale), dir: 'ltr', 'aria-label': title }, this.panel, this.launcher);
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.panel.hidden) {
        event.stopPropagation();
        this.on.toggle(false);
      }
    });
    shadow.append(this.root);
    this.setStatus('idle');
    this.setUnread(0);
  }

  /** Constructed stylesheets are not subject to the host's CSP `style-src`; a <style> is the fallback. */
  private adoptStyles(shadow: ShadowRoot): void {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      shadow.append(h('style', null, CSS));
    }
  }

  private composer(draft: string): HTMLTextAreaElement {
    const input = h('textarea', { id: 'pm', dir: 'auto', rows: 1, maxlength: MAX_MESSAGE, placeholder: this.context.t.placeholder, autocomplete: 'off' });
    input.value = draft;
    input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a newline; Enter that confirms a Chinese IME candidate is neither.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    input.addEventListener('input', () => {
      this.fit();
      this.on.input(input.value);
    });
    return input;
  }

  private fit(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight + 2}px`;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.fit();
    this.on.input('');
    this.on.send(text);
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  setOpen(open: boolean, moveFocus: boolean): void {
    const hadFocus = this.panel.contains(this.host.shadowRoot?.activeElement ?? null);
    this.panel.hidden = !open;
    this.root.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.replaceChild(icon(open ? ICONS.close : ICONS.chat), this.launcher.firstChild!);
    this.setUnread(this.unread);
    if (open) {
      this.fit();
      this.scrollDown(true);
      if (moveFocus) this.input.focus();
    } else if (moveFocus || hadFocus) {
      this.launcher.focus();
    }
  }

  setStatus(status: Status): void {
    this.link = status;
    this.drawStatus();
  }

  /**
   * Who the customer is talking to: the bot, a queue for a person (`waiting`), a queue nobody
   * took, where messages are kept for the team (`kept`), or an agent. While waiting, a button
   * takes them back to the assistant at any time (a quick reply would be gone once they type).
   */
  setPeople(people: People): void {
    this.answering = people;
    this.drawStatus();
  }

  /**
   * Whether the shop's team is online, as the server last said: with the bot answering, the
   * header promises a person's reply only while someone could give it.
   */
  setTeam(team: Team): void {
    this.team = team;
    this.drawStatus();
  }

  private link: Status = 'idle';
  private answering: People = 'bot';
  private team: Team = 'unknown';

  /** Who answers now; while a person does, the widget shows no "typing…" after the customer's message. */
  get people(): People {
    return this.answering;
  }

  private drawStatus(): void {
    const { t } = this.context;
    const offline = this.link === 'offline';
    const unreachable = this.link === 'unreachable';
    const bot = { online: t.teamOnline, away: t.teamAway, unknown: t.assistantReplies }[this.team];
    const withPeople = { bot, waiting: t.waitingForAgent, kept: t.messagesKept, agent: t.withAgent }[this.answering];
    this.status.textContent = offline ? t.offlineStatus : unreachable ? t.unreachableStatus : this.link === 'connecting' ? t.connecting : withPeople;
    this.banner.hidden = !offline && !unreachable && this.answering !== 'waiting' && this.answering !== 'kept';
    if (offline || unreachable) {
      this.banner.textContent = offline ? t.offline : t.unreachable;
      return;
    }
    const back = h('button', { type: 'button', class: 'link' }, t.backToAssistant);
    back.addEventListener('click', () => this.on.send(t.backToAssistant));
    this.banner.replaceChildren(...(this.banner.hidden ? [] : [h('span', null, t.ratherAssistant), ' ', back]));
  }

  setUnread(count: number): void {
    this.unread = count;
    if (!this.panel.hidden) count = 0;
    const { t } = this.context;
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 9 ? '9+' : String(count);
    const label = this.panel.hidden ? t.open : t.close;
    this.launcher.setAttribute('aria-label', count ? `${label}, ${t.unread(count)}` : label);
    this.launcher.title = label;
  }

  /**
   * The first of the customer's messages the stream has not brought back yet (sending, or sent
   * while the conversation's history is still loading; not a failed one): what the stream
   * brings goes before it.
   */
  private firstUnconfirmed(): Element | null {
    return this.log.querySelector('[data-cid]:not([data-id]):not(.fail)');
  }

  /** Add a message; it goes before any of the customer's that the stream has not brought back yet. */
  addMessage(activity: Activity, sender: Sender, feedback?: { given: boolean | undefined; id: string }): HTMLElement {
    const row = messageRow(activity, sender, this.context);
    if (activity.id) row.dataset.id = activity.id;
    if (feedback) {
      row.querySelector('.meta')?.append(feedbackButtons(feedback.given, this.context.t, (helpful) => this.on.feedback(feedback.id, helpful)));
    }
    const nearBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 80;
    const unconfirmed = this.firstUnconfirmed();
    this.log.insertBefore(row, unconfirmed);
    // A line placed before the customer's latest message (the welcome, late on a slow line) came before it: not a reply to it.
    if (sender === 'user') this.firstReply = undefined;
    else if (!unconfirmed) this.firstReply ??= row;
    this.scrollDown(nearBottom);
    return row;
  }

  /** The customer's message before the server has it, keyed by its client activity id. */
  addPending(cid: string, text: string, at: string, state: Delivery): void {
    const row = messageRow({ type: 'message', text, timestamp: at }, 'user', this.context);
    row.dataset.cid = cid;
    // Its state goes in before the row goes into the log: one addition, read out once.
    showDelivery(row, state, this.context.t, () => this.on.retry(cid));
    this.log.append(row);
    this.firstReply = undefined;
    this.scrollDown(true);
  }

  setDelivery(cid: string, state: Delivery): void {
    const row = this.pendingRow(cid);
    if (row) showDelivery(row, state, this.context.t, () => this.on.retry(cid));
  }

  /** The server has the customer's message `cid`: mark it sent and put it in its place. */
  confirm(cid: string, activity: Activity): boolean {
    const row = this.pendingRow(cid);
    if (!row) return false;
    const placed = row.dataset.id !== undefined;
    if (activity.id) row.dataset.id = activity.id;
    if (row.classList.contains('pending')) showDelivery(row, 'sent', this.context.t, () => {});
    if (!placed) {
      // Into place before the messages not back yet; a row moved is a row read out again, so only if it must.
      const next = this.firstUnconfirmed();
      if (row.nextElementSibling !== next) this.log.insertBefore(row, next);
    }
    return true;
  }

  private pendingRow(cid: string): HTMLElement | undefined {
    return [...this.log.querySelectorAll<HTMLElement>('[data-cid]')].find((row) => row.dataset.cid === cid);
  }

  setTyping(on: boolean): void {
    this.typing.hidden = !on;
    if (on) this.scrollDown(true);
  }

  setQuickReplies(actions: { title: string; value: string }[]): void {
    this.replies.replaceChildren(
      ...actions.map(({ title, value }) => {
        // Scores ("0" … "10") sit in a compact row rather than as wide pills. Only numbers: a
        // two-character word ("退货") is a pill like any other. (Not the class `n`: that is the
        // agent's name above their message, whose bold green text it also took.)
        const button = h('button', { type: 'button', ...(/^\d{1,2}$/.test(title) ? { class: 'score' } : {}) }, title);
        button.addEventListener('click', () => {
          this.replies.replaceChildren();
          this.input.focus();
          this.on.quickReply(value);
        });
        return button;
      }),
    );
    if (actions.length) this.scrollDown(true);
  }

  /** Forget the conversation shown (a new one starts); the greeting stays. */
  clear(): void {
    for (const row of [...this.log.children].slice(this.options.greeting ? 1 : 0)) row.remove();
    this.replies.replaceChildren();
    this.firstReply = undefined;
    this.setTyping(false);
  }

  setConsent(given: boolean): void {
    this.consent.checked = given;
  }

  /** The first reply since the customer last wrote: a long answer is read from its start. */
  private firstReply: HTMLElement | undefined;

  /** Show the end of the chat, but never scroll the start of the latest answer out of view. */
  private scrollDown(force: boolean): void {
    if (!force || this.panel.hidden) return;
    const bottom = this.scroller.scrollHeight - this.scroller.clientHeight;
    const reply = this.firstReply?.isConnected ? this.firstReply.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop - 12 : bottom;
    this.scroller.scrollTop = Math.min(bottom, reply);
  }
}
