/**
 * What the widget keeps in the host page's localStorage, under one key per Parley server:
 * the conversation (token, id, watermark), unsent messages, and the customer's choices.
 * Storage can be missing or full (private modes); the widget then works for the page's lifetime.
 */
export interface Session {
  conversationId: string;
  token: string;
  /** Epoch ms when the token stops working. */
  expiresAt: number;
  watermark: number;
}

/** A message or event waiting to be sent; `cid` makes a resend idempotent on the server. */
export interface OutboxItem {
  cid: string;
  at: string;
  text?: string;
  event?: { name: string; value: unknown };
  failed?: boolean;
}

export interface SavedState {
  session?: Session;
  outbox: OutboxItem[];
  /** How many bot, agent and system messages the customer has seen (for the unread badge). */
  seen: number;
  draft: string;
  consent: boolean;
  sound?: boolean;
  /** Thumbs given, by activity id. */
  feedback: Record<string, boolean>;
  /** The host site's user this chat belongs to (`''`: an anonymous visitor). */
  user?: string;
}

const empty = (): SavedState => ({ outbox: [], seen: 0, draft: '', consent: false, feedback: {} });

function parse(json: string | null): Partial<SavedState> {
  try {
    const saved: unknown = JSON.parse(json ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Partial<SavedState>) : {};
  } catch {
    return {};
  }
}

export class Store {
  readonly state: SavedState;

  constructor(private readonly key: string) {
    let saved: Partial<SavedState> = {};
    try {
      saved = parse(localStorage.getItem(key));
    } catch {
      // Unavailable storage: start fresh.
    }
    this.state = { ...empty(), ...saved };
    if (!Array.isArray(this.state.outbox)) this.state.outbox = [];
  }

  /**
   * The conversation another tab of the site saved for the same user, from a `storage` event,
   * when it is not the one this tab follows (that tab started one, or a new one).
   */
  otherTabSession(event: StorageEvent): Session | undefined {
    if (event.key !== this.key) return undefined;
    const saved = parse(event.newValue);
    const session = saved.session;
    if ((saved.user ?? '') !== (this.state.user ?? '') || typeof session?.conversationId !== 'string' || typeof session.token !== 'string') return undefined;
    return session.conversationId === this.state.session?.conversationId ? undefined : session;
  }

  /**
   * The browser is shared: when the shop's signed-in user changes (signing in, out, or as
   * someone else), the other person's chat, unsent messages and choices are forgotten here.
   */
  belongTo(user: string): void {
    if ((this.state.user ?? '') === user) return;
    const { sound } = this.state;
    for (const key of Object.keys(this.state)) delete this.state[key as keyof SavedState];
    Object.assign(this.state, empty(), { user }, sound === undefined ? {} : { sound });
    this.save();
  }

  save(): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.state));
    } catch {
      // Full or disabled storage: keep going in memory.
    }
  }

  /** Whether the panel was open on this tab's previous page (sessionStorage: not across visits). */
  get open(): boolean {
    try {
      return sessionStorage.getItem(this.key) === 'open';
    } catch {
      return false;
    }
  }

  set open(value: boolean) {
    try {
      sessionStorage.setItem(this.key, value ? 'open' : '');
    } catch {
      // ignore
    }
  }
}
