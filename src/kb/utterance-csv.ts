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

/** What an import does to one intent's examples in one language. */
export interface UtteranceImportChange {
  intent: string;
  language: Language;
  added: number;
  removed: number;
  /** The examples in that language after the import. */
  total: number;
}

/**
 * The utterances a CSV gives, per intent and language: only the (intent, language) pairs the file
 * has lines for. An unknown intent or language, or a bad line, names its line.
 */
function readUtteranceCsv(intents: readonly Intent[], csv: string): Map<string, Partial<Record<Language, string[]>>> {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const start = rows[0]?.join(',').trim().toLowerCase() === CSV_HEADER ? 1 : 0;
  const byIntent = new Map<string, Partial<Record<Language, string[]>>>();
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
    const lists = byIntent.get(name) ?? {};
    const list = (lists[language as Language] ??= []);
    if (!list.includes(text)) list.push(text);
    byIntent.set(name, lists);
  });
  return byIntent;
}

/**
 * The intents with the CSV's utterances in place of theirs, for each (intent, language) pair the
 * file has lines for; every other pair keeps its examples. So a file of English lines for one
 * intent never touches that intent's Chinese examples, nor any intent it does not name.
 */
export function applyUtteranceCsv(intents: readonly Intent[], csv: string): Intent[] {
  const given = readUtteranceCsv(intents, csv);
  return intents.map((intent) => {
    const lists = given.get(intent.name);
    return lists ? { ...intent, utterances: { en: lists.en ?? intent.utterances.en, zh: lists.zh ?? intent.utterances.zh } } : intent;
  });
}

/** Per intent and language, how many examples an import adds and removes (pairs it leaves alone are not listed). */
export function utteranceChanges(before: readonly Intent[], after: readonly Intent[]): UtteranceImportChange[] {
  const old = new Map(before.map((intent) => [intent.name, intent]));
  const changes: UtteranceImportChange[] = [];
  for (const intent of after) {
    for (const language of ['en', 'zh'] as const) {
      const was = new Set(old.get(intent.name)?.utterances[language] ?? []);
      const now = new Set(intent.utterances[language]);
      const added = [...now].filter((text) => !was.has(text)).length;
      const removed = [...was].filter((text) => !now.has(text)).length;
      if (added + removed > 0) changes.push({ intent: intent.name, language, added, removed, total: now.size });
    }
  }
  return changes;
}
