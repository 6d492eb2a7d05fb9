import { type DirectLineApi, HttpError, type Started } from './directline.js';
import type { WidgetUser } from './options.js';
import type { Session, Store } from './store.js';
import type { Activity, ActivitySet } from './types.js';

/** `unreachable`: the browser is online but the server has not answered for a few tries in a row. */
export type LinkStatus = 'idle' | 'connecting' | 'unreachable' | 'online' | 'offline';
/** Whether the shop's team is online to answer (see `Started.team`); `unknown` until the server says. */
export type Team = 'online' | 'away' | 'unknown';

export interface ConnectionEvents {
  /** Activities in order; `live` is false for the history replayed after a page load. */
  activities(list: Activity[], live: boolean): void;
  status(status: LinkStatus): void;
  /** A new conversation replaced the old one: forget what is shown. */
  reset(): void;
  /** The server said whether the team is online (at each start, reconnect and token refresh). */
  team(team: Team): void;
}

const MAX_BACKOFF_MS = 30_000;
/** Failed tries in a row (about 3.5 s of backoff) before the customer is told the server is unreachable. */
const UNREACHABLE_AFTER_FAILURES = 3;
/** Reopening the chat asks again whether the team is online when the last answer is older than this. */
const TEAM_FRESH_MS = 120_000;
/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * 401: missing, expired or forged token; 403: another conversation's; 404: its conversation is
 * gone (the shop erased the customer's data on request). Either way, start afresh.
 */
export const isRejected = (error: unknown): boolean => error instanceof HttpError && (error.status === 401 || error.status === 403 || error.status === 404);

/**
 * Keeps one conversation followed: resumes the saved one, streams it over a WebSocket (polling
 * when sockets fail), reconnects with backoff from the last watermark, refreshes the token before
 * it expires, and starts a new conversation when the server rejects the token.
 */
export class Connection {
  status: LinkStatus = 'idle';
  /** Poll often while the panel is open, rarely while it is closed. */
  fast = false;
  private socket: WebSocket | undefined;
  private retryTimer = 0;
  private pollTimer = 0;
  private refreshTimer = 0;
  private attempt = 0;
  private socketFailures = 0;
  private polling: boolean;
  /** Whether this page has received the conversation's history yet. */
  private replayed = false;
  /** The token of a conversation we left: the server uses it to recognise the customer. */
  private previousToken: string | undefined;
  /** Whether the next connect asks for the previous token's conversation back. */
  private resumePrevious = false;
  /** Bumped on every (re)connect, so callbacks of an older attempt do nothing. */
  private generation = 0;
  private connecting: Promise<void> | undefined;
  /** When the server last said whether the team is online (epoch ms; 0: never). */
  private teamAt = 0;

  constructor(
    private readonly api: DirectLineApi,
    private readonly store: Store,
    private readonly locale: string,
    transport: 'auto' | 'polling',
    private readonly on: ConnectionEvents,
    /** The host site's signed-in user, sent with every token request. */
    private readonly user?: WidgetUser,
  ) {
    this.polling = transport === 'polling' || typeof WebSocket === 'undefined';
    addEventListener('online', this.wentOnline);
    addEventListener('offline', this.wentOffline);
  }

  get session(): Session | undefined {
    return this.store.state.session;
  }

  /** Follow the saved conversation, if there is one (no request is made otherwise). */
  resume(): void {
    if (this.session) void this.connect();
  }

  /** The conversation to talk in, starting one if needed; rejects when the server is unreachable. */
  async ensure(): Promise<Session> {
    if (!this.session) await (this.connecting ?? this.connect());
    if (!this.session) throw new TypeError('not connected');
    return this.session;
  }

  async post(activity: Partial<Activity>): Promise<string> {
    const session = await this.ensure();
    try {
      const { id } = await this.api.post(session.token, session.conversationId, activity);
      // The server answers again while the stream is still waiting out its backoff: follow it now.
      if (this.status === 'unreachable') this.reconnectNow();
      return id;
    } catch (error) {
      if (isRejected(error) && session === this.session) await this.restart(true);
      throw error;
    }
  }

  /**
   * Leave the current conversation and open a new one — or, with `resume` (the token was
   * refused because it expired: the customer came back tomorrow), get the same one back.
   */
  restart(resume = false): Promise<void> {
    this.resumePrevious = resume;
    this.previousToken = this.session?.token ?? this.previousToken;
    this.store.state.session = undefined;
    this.store.save();
    this.replayed = false;
    this.on.reset();
    return this.connect();
  }

  /** Another tab of the site follows `session` now (it started a conversation): follow it here too. */
  join(session: Session): void {
    this.store.state.session = { ...session, watermark: 0 };
    this.previousToken = undefined;
    this.replayed = false;
    this.on.reset();
    void this.connect();
  }

  stop(): void {
    this.halt();
    clearTimeout(this.refreshTimer);
    removeEventListener('online', this.wentOnline);
    removeEventListener('offline', this.wentOffline);
  }

  private connect(): Promise<void> {
    const promise = this.attemptConnect().finally(() => {
      if (this.connecting === promise) this.connecting = undefined;
    });
    this.connecting = promise;
    return promise;
  }

  private async attemptConnect(): Promise<void> {
    this.halt();
    const generation = this.generation;
    if (!navigator.onLine) return this.setStatus('offline');
    // Still unreachable until a try succeeds: the notice does not flicker with every retry.
    if (this.status !== 'unreachable') this.setStatus('connecting');
    try {
      const started = await this.open();
      if (generation !== this.generation) return;
      this.adopt(started);
      this.attempt = 0;
      if (this.polling || !started.streamUrl) this.poll(generation);
      else this.follow(started.streamUrl, generation);
    } catch (error) {
      if (generation !== this.generation) return;
      if (isRejected(error) && this.session) return this.restart(true);
      this.retry();
    }
  }

  /** A stream URL: for a new conversation, the saved one from its start, or from the watermark. */
  private async open(): Promise<Started> {
    const session = this.session;
    if (session) {
      return this.replayed ? this.api.reconnect(session.token, session.conversationId, session.watermark) : this.api.start(session.token, this.locale);
    }
    const previous = this.previousToken;
    // A signed-in customer new on this browser continues the conversation they left open on another.
    const resume = this.resumePrevious || (!previous && this.user !== undefined);
    const fresh = previous || this.user ? await this.api.generate(previous, this.locale, resume, this.user) : undefined;
    return this.api.start(fresh?.token ?? '', this.locale);
  }

  private adopt(started: Started): void {
    const current = this.session;
    const same = current?.conversationId === started.conversationId;
    this.store.state.session = {
      conversationId: started.conversationId,
      token: started.token,
      expiresAt: Date.now() + started.expires_in * 1000,
      watermark: same && this.replayed ? current.watermark : 0,
    };
    this.store.save();
    this.previousToken = undefined;
    this.scheduleRefresh(started.expires_in * 1000);
    if (started.team === 'online' || started.team === 'away') {
      this.teamAt = Date.now();
      this.on.team(started.team);
    }
  }

  /**
   * The customer opens the chat again on a page left open a while: ask whether the team is still
   * online (a token refresh carries the answer: no route of its own), unless a start, reconnect or
   * refresh said so in the last couple of minutes.
   */
  freshenTeam(): void {
    if (this.status === 'online' && this.session && Date.now() - this.teamAt > TEAM_FRESH_MS) void this.refresh();
  }

  /** Refresh at about 80% of the token's life (at most five minutes before it ends). */
  private scheduleRefresh(lifetimeMs: number): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.min(MAX_TIMER_MS, Math.max(5_000, lifetimeMs - Math.min(300_000, lifetimeMs * 0.2)));
    this.refreshTimer = window.setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const refreshed = await this.api.refresh(session.token);
      // A new conversation started while it was on its way (reopening the chat refreshes too): not ours any more.
      if (refreshed.conversationId === this.session?.conversationId) this.adopt(refreshed);
    } catch (error) {
      if (session !== this.session) return;
      if (isRejected(error)) await this.restart();
      else this.scheduleRefresh(150_000);
    }
  }

  private follow(url: string, generation: number): void {
    const socket = new WebSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.socketFailures = 0;
      this.setStatus('online');
    };
    socket.onmessage = (event) => {
      if (generation !== this.generation || typeof event.data !== 'string' || !event.data) return;
      try {
        this.take(JSON.parse(event.data) as ActivitySet);
      } catch {
        // A frame we cannot read is skipped; the watermark catches us up on reconnect.
      }
    };
    socket.onclose = () => {
      if (generation !== this.generation || this.socket !== socket) return;
      this.socket = undefined;
      // The server answered over HTTP but the socket never opened: something blocks WebSockets.
      if (!opened && ++this.socketFailures >= 2) this.polling = true;
      this.retry();
    };
  }

  private poll(generation: number): void {
    const session = this.session;
    if (!session) return;
    this.api.activities(session.token, session.conversationId, this.replayed ? session.watermark : 0).then(
      (set) => {
        if (generation !== this.generation) return;
        this.setStatus('online');
        this.take(set);
        this.pollTimer = window.setTimeout(() => this.poll(generation), this.fast ? 1000 : 5000);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        if (isRejected(error)) void this.restart();
        else this.retry();
      },
    );
  }

  private take(set: ActivitySet): void {
    const session = this.session;
    const watermark = Number(set.watermark);
    if (session && Number.isFinite(watermark) && watermark > session.watermark) {
      session.watermark = watermark;
      this.store.save();
    }
    const live = this.replayed;
    this.replayed = true;
    if (set.activities?.length) this.on.activities(set.activities, live);
  }

  private retry(): void {
    this.halt();
    if (!navigator.onLine) return this.setStatus('offline');
    const failures = ++this.attempt;
    this.setStatus(failures >= UNREACHABLE_AFTER_FAILURES ? 'unreachable' : 'connecting');
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2);
    this.retryTimer = window.setTimeout(() => void this.connect(), delay);
  }

  /** Stop following (socket, polling, pending retry) without forgetting the conversation. */
  private halt(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.pollTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
  }

  private setStatus(status: LinkStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.on.status(status);
  }

  private readonly wentOnline = (): void => this.reconnectNow();

  private reconnectNow(): void {
    this.attempt = 0;
    if (this.session) void this.connect();
  }

  private readonly wentOffline = (): void => {
    this.halt();
    this.setStatus('offline');
  };
}
