/**
 * Time passing, for the retention sweep: with the server stopped, move conversations `days`
 * into the past in its files (every transcript line's time and the conversation record's
 * creation, in the snapshot and its journal). The next start's sweep then finds them quiet for
 * that long, as it would a real chat left alone since. A last line cut short by a kill is kept
 * as it is.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileNameFor } from '../../src/storage/lowdb/file-names.js';

const DAY_MS = 86_400_000;

export function ageConversations(dataDir: string, ids: ReadonlySet<string>, days: number): void {
  const back = (iso: string) => new Date(Date.parse(iso) - days * DAY_MS).toISOString();
  for (const id of ids) {
    rewriteLines(path.join(dataDir, 'transcripts', `${fileNameFor(id)}.jsonl`), (activity: { timestamp: string }) => ({ ...activity, timestamp: back(activity.timestamp) }));
  }
  const aged = <T extends { id: string; createdAt: string }>(record: T): T => (ids.has(record.id) ? { ...record, createdAt: back(record.createdAt) } : record);
  const snapshot = path.join(dataDir, 'conversations.json');
  if (existsSync(snapshot)) {
    const { items } = JSON.parse(readFileSync(snapshot, 'utf8')) as { items: Record<string, { id: string; createdAt: string }> };
    replaceFile(snapshot, JSON.stringify({ items: Object.fromEntries(Object.entries(items).map(([key, record]) => [key, aged(record)])) }));
  }
  rewriteLines(path.join(dataDir, 'conversations.journal.jsonl'), (entry: { p?: { id: string; createdAt: string }; d?: string }) => (entry.p ? { p: aged(entry.p) } : entry));
}

/** Each whole line of a JSON Lines file through `change`; a last line without its newline stays as it was. */
function rewriteLines<T>(file: string, change: (value: T) => T): void {
  if (!existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').split('\n');
  const tail = lines.pop()!;
  const changed = lines.map((line) => (line ? JSON.stringify(change(JSON.parse(line) as T)) : line));
  replaceFile(file, [...changed, tail].join('\n'));
}

function replaceFile(file: string, text: string): void {
  writeFileSync(`${file}.aging`, text);
  renameSync(`${file}.aging`, file);
}
