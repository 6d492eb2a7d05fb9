/**
 * The widget's controller: joins the view, the connection, the outbox and the saved state, and
 * keeps the unread count, the typing indicator and the reply sound.
 */
import { Chime } from './chime.js';
import { Connection, type LinkStatus } from './connection.js';
import { paletteOf } from './contrast.js';
import { DirectLineApi } from './directline.js';
import type { Delivery } from './messages.js';
import { DEFAULT_COLOR, type WidgetOptions } from './options.js';
import { newClientId, Outbox } from './outbox.js';
import { type OutboxItem, Store } from './store.js';
import { localeOf, strings } from './strings.js';
import { type Activity, senderOf } from './types.js';
import { ChatView, type People } from './view.js';

/**
 * Any colour CSS knows (`seagreen`, `hsl(160 80% 23%)`, `#0b6b52`) as the browser reads it
 * (`#rrggbb`, or `rgba(…)`), through a canvas so the page's own styles cannot colour it; one it
 * does not know is named in the console and the default is used.
 */
function cssColor(value: string): string {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return value;
  // A colour the canvas refuses leaves the one before: two different ones before tell it apart.
  const read = (before: string) => {
    context.fillStyle = before;
    context.fillStyle = value;
    return String(context.fillStyle);
  };
  const read1 = read('#000000');
  if (read1 === read('#ffffff')) return read1;
  console.warn(`Parley widget: "${value}" is not a CSS colour; using ${DEFAULT_COLOR}`);
  return DEFAULT_COLOR;
}

/** What each handoff line the server writes (its `channelData.parley.event`) means for who answers. */
const PEOPLE_AFTER: Record<string, People> = {
  requested: 'waiting',
  agentLeft: 'waiting',
  passedToQueue: 'waiting',
  transferred: 'agent',
  timeout: 'kept',
  timeoutTicket: 'kept',
  agentLeftTimeout: 'kept',
  agentLeftTimeoutTicket: 'kept',
  busy: 'kept',
  busyTicket: 'kept',
  claimed: 'agent',
  released: 'bot',
  returned: 'bot',
  cancelled: 'bot',
  closed: 'bot',
};

/** How long "typing…" shows after the customer's message is sent, if no reply comes. */
const AWAIT_REPLY_MS = 15_000;
const TYPING_ACTIVITY_MS = 5_000;
const SEND_TYPING_EVERY_MS = 4_000;

export class Widget {
  private readonly store: Store;
  private readonly view: ChatView;
  private readonly connection: Connection;
  private readonly outbox: Outbox;
  private readonly chime = new Chime();
  private readonly locale: string;
  /** Ids of the messages shown, so a replay or reconnect never shows one twice. */
  private readonly shown = new Set<string>();
  /** Bot, agent and system messages in this conversation (the badge counts the unseen ones). */
  private replies = 0;
  private customerHasWritten = false;
  private typingTimer = 0;
  private lastTypingSent = 0;

