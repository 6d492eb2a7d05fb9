import type { z } from 'zod';
import { AppError } from '../errors.js';
import { fieldErrorsOf } from '../field-errors.js';
import { describeZodError } from './errors.js';

/** Parse a request part with a zod schema, or answer 400 naming what was wrong (and listing every field at fault). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError(400, 'invalid_request', describeZodError(result.error, where), fieldErrorsOf(result.error, where));
  return result.data;
}
