import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { EventBus } from '../../events/index.js';
import type { SessionService, UserService } from '../../users/index.js';
import { clearedSessionCookie, requireUser, sessionCookie } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

const loginSchema = z.object({
  email: z.email({ error: 'email must be an e-mail address' }).max(200),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(200),
});

export interface AuthRouteOptions {
  /** Failed and successful attempts allowed per client and minute. */
  loginAttemptsPerMinute: number;
}

/** Sign in and out of the agent console and admin pages. */
export function addAuthRoutes(api: ApiRouter, users: UserService, sessions: SessionService, events: EventBus, options: AuthRouteOptions): void {
  const loginLimit = rateLimit({
    windowMs: 60_000,
    limit: options.loginAttemptsPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, _next, limitOptions) => {
      throw new AppError(limitOptions.statusCode, 'too_many_requests', 'too many sign-in attempts; wait a minute and try again');
    },
  });

  api.add('post', '/auth/login', 'public', loginLimit, async (req, res) => {
    const { email, password } = parse(loginSchema, req.body, 'body');
    const user = await users.authenticate(email, password);
    if (!user) throw new AppError(401, 'invalid_credentials', 'the e-mail or password is not right');
    const { sessionId, maxAgeSeconds } = await sessions.create(user.id);
    res.setHeader('Set-Cookie', sessionCookie(req, sessionId, maxAgeSeconds));
    res.json({ user });
  });

  api.add('post', '/auth/logout', 'public', async (_req, res) => {
    const sessionId = res.locals.sessionId as string | undefined;
    if (sessionId) {
      await sessions.destroy(sessionId);
      events.publish('session.ended', { sessionId });
    }
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.status(204).end();
  });

  api.add('get', '/auth/me', 'agent', (_req, res) => {
    const { sessionId: _session, ...user } = requireUser(res) as ReturnType<typeof requireUser> & { sessionId?: string };
    res.json({ user });
  });
}