  constructor(private readonly options: WidgetOptions) {
    const t = strings[options.locale];
    this.locale = localeOf(options.locale);
    this.store = new Store(`parley:${options.server}`);
    this.store.belongTo(options.user?.id ?? '');
    const { state } = this.store;
    this.view = new ChatView(
      options,
      { t, locale: this.locale, botName: options.title ?? t.title, botAvatar: options.avatarUrl },
      paletteOf(cssColor(options.color), DEFAULT_COLOR),
      { draft: state.draft, consent: state.consent, sound: this.soundOn },
      {
        toggle: (open) => (open ? this.open(true) : this.close(true)),
        send: (text) => this.send(text),
        quickReply: (value) => this.send(value),
        input: (text) => this.typed(text),
        retry: (cid) => this.retry(cid),
        feedback: (activityId, helpful) => this.feedback(activityId, helpful),
        consent: (given) => this.consent(given),
        sound: (on) => this.setSound(on),
        restart: () => void this.connection.restart(),
      },
    );
    this.connection = new Connection(new DirectLineApi(options.server), this.store, this.locale, options.transport, {
      activities: (list, live) => this.receive(list, live),
      status: (status) => this.statusChanged(status),
      reset: () => this.reset(),
      team: (team) => this.view.setTeam(team),
    }, options.user);
    this.outbox = new Outbox(this.store, {
      deliver: async (item) => {
        const repliesBefore = this.replies;
        await this.connection.post(activityOf(item, this.locale));
        if (!item.text) return;
        this.view.setDelivery(item.cid, 'sent');
        // The answer may have come down the stream before the POST's own response. People take longer, and say so themselves.
        if (this.replies === repliesBefore && this.view.people === 'bot') this.showTyping(AWAIT_REPLY_MS);
      },
      failed: (item) => this.view.setDelivery(item.cid, 'failed'),
    });
    addEventListener('storage', this.otherTab);
    (document.body ?? document.documentElement).append(this.view.host);
    this.showOutbox();
    if (this.store.open || options.open) this.open(false);
    else this.connection.resume();
    if (this.outbox.items.length) void this.outbox.flush();
  }

  open(moveFocus: boolean): void {
    this.view.setOpen(true, moveFocus);
    this.store.open = true;
    this.connection.fast = true;
    this.markSeen();
    if (this.connection.status === 'idle') {
      if (this.connection.session) this.connection.resume();
      else this.connection.ensure().catch(() => {});
    } else {
      this.connection.freshenTeam();
    }
  }

  close(moveFocus: boolean): void {
    this.view.setOpen(false, moveFocus);
    this.store.open = false;
    this.connection.fast = false;
  }

  destroy(): void {
    removeEventListener('storage', this.otherTab);
    this.connection.stop();
    this.outbox.stop();
    clearTimeout(this.typingTimer);
    this.view.host.remove();
    this.chime.close();
  }

  /**
   * Tabs of the shop share the saved conversation. When another tab starts one (or a new one),
   * this tab follows it too: the customer has one conversation, and a tab still on the old one
   * would otherwise save it back over the new one.
   */
  private readonly otherTab = (event: StorageEvent): void => {
    const session = this.store.otherTabSession(event);
    if (session) this.connection.join(session);
  };

  private get soundOn(): boolean {
    return this.store.state.sound ?? this.options.sound;
  }

  private receive(list: Activity[], live: boolean): void {
    for (const activity of list) {
      const sender = senderOf(activity);
      if (activity.type === 'typing') {
        if (live && sender !== 'user') this.showTyping(TYPING_ACTIVITY_MS);
        continue;
      }
      if (activity.type !== 'message' || (activity.id && this.shown.has(activity.id))) continue;
      if (activity.id) this.shown.add(activity.id);
      if (sender === 'user') {
        this.customerHasWritten = true;
        const cid = activity.channelData?.clientActivityID;
        if (cid && this.view.confirm(cid, activity)) this.outbox.remove(cid);
        else this.view.addMessage(activity, 'user');
        this.view.setQuickReplies([]);
        continue;
      }
      this.replies++;
      this.showTyping(0);
      const event = sender === 'system' ? activity.channelData?.parley?.event : undefined;
      if (event && PEOPLE_AFTER[event]) this.view.setPeople(PEOPLE_AFTER[event]);
      const id = activity.id;
      const rateable = sender === 'bot' && this.customerHasWritten && id && activity.channelData?.parley?.answer;
      this.view.addMessage(activity, sender, rateable ? { id, given: this.store.state.feedback[id] } : undefined);
      this.view.setQuickReplies(quickRepliesOf(activity));
      if (live && this.soundOn && (!this.view.isOpen || document.hidden)) this.chime.play();
    }
    this.markSeen();
  }

  /** With the panel open every reply counts as seen; closed, the badge shows the rest. */
  private markSeen(): void {
    if (this.view.isOpen) {
      this.store.state.seen = this.replies;
      this.store.save();
    }
    this.view.setUnread(Math.max(0, this.replies - this.store.state.seen));
  }

