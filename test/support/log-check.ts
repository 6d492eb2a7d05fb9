import { readFileSync } from 'node:fs';

/**
 * The needles (customer sentences, e-mail addresses) that appear in a server's log file.
 * Logs must never carry what customers wrote: an empty answer is the expected one.
 */
export function personalDataInLog(logFile: string, needles: string[]): string[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  // JSON logs escape non-ASCII only sometimes; compare both the raw and the JSON-escaped form.
  return needles.filter((needle) => needle.length >= 6 && (text.includes(needle) || text.includes(JSON.stringify(needle).slice(1, -1))));
}
