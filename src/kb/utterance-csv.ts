import type { Language } from '../nlu/types.js';
import { InvalidKnowledgeError } from './intent-validation.js';
import type { Intent } from './schema.js';

/** Example utterances as CSV, one per line: `intent,language,text` (RFC 4180 quoting). */
export const CSV_HEADER = 'intent,language,text';

/**
 * Excel and Sheets run a cell that starts with `= + - @`, tab or CR as a formula, and customers'
 * words reach this file through "Add as example" (`=HYPERLINK(…)`). Such a cell is written with a
 * leading `'`, which spreadsheets show as text; a cell that already starts with `'`s before one of
 * those characters gets one more, so the import can take exactly one off and a round trip is lossless.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

export const escapeFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
export const unescapeFormula = (value: string) => (ESCAPED_FORMULA.test(value) ? value.slice(1) : value);

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function utterancesToCsv(intents: readonly Intent[]): string {
  const lines = [CSV_HEADER];
  for (const intent of intents) {
    for (const language of ['en', 'zh'] as const) {
      for (const text of intent.utterances[language]) lines.push([intent.name, language, text].map((cell) => quote(escapeFormula(cell))).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows of a CSV text; quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/**
 * The intents with their utterances replaced by the CSV's, for every intent the CSV names;
 * intents it does not name keep theirs. An unknown intent or language names its line.
 */
export function applyUtteranceCsv(intents: readonly Intent[], csv: string): Intent[] {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const start = rows[0]?.join(',').trim().toLowerCase() === CSV_HEADER ? 1 : 0;
  const byIntent = new Map<string, Record<Language, string[]>>();
  const known = new Set(intents.map((intent) => intent.name));
  rows.slice(start).forEach((cells, index) => {
    const line = index + start + 1;
    const [name = '', language = '', text = ''] = cells.map((cell) => unescapeFormula(cell.trim()));
    const fail = (message: string) => {
      throw new InvalidKnowledgeError(`line ${line}: ${message}`, [{ path: `line ${line}`, message }]);
    };
    if (cells.length !== 3) fail('needs three columns: intent, language, text');
    if (!known.has(name)) fail(`unknown intent "${name}"`);
    if (language !== 'en' && language !== 'zh') fail(`language must be "en" or "zh"`);
    if (!text) fail('text must not be empty');
    const lists = byIntent.get(name) ?? { en: [], zh: [] };
    if (!lists[language as Language].includes(text)) lists[language as Language].push(text);
    byIntent.set(name, lists);
  });
  return intents.map((intent) => {
    const utterances = byIntent.get(intent.name);
    return utterances ? { ...intent, utterances } : intent;
  });
}