  private statusChanged(status: LinkStatus): void {
    this.view.setStatus(status);
    for (const item of this.outbox.items) if (item.text && !item.failed) this.view.setDelivery(item.cid, this.pendingState());
    if (status === 'online') this.outbox.online();
  }

  private reset(): void {
    this.shown.clear();
    this.replies = 0;
    this.customerHasWritten = false;
    this.view.setPeople('bot');
    this.store.state.seen = 0;
    this.store.save();
    this.view.clear();
    this.showOutbox();
  }

  private showOutbox(): void {
    for (const item of this.outbox.items) {
      if (item.text) this.view.addPending(item.cid, item.text, item.at, item.failed ? 'failed' : this.pendingState());
    }
  }

  private pendingState(): Delivery {
    return ['offline', 'unreachable'].includes(this.connection.status) || !navigator.onLine ? 'queued' : 'sending';
  }

  private send(text: string): void {
    const item: OutboxItem = { cid: newClientId(), at: new Date().toISOString(), text };
    this.outbox.add(item);
    this.view.addPending(item.cid, text, item.at, this.pendingState());
    this.view.setQuickReplies([]);
  }

  private retry(cid: string): void {
    if (this.outbox.retry(cid)) this.view.setDelivery(cid, this.pendingState());
  }

  private typed(text: string): void {
    this.store.state.draft = text;
    this.store.save();
    const now = Date.now();
    if (text && this.connection.status === 'online' && now - this.lastTypingSent > SEND_TYPING_EVERY_MS) {
      this.lastTypingSent = now;
      this.connection.post({ type: 'typing', locale: this.locale }).catch(() => {});
    }
  }

  private showTyping(forMs: number): void {
    clearTimeout(this.typingTimer);
    this.view.setTyping(forMs > 0);
    if (forMs > 0) this.typingTimer = window.setTimeout(() => this.view.setTyping(false), forMs);
  }

  private consent(given: boolean): void {
    this.store.state.consent = given;
    this.outbox.add({ cid: newClientId(), at: new Date().toISOString(), event: { name: 'parley.consent', value: { profiling: given } } });
  }

  private feedback(activityId: string, helpful: boolean): void {
    const given = this.store.state.feedback;
    given[activityId] = helpful;
    // Keep the most recent hundred choices: enough to show them, not a growing log.
    for (const old of Object.keys(given).slice(0, -100)) delete given[old];
    this.outbox.add({ cid: newClientId(), at: new Date().toISOString(), event: { name: 'parley.feedback', value: { activityId, helpful } } });
  }

  private setSound(on: boolean): void {
    this.store.state.sound = on;
    this.store.save();
    if (on) this.chime.play();
  }
}

function activityOf(item: OutboxItem, locale: string): Partial<Activity> {
  const channelData = { clientActivityID: item.cid, clientTimestamp: item.at };
  return item.event
    ? { type: 'event', name: item.event.name, value: item.event.value, locale, channelData }
    : { type: 'message', text: item.text ?? '', locale, ...timeZone(), channelData };
}

/** The customer's time zone, so the bot tells due times in it (Bot Framework's `localTimezone`). */
function timeZone(): { localTimezone?: string } {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone ? { localTimezone: zone } : {};
  } catch {
    return {};
  }
}

/** Quick replies shown at most: enough for a 0–10 scale and a way out (the NPS question). */
const MAX_QUICK_REPLIES = 12;

function quickRepliesOf(activity: Activity): { title: string; value: string }[] {
  const actions = activity.suggestedActions?.actions;
  if (!Array.isArray(actions)) return [];
  return actions.slice(0, MAX_QUICK_REPLIES).flatMap((action) => {
    const value = typeof action.value === 'string' ? action.value : typeof action.title === 'string' ? action.title : '';
    const title = typeof action.title === 'string' ? action.title : value;
    return value ? [{ title: title.slice(0, 80), value: value.slice(0, 2000) }] : [];
  });
}
