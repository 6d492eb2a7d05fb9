import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZodError } from 'zod';
import type { TrainingExample } from '../nlu/types.js';
import { knowledgeFileSchema, type Intent } from './schema.js';

/** A knowledge base that failed validation; the message names the file and the JSON path. */
export class KnowledgeError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly jsonPath: string,
  ) {
    super(message);
    this.name = 'KnowledgeError';
  }
}

function jsonPathOf(pathParts: readonly PropertyKey[]): string {
  return pathParts.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`),
    '$',
  );
}

function firstIssue(error: ZodError, file: string): KnowledgeError {
  const issue = error.issues[0]!;
  const at = jsonPathOf(issue.path);
  return new KnowledgeError(`${file}: ${at}: ${issue.message}`, file, at);
}

/** Parse and validate one knowledge file's text. */
export function parseKnowledgeFile(text: string, file: string): Intent[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KnowledgeError(`${file}: not valid JSON: ${(error as Error).message}`, file, '$');
  }
  const parsed = knowledgeFileSchema.safeParse(json);
  if (!parsed.success) throw firstIssue(parsed.error, file);
  return parsed.data.intents;
}

/** Checks that span files: intent names are unique. */
export function checkIntents(intents: readonly Intent[], where: (name: string) => string): void {
  const seen = new Set<string>();
  for (const intent of intents) {
    if (seen.has(intent.name)) {
      throw new KnowledgeError(`${where(intent.name)}: intent "${intent.name}" is defined twice`, where(intent.name), '$.intents');
    }
    seen.add(intent.name);
  }
}

/** Load every `*.json` file of a knowledge directory, in name order, validated. */
export async function loadKnowledgeDir(dir: string): Promise<Intent[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new KnowledgeError(`${dir}: no .json knowledge files`, dir, '$');
  const fileOf = new Map<string, string>();
  const intents: Intent[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    for (const intent of parseKnowledgeFile(await readFile(file, 'utf8'), file)) {
      if (!fileOf.has(intent.name)) fileOf.set(intent.name, file);
      intents.push(intent);
    }
  }
  checkIntents(intents, (name) => fileOf.get(name) ?? dir);
  return intents;
}

/** Every example utterance of every intent, both languages, as training data. */
export function toTrainingExamples(intents: readonly Intent[]): TrainingExample[] {
  return intents.flatMap((intent) =>
    [...intent.utterances.en, ...intent.utterances.zh].map((text) => ({ text, intent: intent.name })),
  );
}
