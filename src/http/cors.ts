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
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};
