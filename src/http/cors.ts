import type { RequestHandler } from 'express';

/**
 * CORS for the routes a widget on another site calls (Direct Line, the widget script).
 * They authenticate with Bearer tokens, never cookies, so any origin may call them.
 */
export const openCors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Requested-With, x-ms-bot-agent');
  res.setHeader('Access-Control-Max-Age', '600');
  // A widget on another site may read when to try again after a 429 (not a safelisted header).
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};
