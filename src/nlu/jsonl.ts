import { readFile } from 'node:fs/promises';
import { parseJsonLines } from '../json-lines.js';
import type { TrainingExample } from './types.js';

/** Read `{"text","intent"}` lines; an error names the file and the line (see json-lines.ts). */
export async function readExamplesFile(file: string): Promise<TrainingExample[]> {
  return parseJsonLines(await readFile(file, 'utf8'), file).map(({ value, line }) => {
    const { text, intent } = (value ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || typeof intent !== 'string' || intent === '') {
      throw new Error(`${file}:${line}: expected {"text": string, "intent": string}`);
    }
    return { text, intent };
  });
}
