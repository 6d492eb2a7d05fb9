import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { EventBus } from '../../events/index.js';
import type { Logger } from '../../logger.js';
import type { SessionService, UserService } from '../../users/index.js';
import { clearedSessionCookie, requireUser, sessionCookie, userOf } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';
import { emailSchema } from './user-routes.js';

const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
});

export interface AuthRouteOptions {
  /** Failed sign-ins allowed per e-mail address and client a minute (and five times as many per client, whatever the address). */
  loginAttemptsPerMinute: number;
  /**
   * Where failed and refused sign-ins are logged with the client's address (never the e-mail or
   * password tried), so an operator sees someone guessing and a tool like fail2ban can act on it;
   * the right password of a disabled account, with that account's id.
   */
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Says a client was refused once a minute, not at every refused request: a client hammering the
 * sign-in would otherwise write a log line per request. The next line counts those in between.
 */
class OncePerMinute {
  private readonly seen = new Map<string, { since: number; count: number }>();

  note(key: string, log: (refusedSinceLastLine: number) => void, now = Date.now()): void {
    const last = this.seen.get(key);
    if (last && now - last.since < 60_000) {
      last.count += 1;
      return;
    }
    log(last ? last.count - 1 : 0);
    this.seen.set(key, { since: now, count: 1 });
    // Many clients (a spread-out attack): forget the ones quiet for a minute.
    if (this.seen.size > 10_000) for (const [each, { since }] of this.seen) if (now - since >= 60_000) this.seen.delete(each);
  }
}

/** How many more failed sign-ins one client address may make, across e-mail addresses, than for one. */
const ADDRESSES_PER_CLIENT = 5;

/** Sign in and out of the agent console and admin pages. */
export function addAuthRoutes(api: ApiRouter, users: UserService, sessions: SessionService, events: EventBus, options: AuthRouteOptions): void {
  // Only failed sign-ins count, per account and address: one agent's typos behind an office's
  // shared address do not lock out the team, and guessing across accounts is capped per address.
  const refusals = new OncePerMinute();
  const failedSignIns = (limit: number, keyGenerator: NonNullable<Options['keyGenerator']>) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      keyGenerator,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      validate: { xForwardedForHeader: false },
      handler: (req, _res, _next, limitOptions) => {
        refusals.note(req.ip ?? '', (refusedSinceLastLine) => options.logger?.warn({ ip: req.ip, limit, ...(refusedSinceLastLine ? { refusedSinceLastLine } : {}) }, 'sign-in refused: too many failed attempts from this client'));
        throw new AppError(limitOptions.statusCode, 'too_many_requests', 'too many sign-in attempts; wait a minute and try again');
      },
    });
  const client = (req: { ip?: string }) => ipKeyGenerator(req.ip ?? '');
  const perAccount = failedSignIns(options.loginAttemptsPerMinute, (req) => `${client(req)} ${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase().slice(0, 200)}`);
  const perClient = failedSignIns(options.loginAttemptsPerMinute * ADDRESSES_PER_CLIENT, client);

  api.add('post', '/auth/login', 'public', perClient, perAccount, async (req, res) => {
    const { email, password } = parse(loginSchema, req.body, 'body');
    const signIn = await users.authenticate(email, password);
    if (signIn.refused === 'account_disabled') {
      // Only once the password proved right: told "wrong password", a disabled agent kept
      // retrying and resetting it. Still a failed attempt to the limits above (a 4xx).
      options.logger?.warn({ ip: req.ip, userId: signIn.userId }, 'sign-in refused: account disabled');
      throw new AppError(403, 'account_disabled', 'this account is disabled; ask an admin to enable it');
    }
    if (signIn.refused) {
      options.logger?.warn({ ip: req.ip }, 'sign-in failed');
      throw new AppError(401, 'invalid_credentials', 'the e-mail or password is not right');
    }
    const { user } = signIn;
    const { sessionId, maxAgeSeconds } = await sessions.create(user.id);
    res.setHeader('Set-Cookie', sessionCookie(req, sessionId, maxAgeSeconds));
    res.json({ user });
  });

  api.add('post', '/auth/logout', 'public', async (req, res) => {
    const sessionId = res.locals.sessionId as string | undefined;
    const user = userOf(res);
    if (sessionId && user) {
      await sessions.destroy(sessionId);
      events.publish('session.ended', { sessionId, userId: user.id });
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(req));
    res.status(204).end();
  });

  api.add('get', '/auth/me', 'agent', (_req, res) => {
    const { sessionId: _session, ...user } = requireUser(res) as ReturnType<typeof requireUser> & { sessionId?: string };
    res.json({ user });
  });
}
