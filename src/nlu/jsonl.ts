import { readFile } from 'node:fs/promises';
import type { TrainingExample } from './types.js';

/** Read `{"text","intent"}` lines; an error names the file and the line. Blank lines are skipped. */
export async function readExamplesFile(file: string): Promise<TrainingExample[]> {
  const content = await readFile(file, 'utf8');
  const examples: TrainingExample[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const { text, intent } = (row ?? {}) as Record<string, unknown>;
    if (typeof text !== 'string' || typeof intent !== 'string' || intent === '') {
      throw new Error(`${file}:${i + 1}: expected {"text": string, "intent": string}`);
    }
    examples.push({ text, intent });
  });
  return examples;
}
