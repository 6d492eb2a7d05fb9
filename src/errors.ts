import type { FieldError } from './field-errors.js';

/**
 * The one error type that carries an HTTP-style status and a stable machine-readable code.
 * Domain code throws it without knowing about HTTP; the HTTP layer maps it to
 * `{ "error": { "code", "message", "fields"? } }`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a rejected body: every field at fault, so a page can word and place each. */
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'a valid token is required') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
