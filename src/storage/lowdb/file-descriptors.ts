import { existsSync, readFile as readFileCallback, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Open files are a limited resource of the process (`ulimit -n`: Node raises the soft limit to
 * the hard one, which servers often leave at 1,024–4,096, and every customer's WebSocket is a
 * descriptor too). Three rules keep the stores inside it:
 *
 * - Opening and reading go through one gate, at most `FILES_AT_ONCE` at a time. A report that
 *   reads ten thousand transcripts queues its reads instead of opening them all at once — which
 *   ran the process out of descriptors and failed other customers' turns with it.
 * - Each pool of kept-open append descriptors holds at most a tenth of the limit: the five of
 *   them (transcripts and four document stores) leave half of it for sockets and reads.
 * - When opening still fails with EMFILE/ENFILE (thousands of sockets), the stores let go of
 *   half of the append descriptors they keep open and the open is retried.
 */
/** Files being opened or read at once; the thread pool has four threads, so more would only queue there. */
const FILES_AT_ONCE = 16;
const RETRIES = 8;

let knownLimit: { value: number | undefined } | undefined;

/** The process's limit on open files (Linux: /proc/self/limits, read once), undefined when unknown. */
function openFileLimit(): number | undefined {
  knownLimit ??= { value: readOpenFileLimit() };
  return knownLimit.value;
}

function readOpenFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((row) => row.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) && soft > 0 ? soft : undefined;
  } catch {
    return undefined;
  }
}

/** How many descriptors a pool may keep open: what it wants, within a tenth of the process's limit. */
export function keptOpenLimit(wanted: number): number {
  const limit = openFileLimit();
  return limit === undefined ? wanted : Math.max(4, Math.min(wanted, Math.floor(limit / 10)));
}

/** Pools of kept-open descriptors (see open-files.ts) that can close some when the process runs short. */
export interface Sheddable {
  /** Close about half of the descriptors kept open. */
  shed(): void;
}

/** Weakly held: a store that is no longer used is not kept alive by being registered. */
const pools = new Set<WeakRef<Sheddable>>();

export function registerPool(pool: Sheddable): void {
  pools.add(new WeakRef(pool));
}

function shedAll(): void {
  for (const ref of pools) {
    const pool = ref.deref();
    if (pool) pool.shed();
    else pools.delete(ref);
  }
}

const outOfDescriptors = (error: unknown) => ['EMFILE', 'ENFILE'].includes((error as NodeJS.ErrnoException)?.code ?? '');

let opening = 0;
const waiting: (() => void)[] = [];

/**
 * Run `open` (anything that opens a file: a read, an append descriptor, a rewrite) through the
 * gate; if the process has no descriptor left, shed kept-open ones and retry.
 */
export async function withDescriptor<T>(open: () => Promise<T>): Promise<T> {
  if (opening >= FILES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else opening += 1;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await open();
      } catch (error) {
        if (!outOfDescriptors(error) || attempt === RETRIES) throw error;
        shedAll();
        // Descriptors closed by others (reads finishing, sockets closing) come back within milliseconds.
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * 2 ** attempt)));
      }
    }
  } finally {
    // Hand the slot straight to the next in line (`opening` stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else opening -= 1;
  }
}

/**
 * The callback `readFile`, not `fs/promises`: the latter goes through a FileHandle and cost the
 * event loop about twice as much per small file (10,000 transcripts: ~440 ms against ~240 ms).
 */
const readFile = promisify(readFileCallback);

/** A whole file as text, through the gate. */
export const readTextFile = (file: string): Promise<string> => withDescriptor(() => readFile(file, 'utf8'));

/**
 * A file's text, `undefined` when there is none. A missing file (every new conversation's) is
 * answered by a synchronous existence check, without a round trip to the thread pool.
 */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    return await readTextFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
