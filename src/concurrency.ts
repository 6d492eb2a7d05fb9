/**
 * `work` on every item, at most `limit` at a time; the results in the items' order. For jobs
 * that read one file per item (reports over thousands of conversations): all at once would
 * hold thousands of files open and put every customer's read behind them.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A promise that settles after the event loop's next turn of I/O (`setImmediate`): long work on
 * the chat thread awaits it between steps, so the turns of customers waiting meanwhile go first.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `each` on every item, `perStep` items at a time, awaiting `pause` before each step: long work
 * on the chat thread cut into steps of a few milliseconds (pass `nextTurn`).
 */
export async function forEachInSteps<T>(items: readonly T[], perStep: number, pause: () => Promise<void>, each: (item: T) => void): Promise<void> {
  for (let from = 0; from < items.length; from += perStep) {
    await pause();
    for (const item of items.slice(from, from + perStep)) each(item);
  }
}
