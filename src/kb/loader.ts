import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZodError } from 'zod';
import { describeJsonError } from '../json-position.js';
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
    // Where it breaks, as in the admin's import: a file edited by hand is found by line and column.
    throw new KnowledgeError(`${file}: not valid JSON: ${describeJsonError(text, (error as Error).message).description}`, file, '$');
  }
  const parsed = knowledgeFileSchema.safeParse(json);
  if (!parsed.success) throw firstIssue(parsed.error, file);
  return parsed.data.intents;
}

/** Where an intent was read: its file, and its place in the file's `intents`. */
export interface IntentSource {
  file: string;
  at: number;
}

/**
 * Checks that span files: intent names are unique. `sourceOf(i)`: where the i-th intent was read.
 * A second definition is named where it stands, with the file of the first.
 */
export function checkIntents(intents: readonly Intent[], sourceOf: (index: number) => IntentSource): void {
  const first = new Map<string, number>();
  intents.forEach((intent, index) => {
    const earlier = first.get(intent.name);
    if (earlier === undefined) return void first.set(intent.name, index);
    const [was, is] = [sourceOf(earlier), sourceOf(index)];
    const also = was.file === is.file ? `also at $.intents[${was.at}]` : `also in ${was.file}`;
    throw new KnowledgeError(`${is.file}: intent "${intent.name}" is defined twice (${also})`, is.file, `$.intents[${is.at}].name`);
  });
}

/** Load every `*.json` file of a knowledge directory, in name order, validated. */
export async function loadKnowledgeDir(dir: string): Promise<Intent[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new KnowledgeError(`${dir}: no .json knowledge files`, dir, '$');
  const sources: IntentSource[] = [];
  const intents: Intent[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    parseKnowledgeFile(await readFile(file, 'utf8'), file).forEach((intent, at) => {
      sources.push({ file, at });
      intents.push(intent);
    });
  }
  checkIntents(intents, (index) => sources[index]!);
  return intents;
}

/** Every example utterance of every intent, both languages, as training data. */
export function toTrainingExamples(intents: readonly Intent[]): TrainingExample[] {
  return intents.flatMap((intent) =>
    [...intent.utterances.en, ...intent.utterances.zh].map((text) => ({ text, intent: intent.name })),
  );
}
