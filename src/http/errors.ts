import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { fieldErrorsOf } from '../field-errors.js';
import { describeJsonError } from '../json-position.js';
import type { Logger } from '../logger.js';

/** Name what was wrong in a zod error: `text: text must be at most 10240 bytes`. */
export function describeZodError(error: ZodError, where: string): string {
  const issue = error.issues[0]!;
  const at = issue.path.length > 0 ? issue.path.join('.') : where;
  return `${at}: ${issue.message}`;
}

/**
 * A body that is not JSON, with where it breaks (body-parser keeps the text it read): line,
 * column and the words around, so an admin whose hand-edited knowledge file was refused can go
 * straight to the spot (`position`, for a page to word in its own language).
 */
function malformedJson(error: { body?: unknown; message?: unknown }) {
  const found = typeof error.body === 'string' ? describeJsonError(error.body, String(error.message ?? '')) : undefined;
  if (!found?.position) return { code: 'malformed_json', message: 'the request body is not valid JSON' };
  return { code: 'malformed_json', message: `the request body is not valid JSON: ${found.description}`, position: found.position };
}

/** A disk (or the user's quota on it) that is full: the request may succeed later, unchanged. */
const STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** Turn every error into `{ error: { code, message, fields? } }`; a 5xx hides internals and is logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } });
      return;
    }
    if (error instanceof ZodError) {
      res.status(400).json({ error: { code: 'invalid_request', message: describeZodError(error, 'body'), fields: fieldErrorsOf(error, 'body') } });
      return;
    }
    // body-parser's errors carry a status and a type: malformed JSON, too large, bad charset …
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 400 && status < 500) {
      if (error.type === 'entity.parse.failed') {
        res.status(status).json({ error: malformedJson(error) });
        return;
      }
      const code = error.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request';
      const message = code === 'payload_too_large' ? 'the request body is too large' : String(error.message ?? 'bad request');
      res.status(status).json({ error: { code, message } });
      return;
    }
    if (STORAGE_FULL.has((error as NodeJS.ErrnoException | undefined)?.code ?? '')) {
      // Nothing was acknowledged; a client that waits and sends again loses nothing.
      logger.error({ err: error, method: req.method, path: req.path }, 'the disk of DATA_DIR is full: free space there; changes are refused until then');
      res.set('Retry-After', '60');
      res.status(503).json({ error: { code: 'storage_full', message: 'the server cannot store anything right now; try again in a few minutes' } });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'something went wrong on our side' } });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
};
