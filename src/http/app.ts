import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { DirectLineService } from '../channels/index.js';
import type { Logger } from '../logger.js';
import type { TrustProxy } from '../trust-proxy.js';
import type { SessionService } from '../users/index.js';
import { ApiRouter, type RouteInfo } from './api/route-table.js';
import { csrfGuard, loadSession, requireRole } from './auth.js';
import { openCors } from './cors.js';
import { directLineRoutes } from './directline-routes.js';
import { errorHandler, notFoundHandler } from './errors.js';

export interface AppDeps {
  directLine: DirectLineService;
  logger: Logger;
  /** Folder of the built front ends (`widget.js`, pages). */
  webDir: string;
  /** Answers whether the bot can take messages (for `/healthz`). */
  isReady: () => boolean;
  version: string;
  sessions: SessionService;
  /** Each adds its routes to `/api`, declaring who may call them. */
  apiModules: ((api: ApiRouter) => void)[];
  /** New customer tokens and token-less conversations per client address and minute (default 60). */
  directLineStartsPerMinute?: number;
  /** Messages one conversation may post a minute. */
  messagesPerMinute?: number;
  /** Reverse proxies whose X-Forwarded-* headers are believed (default: none). */
  trustProxy?: TrustProxy;
}

/** Largest JSON body accepted anywhere; a 10 KB message plus its envelope fits easily. */
const BODY_LIMIT = '64kb';
const IMPORT_BODY_LIMIT = '5mb';

/**
 * Behind a proxy that Parley was not told about, every customer seems to come from the proxy's
 * address: they share one allowance of new chats and sign-ins. Say so once, naming the setting.
 */
function warnUntrustedProxy(logger: Logger): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        { setting: 'PARLEY_TRUST_PROXY' },
        'requests carry X-Forwarded-For but PARLEY_TRUST_PROXY is off: the header is ignored, so every client behind the proxy shares one rate limit; set PARLEY_TRUST_PROXY=1 (or the proxy\'s address) if Parley runs behind a reverse proxy',
      );
    }
    next();
  };
}

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The HTTP application: the only place that knows about express. */
export function createApp(deps: AppDeps): Express & { locals: { routes: RouteInfo[] } } {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Off by default: without a proxy in front, X-Forwarded-For is whatever the client wrote.
  app.set('trust proxy', deps.trustProxy ?? false);
  if (!deps.trustProxy) app.use(warnUntrustedProxy(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          frameAncestors: ["'self'"],
        },
      },
      // The widget script is loaded by other sites.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    const ready = deps.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'starting', version: deps.version });
  });

  // Chats, profiles and tickets are personal: no browser or proxy keeps a copy of any answer.
  app.use(['/v3/directline', '/api'], noStore);
  app.use('/v3/directline', openCors, express.json({ limit: BODY_LIMIT, type: () => true }), directLineRoutes(deps.directLine, { startsPerMinute: deps.directLineStartsPerMinute, messagesPerMinute: deps.messagesPerMinute }));

  const api = new ApiRouter('/api');
  for (const addRoutes of deps.apiModules) addRoutes(api);
  // A whole knowledge base (JSON or CSV) is far larger than a chat message: parsed only for an admin.
  app.use(['/api/knowledge/import', '/api/knowledge/utterances/import'], csrfGuard, loadSession(deps.sessions), requireRole('admin'), express.json({ limit: IMPORT_BODY_LIMIT }));
  app.use('/api', express.json({ limit: BODY_LIMIT }), csrfGuard, loadSession(deps.sessions), api.router);
  app.locals.routes = api.routes;

  for (const page of ['agent', 'admin']) {
    app.get(`/${page}`, (_req, res) => res.sendFile(path.join(deps.webDir, page, 'index.html')));
    app.use(`/${page}`, express.static(path.join(deps.webDir, page), { maxAge: '5m' }));
  }

  app.get('/widget.js', openCors, (_req, res) => {
    res.sendFile(path.join(deps.webDir, 'widget.js'), { maxAge: '5m' });
  });
  app.use(express.static(path.join(deps.webDir, 'site'), { index: 'index.html', maxAge: '5m' }));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app as Express & { locals: { routes: RouteInfo[] } };
}
