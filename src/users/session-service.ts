import { createHash, randomBytes } from 'node:crypto';
import type { Collection } from '../storage/ports.js';
import type { PublicUser, Role, User } from './user-service.js';

/** A signed-in agent or admin. Only a hash of the session id is stored. */
export interface Session {
  /** SHA-256 of the cookie value. */
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  /** The last request, to the minute (LAST_SEEN_SAVED_EVERY_MS): a restart keeps a working agent signed in. */
  lastSeenAt?: string;
}

/** How often a session's last request is written down: at most one journal line a minute per signed-in person. */
const LAST_SEEN_SAVED_EVERY_MS = 60_000;

export interface SessionOptions {
  /** Signed out after this long without a request. */
  idleMinutes: number;
  /** Signed out after this long whatever happens. */
  absoluteHours: number;
}

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** Server-side sessions: logout and disabling a user take effect at once. */
export class SessionService {
  /** Last request per session, in memory; on disk to the minute (`lastSeenAt`), which a restarted process starts from. */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly sessions: Collection<Session>,
    private readonly users: Collection<User>,
    private readonly options: SessionOptions = { idleMinutes: 30, absoluteHours: 12 },
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A new session for a user; the returned value goes into the cookie. */
  async create(userId: string): Promise<{ sessionId: string; maxAgeSeconds: number }> {
    const sessionId = randomBytes(32).toString('base64url');
    const now = this.now();
    const id = hashOf(sessionId);
    await this.sessions.put({
      id,
      userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.absoluteHours * 3600_000).toISOString(),
    });
    this.lastSeen.set(id, now);
    return { sessionId, maxAgeSeconds: this.options.absoluteHours * 3600 };
  }

  /** The user of a live session, or `undefined`; each call counts as activity. */
  async resolve(sessionId: string | undefined): Promise<(PublicUser & { sessionId: string }) | undefined> {
    if (!sessionId || sessionId.length > 100) return undefined;
    const id = hashOf(sessionId);
    const session = await this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now();
    if (this.hasLapsed(session, now)) {
      await this.destroy(sessionId);
      return undefined;
    }
    const user = await this.users.get(session.userId);
    if (!user || user.disabled) return undefined;
    this.lastSeen.set(id, now);
    await this.saveLastSeen(session, now);
    const { passwordHash: _hash, ...publicUser } = user;
    return { ...publicUser, sessionId };
  }

  /**
   * Whether a session is still signed in, without counting as activity: a console's open
   * live stream must not keep an idle agent signed in.
   */
  async isLive(sessionId: string): Promise<boolean> {
    const id = hashOf(sessionId);
    const session = await this.sessions.get(id);
    if (!session) return false;
    if (this.hasLapsed(session, this.now())) return false;
    const user = await this.users.get(session.userId);
    return !!user && !user.disabled;
  }

  /** Past its absolute lifetime, or idle too long (since the last request this process saw, else the one on disk). */
  private hasLapsed(session: Session, now: number): boolean {
    const idleSince = this.lastSeen.get(session.id) ?? Date.parse(session.lastSeenAt ?? session.createdAt);
    return now >= Date.parse(session.expiresAt) || now - idleSince > this.options.idleMinutes * 60_000;
  }

  private async saveLastSeen(session: Session, now: number): Promise<void> {
    if (now - Date.parse(session.lastSeenAt ?? session.createdAt) < LAST_SEEN_SAVED_EVERY_MS) return;
    // Not for a session signed out meanwhile: writing it back would sign it in again.
    const current = await this.sessions.get(session.id);
    if (current) await this.sessions.put({ ...current, lastSeenAt: new Date(now).toISOString() });
  }

  /**
   * Remove the sessions that can never be used again (past their lifetime or idle limit): one
   * not signed out, only left, stays on disk otherwise, a record per sign-in for good. At start.
   */
  async removeLapsed(): Promise<number> {
    const now = this.now();
    const lapsed = await this.sessions.filter((session) => this.hasLapsed(session, now));
    return this.sessions.deleteMany(lapsed.map((session) => session.id));
  }

  /** End every session of a user (an account disabled, a password reset), but `exceptSessionId`'s. */
  async endAllOf(userId: string, exceptSessionId?: string): Promise<number> {
    const kept = exceptSessionId ? hashOf(exceptSessionId) : undefined;
    const ended = await this.sessions.filter((session) => session.userId === userId && session.id !== kept);
    for (const session of ended) {
      this.lastSeen.delete(session.id);
      await this.sessions.delete(session.id);
    }
    return ended.length;
  }

  async destroy(sessionId: string): Promise<void> {
    const id = hashOf(sessionId);
    this.lastSeen.delete(id);
    await this.sessions.delete(id);
  }

  /** Whether a role may use what needs `required`: an admin is also an agent. */
  static allows(role: Role, required: Role): boolean {
    return role === 'admin' || role === required;
  }
}
