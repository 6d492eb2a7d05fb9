import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder-core';
import { forbidden } from '../errors.js';
import type { ActivityListener, ActivitySet, ChatActivity, ConversationLog, ConversationRecord, ConversationRepository } from '../conversations/index.js';
import type { HostIdentityClaim, VisitorClaim } from '../customers/identity.js';
import type { IncomingActivity } from './directline-schema.js';
import type { TokenClaims, TokenService } from './tokens.js';
import { BOT_ACCOUNT, CHANNEL_ID } from './web-adapter.js';

/** A signed-in customer's newest conversations looked at for one to continue on another device. */
const RESUME_CANDIDATES = 5;

/**
 * Whether a person could answer now, as the customer's widget may know it: `online` while at
 * least one agent has the console open, else `away`. Nothing finer (no names, no count).
 */
export type TeamAvailability = 'online' | 'away';

export interface StartedConversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
  team?: TeamAvailability;
}

export interface DirectLineDeps {
  tokens: TokenService;
  conversations: ConversationRepository;
  log: ConversationLog;
  /** Hands an activity to the bot (queued per conversation); resolves when the bot's turn is done. */
  toBot: (activity: Partial<Activity>) => Promise<void>;
  /** Masks personal data in customer text before it is stored or shown. */
  redact?: (text: string) => string;
  /**
   * The customer a new conversation belongs to: the one of the visitor's earlier
   * conversation on this browser, or a verified host-site identity. Absent: a new customer.
   */
  identify?: (claim: VisitorClaim) => Promise<string | undefined>;
  /** Checks a returning visitor's earlier token: valid signature, expired not too long ago. */
  recentTokens?: Pick<TokenService, 'verify'>;
  /** How recent a signed-in customer's open conversation must be (its last line) to follow them to another device. */
  resumeWindowMs?: number;
  /** The customer is typing (shown to an agent who has the chat); never stored, never a bot turn. */
  onTyping?: (conversationId: string) => void;
  /**
   * The customer started a new conversation ("Start a new conversation") and left this one
   * while it waited for an agent or was with one: a waiting chat leaves the queue, so no agent
   * claims a chat nobody reads; an agent who has it is told the customer is gone.
   */
  leftHandoff?: (conversationId: string) => Promise<void>;
  /**
   * Whether the team is online now; told with every start, reconnect and token refresh, so the
   * widget's header promises a person's reply only while someone could give it. Absent: not told.
   */
  team?: () => TeamAvailability;
}

/** Who asks for a token: the earlier token this browser kept, and what the host site says. */
export interface VisitorInput {
  previousToken?: string;
  /** Give back the previous token's conversation rather than opening a new one. */
  resume?: boolean;
  user?: HostIdentityClaim;
}

/** A token checked for a conversation (`authorized`), and that conversation's record. */
export interface Authorized {
  claims: TokenClaims;
  record: ConversationRecord;
}

/** The conversation-facing half of the Direct Line 3.0 subset, with no HTTP in it. */
export class DirectLineService {
  constructor(private readonly deps: DirectLineDeps) {}

