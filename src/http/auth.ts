import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import { type PublicUser, type Role, SessionService } from '../users/index.js';

export const SESSION_COOKIE = 'parley_session';

/** The signed-in user of a request, set by `loadSession`. */
export function userOf(res: Response): PublicUser | undefined {
  return res.locals.user as PublicUser | undefined;
}

export function requireUser(res: Response): PublicUser {
  const user = userOf(res);
  if (!user) throw new AppError(401, 'unauthorized', 'sign in first');
  return user;
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      // A malformed escape (`%E0%A4%A`) is no session, not a server error.
      return undefined;
    }
  }
  return undefined;
}

/** Attach the session's user, if the cookie names a live session. */
export function loadSession(sessions: SessionService): RequestHandler {
  return async (req, res, next) => {
    const user = await sessions.resolve(cookieValue(req, SESSION_COOKIE));
    if (user) res.locals.user = user;
    res.locals.sessionId = user?.sessionId;
    next();
  };
}

/**
 * The session cookie; `Secure` when the browser reached us over HTTPS, directly or through a
 * proxy trusted with PARLEY_TRUST_PROXY that says so in X-Forwarded-Proto (`req.secure`).
 */
export function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secureFlag(req)}`;
}

export function clearedSessionCookie(req: Request): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secureFlag(req)}`;
}

const secureFlag = (req: Request) => (req.secure ? '; Secure' : '');

/** 401 without a session, 403 when the user's role is not enough. */
export function requireRole(role: Role): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const user = requireUser(res);
    if (!SessionService.allows(user.role, role)) throw new AppError(403, 'forbidden', `this needs the ${role} role`);
    next();
  };
}

/**
 * Cross-site request forgery guard for cookie-authenticated routes: besides SameSite=Strict
 * cookies, a state-changing request must come from our own origin and carry JSON (which a
 * cross-site form cannot send without a CORS preflight we never grant).
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
  const origin = req.get('origin');
  // `req.host` is the Host the browser sent: behind a trusted proxy, its X-Forwarded-Host.
  if (origin !== undefined && hostOf(origin) !== req.host) {
    throw new AppError(403, 'cross_site', 'requests from other sites are not accepted');
  }
  const length = Number(req.get('content-length') ?? 0);
  if (length > 0 && !req.is('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'send JSON (Content-Type: application/json)');
  }
  next();
};

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
