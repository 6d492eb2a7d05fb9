import { AppError } from '../errors.js';
import { type FieldError, fieldErrorsOf } from '../field-errors.js';
import { intentSchema, knowledgeFileSchema, type Intent } from './schema.js';

/** A 400 that lists every field in error, so an editor can show each next to its field. */
export class InvalidKnowledgeError extends AppError {
  constructor(
    message: string,
    override readonly fields: FieldError[],
  ) {
    super(400, 'invalid_intent', message, fields);
  }
}

const describe = (fields: FieldError[]) => fields.map((field) => `${field.path}: ${field.message}`).join('; ');

/** An intent checked with the same schema the loader uses for `knowledge/*.json`. */
export function validateIntent(input: unknown): Intent {
  const parsed = intentSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    throw new InvalidKnowledgeError(describe(fields), fields);
  }
  return parsed.data;
}

/** A whole knowledge base (`{ intents: [...] }`), checked as at load, names unique. */
export function validateKnowledge(input: unknown): Intent[] {
  const parsed = knowledgeFileSchema.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
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