  /** A new conversation and a token bound to it (`POST /tokens/generate`). */
  async generateToken(locale?: string, visitor: VisitorInput = {}): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const previous = await this.previousConversation(visitor.previousToken);
    const customerId = await this.deps.identify?.({
      previousCustomerId: previous?.customerId,
      ...(visitor.user ? { user: visitor.user } : {}),
    });
    // A browser coming back (tomorrow, after its token expired) gets its conversation back,
    // history and all — unless it was closed or the visitor now signs in as someone else.
    if (visitor.resume && previous && previous.status !== 'closed' && (!customerId || customerId === previous.customerId)) {
      return { conversationId: previous.id, ...this.deps.tokens.issue(previous.id, previous.userId) };
    }
    // A signed-in customer on a browser with no conversation of theirs (the phone, after the
    // laptop) continues the one they left open. `customerId` with `user` given: the host site's
    // signature checked out (an unverified claim yields no customer here).
    const elsewhere = visitor.resume && visitor.user && customerId && previous?.customerId !== customerId ? await this.latestOpenOf(customerId) : undefined;
    if (elsewhere) return { conversationId: elsewhere.id, ...this.deps.tokens.issue(elsewhere.id, elsewhere.userId) };
    if ((previous?.status === 'waiting' || previous?.status === 'active') && !visitor.resume) await this.deps.leftHandoff?.(previous.id);
    const record = await this.deps.conversations.create(newUserId(), locale, ...(customerId ? [customerId] : []));
    this.deps.log.begin(record.id);
    return { conversationId: record.id, ...this.deps.tokens.issue(record.id, record.userId) };
  }

  /**
   * The customer's conversation that is still open (not closed, its text not taken out by
   * retention) and was written in most recently, within `resumeWindowMs`; among their newest few.
   */
  private async latestOpenOf(customerId: string): Promise<ConversationRecord | undefined> {
    const window = this.deps.resumeWindowMs ?? 0;
    const candidates = (await this.deps.conversations.ofCustomer(customerId))
      .filter((record) => record.status !== 'closed' && !record.textRemoved)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, RESUME_CANDIDATES);
    let latest: { record: ConversationRecord; at: number } | undefined;
    for (const record of candidates) {
      const lines = await this.deps.log.all(record.id);
      // A conversation the customer never wrote in (the chat opened, then left) is nothing to continue.
      if (!lines.some((line) => line.from?.role === 'user')) continue;
      const at = Date.parse(lines.at(-1)!.timestamp);
      if (Date.now() - at <= window && (!latest || at > latest.at)) latest = { record, at };
    }
    return latest?.record;
  }

  /** The conversation of a returning visitor's earlier token; a forged or long-expired one counts as none. */
  private async previousConversation(token: string | undefined): Promise<ConversationRecord | undefined> {
    if (!token || !this.deps.recentTokens) return undefined;
    try {
      const claims = this.deps.recentTokens.verify(token);
      return await this.deps.conversations.find(claims.conversationId);
    } catch {
      return undefined;
    }
  }

  /** A fresh token for the same conversation and user (`POST /tokens/refresh`). */
  async refreshToken(token: string | undefined): Promise<{ conversationId: string; token: string; expires_in: number; team?: TeamAvailability }> {
    const claims = this.deps.tokens.verify(token);
    await this.deps.conversations.get(claims.conversationId);
    return { conversationId: claims.conversationId, ...this.deps.tokens.issue(claims.conversationId, claims.userId), ...this.team() };
  }

  /** `{ team }` for the responses that carry it, when the service was given a way to know. */
  private team(): { team?: TeamAvailability } {
    return this.deps.team ? { team: this.deps.team() } : {};
  }

  /**
   * `POST /conversations`: with a token, start (or resume) that token's conversation;
   * without one, open a new conversation. The bot greets on the first start only.
   */
  async start(token: string | undefined, locale: string | undefined, streamBase: string): Promise<StartedConversation> {
    let record: ConversationRecord;
    if (token) {
      const claims = this.deps.tokens.verify(token);
      record = await this.deps.conversations.get(claims.conversationId);
    } else {
      record = await this.deps.conversations.create(newUserId(), locale);
      this.deps.log.begin(record.id);
    }
    if (!record.startedAt) {
      record = await this.deps.conversations.update(record.id, {
        startedAt: new Date().toISOString(),
        ...(locale && !record.locale ? { locale } : {}),
      });
      // The welcome is in the transcript before the client can post: a question sent the moment
      // the conversation started (a script, or a slow first welcome) came before it, and a
      // reloaded history opened with the question.
      await this.deps.toBot(this.conversationUpdate(record));
    }
    const issued = this.deps.tokens.issue(record.id, record.userId);
    return { conversationId: record.id, ...issued, streamUrl: streamUrlOf(streamBase, record.id, issued.token), ...this.team() };
  }

  /** `GET /conversations/:id?watermark=`: a fresh stream URL for a reconnecting client. */
  async reconnect(token: string | undefined, conversationId: string, watermark: number, streamBase: string): Promise<StartedConversation> {
    const claims = await this.authorize(token, conversationId);
    const issued = this.deps.tokens.issue(conversationId, claims.userId);
    return { conversationId, ...issued, streamUrl: streamUrlOf(streamBase, conversationId, issued.token, watermark), ...this.team() };
  }

  /**
   * Store the customer's activity in the conversation its token was `authorized` for, then hand
   * it to the bot. Resolves with the stored id.
   */
  async post({ claims, record }: Authorized, incoming: IncomingActivity): Promise<{ id: string }> {
    const conversationId = record.id;
    const from = { id: claims.userId, role: 'user' };
    // Web Chat sends its locale with every activity; a client that said it once, at the start, gets it filled in.
    const locale = incoming.locale ?? record.locale;
    const common = {
      type: incoming.type,
      channelId: CHANNEL_ID,
      from,
      ...(locale ? { locale } : {}),
      ...(incoming.localTimezone ? { localTimezone: incoming.localTimezone } : {}),
      ...(incoming.name ? { name: incoming.name } : {}),
      ...(incoming.value !== undefined ? { value: incoming.value } : {}),
      ...(incoming.channelData?.clientActivityID ? { channelData: { clientActivityID: incoming.channelData.clientActivityID } } : {}),
    };
    if (incoming.type !== 'message') {
      // Typing and events are not part of the transcript.
      const id = `${conversationId}|${incoming.type}-${randomBytes(6).toString('base64url')}`;
      if (incoming.type === 'event') void this.deps.toBot(this.toBotActivity({ ...common, id, conversation: { id: conversationId } }));
      if (incoming.type === 'typing') this.deps.onTyping?.(conversationId);
      return { id };
    }
    const clientActivityId = incoming.channelData?.clientActivityID;
    if (clientActivityId) {
      // A client that resends after a lost response (offline, reconnect) gets the same id back,
      // and the bot does not answer twice.
      const earlier = await this.deps.log.findByClientActivityId(conversationId, clientActivityId);
      if (earlier) return { id: earlier.id };
    }
    const text = incoming.text ?? '';
    const stored = await this.deps.log.append(conversationId, {
      ...common,
      text: this.deps.redact ? this.deps.redact(text) : text,
      textFormat: 'plain',
    });
    // The bot sees what the customer wrote (to file a ticket with their e-mail, say); the
    // transcript keeps only the masked text.
    void this.deps.toBot(this.toBotActivity({ ...stored, text }));
    return { id: stored.id };
  }

  /** `GET /conversations/:id/activities?watermark=`. */
  async activities(token: string | undefined, conversationId: string, watermark: number): Promise<ActivitySet> {
    await this.authorize(token, conversationId);
    return this.deps.log.after(conversationId, watermark);
  }

  /** Follow a conversation from a watermark on (the WebSocket stream). */
  async follow(token: string | undefined, conversationId: string, watermark: number, listener: ActivityListener): Promise<() => void> {
    await this.authorize(token, conversationId);
    return this.deps.log.subscribe(conversationId, watermark, listener);
  }

  /** The claims of a token that may use `conversationId`: 401 without a valid token, 403 for another conversation. */
  async authorize(token: string | undefined, conversationId: string): Promise<TokenClaims> {
    return (await this.authorized(token, conversationId)).claims;
  }

  /** `authorize`, with the conversation's record (posting a message reads its locale). */
  async authorized(token: string | undefined, conversationId: string): Promise<Authorized> {
    const claims = this.deps.tokens.verify(token);
    if (claims.conversationId !== conversationId) throw forbidden('this token belongs to another conversation');
    return { claims, record: await this.deps.conversations.get(conversationId) };
  }

  private conversationUpdate(record: ConversationRecord): Partial<Activity> {
    const user = { id: record.userId, role: 'user' };
    return this.toBotActivity({
      type: 'conversationUpdate',
      id: `${record.id}|start`,
      channelId: CHANNEL_ID,
      from: user,
      conversation: { id: record.id },
      membersAdded: [user, BOT_ACCOUNT],
      ...(record.locale ? { locale: record.locale } : {}),
    });
  }

  private toBotActivity(activity: Partial<ChatActivity>): Partial<Activity> {
    return {
      timestamp: new Date(),
      ...activity,
      recipient: BOT_ACCOUNT,
      serviceUrl: 'parley://web',
    } as unknown as Partial<Activity>;
  }
}

const newUserId = (): string => `dl_${randomBytes(12).toString('base64url')}`;

function streamUrlOf(base: string, conversationId: string, token: string, watermark?: number): string {
  const query = new URLSearchParams({ t: token, ...(watermark ? { watermark: String(watermark) } : {}) });
  return `${base}/conversations/${conversationId}/stream?${query}`;
}
