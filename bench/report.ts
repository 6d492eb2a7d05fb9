import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const notesHeading = '## Notes';

/**
 * Writes a bench's generated report to `file`, keeping what a person wrote under `## Notes` at the
 * end of the file it replaces: a rerun refreshes the figures without losing what was read in them.
 * Returns the text written.
 */
export function writeReport(file: string, generated: string): string {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = previous.indexOf(`\n${notesHeading}\n`);
  const notes = at >= 0 ? previous.slice(at + 1) : '';
  const text = notes ? `${generated.trimEnd()}\n\n${notes}` : generated;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return text;
}
