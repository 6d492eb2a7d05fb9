import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../errors.js';

/** What a customer token vouches for: one conversation, one user, until `expiresAt`. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

interface Payload {
  c: string;
  u: string;
  e: number;
}

/**
 * Signs and checks customer tokens: `base64url(payload).base64url(HMAC-SHA256)`.
 * The server binds conversation and user at issue time; nothing the client sends can
 * change either.
 */
export class TokenService {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private sign(body: string): Buffer {
    return createHmac('sha256', this.secret).update(`dl.${body}`).digest();
  }

  issue(conversationId: string, userId: string): { token: string; expires_in: number } {
    const payload: Payload = { c: conversationId, u: userId, e: Math.floor(this.now() / 1000) + this.ttlSeconds };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${body}.${this.sign(body).toString('base64url')}`, expires_in: this.ttlSeconds };
  }

  /** The token's claims; throws a 401 for a missing, malformed, forged or expired token. */
  verify(token: string | undefined): TokenClaims {
    if (!token) throw unauthorized('a Bearer token is required');
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || token.length > 1024) throw unauthorized('the token is malformed');
    const expected = this.sign(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('the token is not valid');
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    } catch {
      throw unauthorized('the token is malformed');
    }
    if (typeof payload.c !== 'string' || typeof payload.u !== 'string' || typeof payload.e !== 'number') {
      throw unauthorized('the token is malformed');
    }
    if (payload.e * 1000 <= this.now()) throw unauthorized('the token has expired');
    return { conversationId: payload.c, userId: payload.u, expiresAt: payload.e };
  }
}
