import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * Open files are a limited resource of the process (`ulimit -n`: Node raises the soft limit to
 * the hard one, which servers often leave at 1,024–4,096, and every customer's WebSocket is a
 * descriptor too). Three rules keep the stores inside it:
 *
 * - Reads go through one gate, at most `READS_AT_ONCE` files open for reading at a time. A
 *   report that reads ten thousand transcripts queues its reads instead of opening them all at
 *   once — which ran the process out of descriptors and failed other customers' turns with it.
 * - Each pool of kept-open append descriptors (four of them) holds at most an eighth of the
 *   limit, so half of it is always left for sockets and reads.
 * - When opening still fails with EMFILE/ENFILE (thousands of sockets), the stores let go of
 *   half of the append descriptors they keep open and the open is retried.
 */
const READS_AT_ONCE = 16;
const RETRIES = 5;

/** The process's limit on open files (Linux: /proc/self/limits), undefined when unknown. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((row) => row.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) && soft > 0 ? soft : undefined;
  } catch {
    return undefined;
  }
}

/** How many descriptors a pool may keep open: what it wants, within an eighth of the process's limit. */
export function keptOpenLimit(wanted: number): number {
  const limit = openFileLimit();
  return limit === undefined ? wanted : Math.max(4, Math.min(wanted, Math.floor(limit / 8)));
}

/** Pools of kept-open descriptors (see open-files.ts) that can close some when the process runs short. */
export interface Sheddable {
  /** Close about half of the descriptors kept open; returns how many were closed. */
  shed(): number;
}

const pools = new Set<Sheddable>();

export function registerPool(pool: Sheddable): void {
  pools.add(pool);
}

const outOfDescriptors = (error: unknown) => ['EMFILE', 'ENFILE'].includes((error as NodeJS.ErrnoException)?.code ?? '');

/** Run `open` (anything that opens a file), shedding kept-open descriptors and retrying if the process has none left. */
export async function withDescriptor<T>(open: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!outOfDescriptors(error) || attempt === RETRIES) throw error;
      for (const pool of pools) pool.shed();
      // Descriptors closed by others (a report's reads finishing) come back within milliseconds.
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt));
    }
  }
}

let reading = 0;
const waiting: (() => void)[] = [];

/** A whole file as text, read through the gate. */
export async function readTextFile(file: string): Promise<string> {
  if (reading >= READS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else reading += 1;
  try {
    return await withDescriptor(() => readFile(file, 'utf8'));
  } finally {
    // Hand the slot straight to the next read in line (reading stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else reading -= 1;
  }
}
