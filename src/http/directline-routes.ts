import { Router, type Request } from 'express';
import { type Options as RateLimitOptions, rateLimit } from 'express-rate-limit';
import {
  conversationIdSchema,
  incomingActivitySchema,
  startBodySchema,
  watermarkSchema,
  type Authorized,
  type DirectLineService,
} from '../channels/index.js';
import { hostIdentitySchema } from '../customers/index.js';
import { AppError } from '../errors.js';
import { parse } from './validate.js';

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError(401, 'unauthorized', 'Authorization must be "Bearer <token>"');
  return match[1];
}

/**
 * The base of stream URLs, as the client reached us (`ws://host:port/v3/directline`); behind a
 * trusted proxy, the scheme and host it forwarded (`wss://chat.example.com/v3/directline`).
 */
function streamBase(req: Request): string {
  const scheme = req.protocol === 'https' ? 'wss' : 'ws';
  // A forged Host (or X-Forwarded-Host) with a path or query must not point the client elsewhere.
  const host = req.host && WELL_FORMED_HOST.test(req.host) ? req.host : `localhost:${req.socket.localPort ?? ''}`;
  return `${scheme}://${host}${req.baseUrl}`;
}

/** A host as browsers send it: a name or an address, and an optional port; nothing else. */
const WELL_FORMED_HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface DirectLineRouteOptions {
  /** New tokens and token-less conversations per client address and minute. */
  startsPerMinute?: number;
  /** Activities (typing aside) one conversation may post a minute. */
  messagesPerMinute?: number;
}

/** A per-minute limit that answers 429 (with Retry-After) and a message saying what to do. */
function perMinute(limit: number, message: string, options: Pick<Partial<RateLimitOptions>, 'skip' | 'keyGenerator'>) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // An X-Forwarded-For that PARLEY_TRUST_PROXY does not trust is reported once by the app, naming the setting.
    validate: { xForwardedForHeader: false },
    ...options,
    handler: (_req, _res, _next, { statusCode }) => {
      throw new AppError(statusCode, 'too_many_requests', message);
    },
  });
}

/**
 * Each new token or token-less conversation creates a stored conversation: a script hammering
 * these would fill the disk, so they are limited per client address.
 */
const startLimit = (limit: number) =>
  perMinute(limit, 'too many new conversations from this address; wait a minute and try again', {
    // A token resumes its own conversation and creates nothing.
    skip: (req) => req.path === '/conversations' && req.get('authorization') !== undefined,
  });

/**
 * Each message runs a bot turn and is stored: a script posting in a loop with one token would
 * take the server's time from everyone. Counted per conversation once the token is checked (so a
 * stranger cannot spend a customer's allowance); typing indicators are free.
 */
const messageLimit = (limit: number) =>
  perMinute(limit, 'too many messages in this conversation; wait a moment and try again', {
    keyGenerator: (_req, res) => (res.locals.authorized as Authorized).record.id,
    skip: (req) => (req.body as { type?: unknown } | undefined)?.type === 'typing',
  });

/** The Direct Line 3.0 subset for customers, mounted at `/v3/directline`. */
export function directLineRoutes(directLine: DirectLineService, options: DirectLineRouteOptions = {}): Router {
  const router = Router();
  const limitStarts = startLimit(options.startsPerMinute ?? 60);
  const limitMessages = messageLimit(options.messagesPerMinute ?? 60);

  router.post('/tokens/generate', limitStarts, async (req, res) => {
    const body = parse(startBodySchema, req.body, 'body');
    // A returning browser sends its earlier token; a host site may vouch for its user (signed).
    const { user } = parse(hostIdentitySchema, req.body, 'body');
    const previousToken = bearer(req);
    const visitor = { ...(previousToken ? { previousToken } : {}), ...(user ? { user } : {}), ...(body.resume ? { resume: true } : {}) };
    res.json(await directLine.generateToken(body.locale, visitor));
  });

  router.post('/tokens/refresh', async (req, res) => {
    res.json(await directLine.refreshToken(bearer(req)));
  });

  router.post('/conversations', limitStarts, async (req, res) => {
    const body = parse(startBodySchema, req.body, 'body');
    res.status(201).json(await directLine.start(bearer(req), body.locale, streamBase(req)));
  });

  router.get('/conversations/:id', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const watermark = parse(watermarkSchema, req.query.watermark, 'watermark');
    res.json(await directLine.reconnect(bearer(req), id, watermark, streamBase(req)));
  });

  router.post(
    '/conversations/:id/activities',
    // Authorise before looking at the body, so a stranger learns nothing from validation.
    async (req, res, next) => {
      const id = parse(conversationIdSchema, req.params.id, 'id');
      res.locals.authorized = await directLine.authorized(bearer(req), id);
      next();
    },
    limitMessages,
    async (req, res) => {
      const activity = parse(incomingActivitySchema, req.body, 'body');
      res.json(await directLine.post(res.locals.authorized as Authorized, activity));
    },
  );

  router.get('/conversations/:id/activities', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const watermark = parse(watermarkSchema, req.query.watermark, 'watermark');
    res.json(await directLine.activities(bearer(req), id, watermark));
  });

  return router;
}
