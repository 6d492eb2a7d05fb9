import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The version of the file layout under `DATA_DIR`, kept in `DATA_DIR/format.json`.
 *
 * A release reads every format up to its own and refuses a newer one, so an older Parley started
 * on data a newer one wrote stops with a message instead of misreading (and rewriting) it. Bump
 * it when a release writes something an older one would misread, and migrate older data where it
 * is read. Format 1 is everything written so far, including data from before this file existed.
 */
export const DATA_FORMAT = 1;

export const FORMAT_FILE = 'format.json';

/** The data under `DATA_DIR` is not something this release may open: a newer format, or no readable format at all. */
export class DataFormatError extends Error {
  constructor(
    readonly file: string,
    /** The format the file names; undefined when it names none. */
    readonly found: number | undefined,
  ) {
    super(found === undefined ? `${file} names no data format` : `${file} names data format ${found}; this release reads up to ${DATA_FORMAT}`);
  }
}

/**
 * Check `dataDir`'s format before anything reads or writes it; a folder without `format.json`
 * (new, or from before the file existed) gets one saying this release's format.
 */
export function checkDataFormat(dataDir: string): void {
  const file = path.join(dataDir, FORMAT_FILE);
  if (!existsSync(file)) {
    // Written whole, on disk, then renamed into place: not even a power cut leaves an empty one.
    const fd = openSync(`${file}.tmp`, 'w');
    try {
      writeSync(fd, `${JSON.stringify({ format: DATA_FORMAT })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(`${file}.tmp`, file);
    return;
  }
  const format = formatIn(readFileSync(file, 'utf8'));
  if (format === undefined || format > DATA_FORMAT) throw new DataFormatError(file, format);
}

function formatIn(text: string): number | undefined {
  try {
    const format = (JSON.parse(text) as { format?: unknown } | null)?.format;
    return Number.isInteger(format) && (format as number) >= 1 ? (format as number) : undefined;
  } catch {
    return undefined;
  }
}
