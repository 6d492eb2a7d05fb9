import type { ZodError } from 'zod';
import { AppError } from '../errors.js';
import { intentSchema, knowledgeFileSchema, type Intent } from './schema.js';

/** One field that failed validation, by its path in the intent: `utterances.zh.2`. */
export interface FieldError {
  path: string;
  /** In English, for API users and logs; pages word `code` in their own language. */
  message: string;
  /** What is wrong: `empty`, `too_long` (`limit` characters at most), `too_few` (`limit` at least), `invalid_format`, `invalid_type`, `unknown_key`, `other`. */
  code?: FieldErrorCode;
  limit?: number;
}

export type FieldErrorCode = 'empty' | 'too_long' | 'too_few' | 'invalid_format' | 'invalid_type' | 'unknown_key' | 'other';

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
    default:
      return { code: 'other' };
  }
}

/** A 400 that lists every field in error, so an editor can show each next to its field. */
export class InvalidKnowledgeError extends AppError {
  constructor(
    message: string,
    readonly fields: FieldError[],
  ) {
    super(400, 'invalid_intent', message);
  }
}

function fieldsOf(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '$',
    message: issue.message,
    ...kindOf(issue),
  }));
}

const describe = (fields: FieldError[]) => fields.map((field) => `${field.path}: ${field.message}`).join('; ');

/** An intent checked with the same schema the loader uses for `knowledge/*.json`. */
export function validateIntent(input: unknown): Intent {
  const parsed = intentSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw new InvalidKnowledgeError(describe(fields), fields);
  }
  return parsed.data;
}

/** A whole knowledge base (`{ intents: [...] }`), checked as at load, names unique. */
export function validateKnowledge(input: unknown): Intent[] {
  const parsed = knowledgeFileSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw new InvalidKnowledgeError(describe(fields), fields);
  }
  const seen = new Set<string>();
  parsed.data.intents.forEach((intent, index) => {
    if (seen.has(intent.name)) {
      const field = { path: `intents.${index}.name`, message: `intent "${intent.name}" is defined twice` };
      throw new InvalidKnowledgeError(describe([field]), [field]);
    }
    seen.add(intent.name);
  });
  if (parsed.data.intents.length === 0) {
    const field = { path: 'intents', message: 'the knowledge base needs at least one intent' };
    throw new InvalidKnowledgeError(describe([field]), [field]);
  }
  return parsed.data.intents;
}
