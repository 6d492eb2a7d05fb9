import type { ZodError } from 'zod';

/** One field that failed validation, by its path in the request body: `utterances.zh.2`, `description`. */
export interface FieldError {
  path: string;
  /** In English, for API users and logs; pages word `code` in their own language. */
  message: string;
  /**
   * What is wrong: `empty`, `too_long` (`limit` characters at most), `too_short` (`limit` characters at
   * least, spaces not counted: a password), `too_few` (`limit` at least), `invalid_format`,
   * `invalid_type`, `unknown_key`, `other`.
   */
  code?: FieldErrorCode;
  limit?: number;
}

export type FieldErrorCode = 'empty' | 'too_long' | 'too_short' | 'too_few' | 'invalid_format' | 'invalid_type' | 'unknown_key' | 'other';

type Issue = ZodError['issues'][number];

/** The page-wordable kind of a schema complaint. */
function kindOf(issue: Issue): Pick<FieldError, 'code' | 'limit'> {
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum);
      return issue.origin === 'string' && limit <= 1 ? { code: 'empty' } : { code: 'too_few', limit };
    }
    case 'too_big':
      return { code: 'too_long', limit: Number(issue.maximum) };
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'invalid_type':
      return { code: 'invalid_type' };
    case 'unrecognized_keys':
      return { code: 'unknown_key' };
    case 'custom':
      // A rule of our own (a refine) that names its kind in `params`, e.g. the password's length.
      return issue.params?.code === 'too_short' ? { code: 'too_short', limit: Number(issue.params.limit) } : { code: 'other' };
    default:
      return { code: 'other' };
  }
}

/** Every field a schema rejected; `where` names the whole value when the complaint is about it (`body`). */
export function fieldErrorsOf(error: ZodError, where = '$'): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    message: issue.message,
    ...kindOf(issue),
  }));
}
